// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// Unary ops keep the operand's type (or its shape, for boolean results).
// CHECK-LABEL: func.func @unary
// CHECK: ds.sigmoid {{.*}} -> tensor<2x?xf32>
// CHECK: ds.is_inf {{.*}} -> tensor<2x?xi1>
// CHECK: ds.leaky_relu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.not {{.*}} -> tensor<2x?xi1>
func.func @unary(%x: tensor<2x?xf32>) -> (tensor<*xf32>, tensor<*xi1>) {
  %0 = ds.sigmoid %x : (tensor<2x?xf32>) -> tensor<*xf32>
  %1 = ds.is_inf %0 : (tensor<*xf32>) -> tensor<*xi1>
  %2 = ds.leaky_relu %0 : (tensor<*xf32>) -> tensor<*xf32>
  %3 = ds.not %1 : (tensor<*xi1>) -> tensor<*xi1>
  return %2, %3 : tensor<*xf32>, tensor<*xi1>
}

// -----

// An unranked operand gives an unranked result.
// CHECK-LABEL: func.func @unranked
// CHECK: ds.add {{.*}} -> tensor<*xf32>
func.func @unranked(%x: tensor<*xf32>, %y: tensor<3xf32>) -> tensor<*xf32> {
  %0 = ds.add %x, %y : (tensor<*xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Broadcasting: ? against 1 stays ?, ? against n gives n, ranks align right.
// CHECK-LABEL: func.func @broadcast
// CHECK: ds.mul {{.*}} -> tensor<7x?x5xf32>
// CHECK: ds.equal {{.*}} -> tensor<7x?x5xi1>
// CHECK: ds.where {{.*}} -> tensor<7x?x5xf32>
// CHECK: ds.pow {{.*}} -> tensor<7x?x5xf32>
func.func @broadcast(%a: tensor<?x?x1xf32>, %b: tensor<7x1x5xf32>, %s: tensor<f32>, %e: tensor<i32>)
    -> (tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.mul %a, %b : (tensor<?x?x1xf32>, tensor<7x1x5xf32>) -> tensor<*xf32>
  %1 = ds.equal %0, %s : (tensor<*xf32>, tensor<f32>) -> tensor<*xi1>
  %2 = ds.where %1, %0, %s : (tensor<*xi1>, tensor<*xf32>, tensor<f32>) -> tensor<*xf32>
  %3 = ds.pow %2, %e : (tensor<*xf32>, tensor<i32>) -> tensor<*xf32>
  return %2, %3 : tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @clip_and_bits
// CHECK: ds.clip {{.*}} -> tensor<1x?xi32>
// CHECK: ds.bitwise_and {{.*}} -> tensor<4x?xi32>
// CHECK: ds.bit_shift {{.*}} -> tensor<4xui8>
func.func @clip_and_bits(%x: tensor<1x?xi32>, %lo: tensor<i32>, %y: tensor<4x1xi32>, %u: tensor<4xui8>)
    -> (tensor<*xi32>, tensor<?xui8>) {
  %0 = ds.clip %x min %lo : (tensor<1x?xi32>, tensor<i32>) -> tensor<*xi32>
  %1 = ds.bitwise_and %0, %y : (tensor<*xi32>, tensor<4x1xi32>) -> tensor<*xi32>
  %2 = ds.bit_shift %u, %u {direction = "LEFT"} : (tensor<4xui8>, tensor<4xui8>) -> tensor<?xui8>
  return %1, %2 : tensor<*xi32>, tensor<?xui8>
}

// -----

// Every unary op refines an unranked result to its operand's type.
// CHECK-LABEL: func.func @all_unary
// CHECK: ds.exp {{.*}} -> tensor<2x?xf32>
// CHECK: ds.log {{.*}} -> tensor<2x?xf32>
// CHECK: ds.sqrt {{.*}} -> tensor<2x?xf32>
// CHECK: ds.reciprocal {{.*}} -> tensor<2x?xf32>
// CHECK: ds.sigmoid {{.*}} -> tensor<2x?xf32>
// CHECK: ds.tanh {{.*}} -> tensor<2x?xf32>
// CHECK: ds.erf {{.*}} -> tensor<2x?xf32>
// CHECK: ds.sin {{.*}} -> tensor<2x?xf32>
// CHECK: ds.cos {{.*}} -> tensor<2x?xf32>
// CHECK: ds.tan {{.*}} -> tensor<2x?xf32>
// CHECK: ds.asin {{.*}} -> tensor<2x?xf32>
// CHECK: ds.acos {{.*}} -> tensor<2x?xf32>
// CHECK: ds.atan {{.*}} -> tensor<2x?xf32>
// CHECK: ds.sinh {{.*}} -> tensor<2x?xf32>
// CHECK: ds.cosh {{.*}} -> tensor<2x?xf32>
// CHECK: ds.asinh {{.*}} -> tensor<2x?xf32>
// CHECK: ds.acosh {{.*}} -> tensor<2x?xf32>
// CHECK: ds.atanh {{.*}} -> tensor<2x?xf32>
// CHECK: ds.softplus {{.*}} -> tensor<2x?xf32>
// CHECK: ds.softsign {{.*}} -> tensor<2x?xf32>
// CHECK: ds.floor {{.*}} -> tensor<2x?xf32>
// CHECK: ds.ceil {{.*}} -> tensor<2x?xf32>
// CHECK: ds.round {{.*}} -> tensor<2x?xf32>
// CHECK: ds.mish {{.*}} -> tensor<2x?xf32>
// CHECK: ds.hard_swish {{.*}} -> tensor<2x?xf32>
// CHECK: ds.relu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.elu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.celu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.selu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.hard_sigmoid {{.*}} -> tensor<2x?xf32>
// CHECK: ds.thresholded_relu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.gelu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.leaky_relu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.neg {{.*}} -> tensor<2x?xf32>
// CHECK: ds.abs {{.*}} -> tensor<2x?xf32>
// CHECK: ds.sign {{.*}} -> tensor<2x?xf32>
// CHECK: ds.identity {{.*}} -> tensor<2x?xf32>
// CHECK: ds.is_nan {{.*}} -> tensor<2x?xi1>
// CHECK: ds.cast {{.*}} -> tensor<2x?xi32>
// CHECK: ds.bitwise_not {{.*}} -> tensor<2x?xi32>
func.func @all_unary(%x: tensor<2x?xf32>) -> (tensor<*xf32>, tensor<*xi1>, tensor<*xi32>) {
  %0 = ds.exp %x : (tensor<2x?xf32>) -> tensor<*xf32>
  %1 = ds.log %0 : (tensor<*xf32>) -> tensor<*xf32>
  %2 = ds.sqrt %1 : (tensor<*xf32>) -> tensor<*xf32>
  %3 = ds.reciprocal %2 : (tensor<*xf32>) -> tensor<*xf32>
  %4 = ds.sigmoid %3 : (tensor<*xf32>) -> tensor<*xf32>
  %5 = ds.tanh %4 : (tensor<*xf32>) -> tensor<*xf32>
  %6 = ds.erf %5 : (tensor<*xf32>) -> tensor<*xf32>
  %7 = ds.sin %6 : (tensor<*xf32>) -> tensor<*xf32>
  %8 = ds.cos %7 : (tensor<*xf32>) -> tensor<*xf32>
  %9 = ds.tan %8 : (tensor<*xf32>) -> tensor<*xf32>
  %10 = ds.asin %9 : (tensor<*xf32>) -> tensor<*xf32>
  %11 = ds.acos %10 : (tensor<*xf32>) -> tensor<*xf32>
  %12 = ds.atan %11 : (tensor<*xf32>) -> tensor<*xf32>
  %13 = ds.sinh %12 : (tensor<*xf32>) -> tensor<*xf32>
  %14 = ds.cosh %13 : (tensor<*xf32>) -> tensor<*xf32>
  %15 = ds.asinh %14 : (tensor<*xf32>) -> tensor<*xf32>
  %16 = ds.acosh %15 : (tensor<*xf32>) -> tensor<*xf32>
  %17 = ds.atanh %16 : (tensor<*xf32>) -> tensor<*xf32>
  %18 = ds.softplus %17 : (tensor<*xf32>) -> tensor<*xf32>
  %19 = ds.softsign %18 : (tensor<*xf32>) -> tensor<*xf32>
  %20 = ds.floor %19 : (tensor<*xf32>) -> tensor<*xf32>
  %21 = ds.ceil %20 : (tensor<*xf32>) -> tensor<*xf32>
  %22 = ds.round %21 : (tensor<*xf32>) -> tensor<*xf32>
  %23 = ds.mish %22 : (tensor<*xf32>) -> tensor<*xf32>
  %24 = ds.hard_swish %23 : (tensor<*xf32>) -> tensor<*xf32>
  %25 = ds.relu %24 : (tensor<*xf32>) -> tensor<*xf32>
  %26 = ds.elu %25 : (tensor<*xf32>) -> tensor<*xf32>
  %27 = ds.celu %26 : (tensor<*xf32>) -> tensor<*xf32>
  %28 = ds.selu %27 : (tensor<*xf32>) -> tensor<*xf32>
  %29 = ds.hard_sigmoid %28 : (tensor<*xf32>) -> tensor<*xf32>
  %30 = ds.thresholded_relu %29 : (tensor<*xf32>) -> tensor<*xf32>
  %31 = ds.gelu %30 : (tensor<*xf32>) -> tensor<*xf32>
  %32 = ds.leaky_relu %31 : (tensor<*xf32>) -> tensor<*xf32>
  %33 = ds.neg %32 : (tensor<*xf32>) -> tensor<*xf32>
  %34 = ds.abs %33 : (tensor<*xf32>) -> tensor<*xf32>
  %35 = ds.sign %34 : (tensor<*xf32>) -> tensor<*xf32>
  %36 = ds.identity %35 : (tensor<*xf32>) -> tensor<*xf32>
  %n = ds.is_nan %36 : (tensor<*xf32>) -> tensor<*xi1>
  %c = ds.cast %36 : (tensor<*xf32>) -> tensor<2x?xi32>
  %b = ds.bitwise_not %c : (tensor<2x?xi32>) -> tensor<*xi32>
  return %36, %n, %b : tensor<*xf32>, tensor<*xi1>, tensor<*xi32>
}

// -----

// Every binary op broadcasts ?x1 against 1x5 to ?x5.
// CHECK-LABEL: func.func @all_binary
// CHECK: ds.sub {{.*}} -> tensor<?x5xf32>
// CHECK: ds.div {{.*}} -> tensor<?x5xf32>
// CHECK: ds.max {{.*}} -> tensor<?x5xf32>
// CHECK: ds.min {{.*}} -> tensor<?x5xf32>
// CHECK: ds.prelu {{.*}} -> tensor<?x5xf32>
// CHECK: ds.greater {{.*}} -> tensor<?x5xi1>
// CHECK: ds.greater_or_equal {{.*}} -> tensor<?x5xi1>
// CHECK: ds.less {{.*}} -> tensor<?x5xi1>
// CHECK: ds.less_or_equal {{.*}} -> tensor<?x5xi1>
// CHECK: ds.mod {{.*}} -> tensor<?x5xi32>
// CHECK: ds.bitwise_or {{.*}} -> tensor<?x5xi32>
// CHECK: ds.bitwise_xor {{.*}} -> tensor<?x5xi32>
// CHECK: ds.and {{.*}} -> tensor<?x5xi1>
// CHECK: ds.or {{.*}} -> tensor<?x5xi1>
// CHECK: ds.xor {{.*}} -> tensor<?x5xi1>
func.func @all_binary(%a: tensor<?x1xf32>, %b: tensor<1x5xf32>, %i: tensor<?x1xi32>, %j: tensor<1x5xi32>, %p: tensor<?x1xi1>, %q: tensor<1x5xi1>)
    -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xi1>, tensor<*xi1>, tensor<*xi1>, tensor<*xi1>, tensor<*xi32>, tensor<*xi32>, tensor<*xi32>, tensor<*xi1>, tensor<*xi1>, tensor<*xi1>) {
  %sub = ds.sub %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xf32>
  %div = ds.div %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xf32>
  %max = ds.max %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xf32>
  %min = ds.min %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xf32>
  %prelu = ds.prelu %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xf32>
  %greater = ds.greater %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xi1>
  %greater_or_equal = ds.greater_or_equal %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xi1>
  %less = ds.less %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xi1>
  %less_or_equal = ds.less_or_equal %a, %b : (tensor<?x1xf32>, tensor<1x5xf32>) -> tensor<*xi1>
  %mod = ds.mod %i, %j : (tensor<?x1xi32>, tensor<1x5xi32>) -> tensor<*xi32>
  %bitwise_or = ds.bitwise_or %i, %j : (tensor<?x1xi32>, tensor<1x5xi32>) -> tensor<*xi32>
  %bitwise_xor = ds.bitwise_xor %i, %j : (tensor<?x1xi32>, tensor<1x5xi32>) -> tensor<*xi32>
  %and = ds.and %p, %q : (tensor<?x1xi1>, tensor<1x5xi1>) -> tensor<*xi1>
  %or = ds.or %p, %q : (tensor<?x1xi1>, tensor<1x5xi1>) -> tensor<*xi1>
  %xor = ds.xor %p, %q : (tensor<?x1xi1>, tensor<1x5xi1>) -> tensor<*xi1>
  return %sub, %div, %max, %min, %prelu, %greater, %greater_or_equal, %less, %less_or_equal, %mod, %bitwise_or, %bitwise_xor, %and, %or, %xor : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xi1>, tensor<*xi1>, tensor<*xi1>, tensor<*xi1>, tensor<*xi32>, tensor<*xi32>, tensor<*xi32>, tensor<*xi1>, tensor<*xi1>, tensor<*xi1>
}
