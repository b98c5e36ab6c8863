// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @float_unary
// CHECK: ds.exp %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.log %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.sqrt %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.reciprocal %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.sigmoid %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.tanh %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.erf %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.sin %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.cos %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.tan %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.asin %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.acos %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.atan %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.sinh %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.cosh %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.asinh %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.acosh %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.atanh %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.softplus %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.softsign %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.floor %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.ceil %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.round %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.mish %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.hard_swish %{{.*}} : (tensor<2x?xf32>) -> tensor<2x?xf32>
func.func @float_unary(%x: tensor<2x?xf32>) -> tensor<2x?xf32> {
  %0 = ds.exp %x : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %1 = ds.log %0 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %2 = ds.sqrt %1 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %3 = ds.reciprocal %2 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %4 = ds.sigmoid %3 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %5 = ds.tanh %4 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %6 = ds.erf %5 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %7 = ds.sin %6 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %8 = ds.cos %7 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %9 = ds.tan %8 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %10 = ds.asin %9 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %11 = ds.acos %10 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %12 = ds.atan %11 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %13 = ds.sinh %12 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %14 = ds.cosh %13 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %15 = ds.asinh %14 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %16 = ds.acosh %15 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %17 = ds.atanh %16 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %18 = ds.softplus %17 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %19 = ds.softsign %18 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %20 = ds.floor %19 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %21 = ds.ceil %20 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %22 = ds.round %21 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %23 = ds.mish %22 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  %24 = ds.hard_swish %23 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  return %24 : tensor<2x?xf32>
}

// -----

// CHECK-LABEL: func.func @activations
// CHECK: ds.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32} : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: ds.elu %{{.*}} {alpha = 5.000000e-01 : f32} : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: ds.celu %{{.*}} {alpha = 2.000000e+00 : f32} : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: ds.selu %{{.*}} {alpha = 1.500000e+00 : f32, gamma = 1.000000e+00 : f32} : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: ds.hard_sigmoid %{{.*}} {alpha = 1.000000e-01 : f32, beta = 6.000000e-01 : f32} : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: ds.thresholded_relu %{{.*}} {alpha = 3.000000e+00 : f32} : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: ds.gelu %{{.*}} {approximate = "tanh"} : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: ds.leaky_relu %{{.*}} : (tensor<*xf16>) -> tensor<*xf16>
func.func @activations(%x: tensor<*xf16>) -> tensor<*xf16> {
  %0 = ds.leaky_relu %x {alpha = 2.000000e-01 : f32} : (tensor<*xf16>) -> tensor<*xf16>
  %1 = ds.elu %0 {alpha = 5.000000e-01 : f32} : (tensor<*xf16>) -> tensor<*xf16>
  %2 = ds.celu %1 {alpha = 2.000000e+00 : f32} : (tensor<*xf16>) -> tensor<*xf16>
  %3 = ds.selu %2 {alpha = 1.500000e+00 : f32, gamma = 1.000000e+00 : f32} : (tensor<*xf16>) -> tensor<*xf16>
  %4 = ds.hard_sigmoid %3 {alpha = 1.000000e-01 : f32, beta = 6.000000e-01 : f32} : (tensor<*xf16>) -> tensor<*xf16>
  %5 = ds.thresholded_relu %4 {alpha = 3.000000e+00 : f32} : (tensor<*xf16>) -> tensor<*xf16>
  %6 = ds.gelu %5 {approximate = "tanh"} : (tensor<*xf16>) -> tensor<*xf16>
  %d = ds.leaky_relu %6 : (tensor<*xf16>) -> tensor<*xf16>
  return %d : tensor<*xf16>
}

// -----

// CHECK-LABEL: func.func @numeric_unary
// CHECK: ds.neg %{{.*}} : (tensor<3xi32>) -> tensor<3xi32>
// CHECK: ds.abs %{{.*}} : (tensor<3xi32>) -> tensor<3xi32>
// CHECK: ds.relu %{{.*}} : (tensor<3xi32>) -> tensor<3xi32>
// CHECK: ds.sign %{{.*}} : (tensor<3xi32>) -> tensor<3xi32>
// CHECK: ds.bitwise_not %{{.*}} : (tensor<3xi32>) -> tensor<3xi32>
// CHECK: ds.abs %{{.*}} : (tensor<3xui8>) -> tensor<3xui8>
// CHECK: ds.not %{{.*}} : (tensor<3xi1>) -> tensor<3xi1>
// CHECK: ds.identity %{{.*}} : (tensor<3xi1>) -> tensor<3xi1>
// CHECK: ds.is_nan %{{.*}} : (tensor<3xbf16>) -> tensor<3xi1>
// CHECK: ds.is_inf %{{.*}} {detect_negative = false} : (tensor<3xbf16>) -> tensor<3xi1>
func.func @numeric_unary(%i: tensor<3xi32>, %u: tensor<3xui8>, %b: tensor<3xi1>, %f: tensor<3xbf16>)
    -> (tensor<3xi32>, tensor<3xui8>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %0 = ds.neg %i : (tensor<3xi32>) -> tensor<3xi32>
  %1 = ds.abs %0 : (tensor<3xi32>) -> tensor<3xi32>
  %2 = ds.relu %1 : (tensor<3xi32>) -> tensor<3xi32>
  %3 = ds.sign %2 : (tensor<3xi32>) -> tensor<3xi32>
  %4 = ds.bitwise_not %3 : (tensor<3xi32>) -> tensor<3xi32>
  %5 = ds.abs %u : (tensor<3xui8>) -> tensor<3xui8>
  %6 = ds.not %b : (tensor<3xi1>) -> tensor<3xi1>
  %7 = ds.identity %6 : (tensor<3xi1>) -> tensor<3xi1>
  %8 = ds.is_nan %f : (tensor<3xbf16>) -> tensor<3xi1>
  %9 = ds.is_inf %f {detect_negative = false} : (tensor<3xbf16>) -> tensor<3xi1>
  return %4, %5, %7, %8, %9 : tensor<3xi32>, tensor<3xui8>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @arithmetic
// CHECK: ds.add %{{.*}}, %{{.*}} : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.sub %{{.*}}, %{{.*}} : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.mul %{{.*}}, %{{.*}} : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.div %{{.*}}, %{{.*}} : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.max %{{.*}}, %{{.*}} : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.min %{{.*}}, %{{.*}} : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.pow %{{.*}}, %{{.*}} : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.mod %{{.*}}, %{{.*}} {fmod = true} : (tensor<4x3xf64>, tensor<4x3xf64>) -> tensor<4x3xf64>
// CHECK: ds.mod %{{.*}}, %{{.*}} : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
// CHECK: ds.prelu %{{.*}}, %{{.*}} : (tensor<4x3xf64>, tensor<3xf64>) -> tensor<4x3xf64>
// CHECK: ds.pow %{{.*}}, %{{.*}} : (tensor<4x3xf64>, tensor<i64>) -> tensor<4x3xf64>
func.func @arithmetic(%a: tensor<4x?xf64>, %b: tensor<1x3xf64>, %i: tensor<2xi8>, %s: tensor<3xf64>, %e: tensor<i64>) -> (tensor<4x3xf64>, tensor<2xi8>) {
  %0 = ds.add %a, %b : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
  %1 = ds.sub %a, %b : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
  %2 = ds.mul %a, %b : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
  %3 = ds.div %a, %b : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
  %4 = ds.max %a, %b : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
  %5 = ds.min %a, %b : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
  %6 = ds.pow %a, %b : (tensor<4x?xf64>, tensor<1x3xf64>) -> tensor<4x3xf64>
  %m = ds.mod %0, %1 {fmod = true} : (tensor<4x3xf64>, tensor<4x3xf64>) -> tensor<4x3xf64>
  %mi = ds.mod %i, %i : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  %p = ds.prelu %m, %s : (tensor<4x3xf64>, tensor<3xf64>) -> tensor<4x3xf64>
  %q = ds.pow %p, %e : (tensor<4x3xf64>, tensor<i64>) -> tensor<4x3xf64>
  return %q, %mi : tensor<4x3xf64>, tensor<2xi8>
}

// -----

// CHECK-LABEL: func.func @compare_and_logic
// CHECK: ds.equal %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
// CHECK: ds.less %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
// CHECK: ds.less_or_equal %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
// CHECK: ds.greater %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
// CHECK: ds.greater_or_equal %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
// CHECK: ds.and %{{.*}}, %{{.*}} : (tensor<?x5xi1>, tensor<?x5xi1>) -> tensor<?x5xi1>
// CHECK: ds.or %{{.*}}, %{{.*}} : (tensor<?x5xi1>, tensor<?x5xi1>) -> tensor<?x5xi1>
// CHECK: ds.xor %{{.*}}, %{{.*}} : (tensor<?x5xi1>, tensor<?x5xi1>) -> tensor<?x5xi1>
// CHECK: ds.bitwise_and %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi64>
// CHECK: ds.bitwise_or %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi64>
// CHECK: ds.bitwise_xor %{{.*}}, %{{.*}} : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi64>
// CHECK: ds.bit_shift %{{.*}}, %{{.*}} {direction = "RIGHT"} : (tensor<5xui16>, tensor<5xui16>) -> tensor<5xui16>
// CHECK: ds.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x5xi1>, tensor<?x5xi64>, tensor<i64>) -> tensor<?x5xi64>
func.func @compare_and_logic(%a: tensor<?x5xi64>, %b: tensor<5xi64>, %u: tensor<5xui16>, %z: tensor<i64>) -> (tensor<?x5xi64>, tensor<5xui16>) {
  %c0 = ds.equal %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
  %c1 = ds.less %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
  %c2 = ds.less_or_equal %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
  %c3 = ds.greater %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
  %c4 = ds.greater_or_equal %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi1>
  %l0 = ds.and %c0, %c1 : (tensor<?x5xi1>, tensor<?x5xi1>) -> tensor<?x5xi1>
  %l1 = ds.or %c2, %c3 : (tensor<?x5xi1>, tensor<?x5xi1>) -> tensor<?x5xi1>
  %l2 = ds.xor %l0, %l1 : (tensor<?x5xi1>, tensor<?x5xi1>) -> tensor<?x5xi1>
  %bitwise_and = ds.bitwise_and %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi64>
  %bitwise_or = ds.bitwise_or %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi64>
  %bitwise_xor = ds.bitwise_xor %a, %b : (tensor<?x5xi64>, tensor<5xi64>) -> tensor<?x5xi64>
  %sh = ds.bit_shift %u, %u {direction = "RIGHT"} : (tensor<5xui16>, tensor<5xui16>) -> tensor<5xui16>
  %w = ds.where %l2, %bitwise_xor, %z : (tensor<?x5xi1>, tensor<?x5xi64>, tensor<i64>) -> tensor<?x5xi64>
  return %w, %sh : tensor<?x5xi64>, tensor<5xui16>
}

// -----

// CHECK-LABEL: func.func @clip_and_cast
// CHECK: ds.clip %{{.*}} min %{{.*}} max %{{.*}} : (tensor<1x8x?x?xf32>, tensor<f32>, tensor<f32>) -> tensor<1x8x?x?xf32>
// CHECK: ds.clip %{{.*}} max %{{.*}} : (tensor<1x8x?x?xf32>, tensor<f32>) -> tensor<1x8x?x?xf32>
// CHECK: ds.clip %{{.*}} min %{{.*}} : (tensor<1x8x?x?xf32>, tensor<f32>) -> tensor<1x8x?x?xf32>
// CHECK: ds.cast %{{.*}} : (tensor<1x8x?x?xf32>) -> tensor<1x8x?x?xbf16>
// CHECK: ds.cast %{{.*}} : (tensor<1x8x?x?xbf16>) -> tensor<1x8x?x?xui64>
func.func @clip_and_cast(%x: tensor<1x8x?x?xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<1x8x?x?xui64> {
  %0 = ds.clip %x min %lo max %hi : (tensor<1x8x?x?xf32>, tensor<f32>, tensor<f32>) -> tensor<1x8x?x?xf32>
  %1 = ds.clip %0 max %hi : (tensor<1x8x?x?xf32>, tensor<f32>) -> tensor<1x8x?x?xf32>
  %2 = ds.clip %1 min %lo : (tensor<1x8x?x?xf32>, tensor<f32>) -> tensor<1x8x?x?xf32>
  %3 = ds.cast %2 : (tensor<1x8x?x?xf32>) -> tensor<1x8x?x?xbf16>
  %4 = ds.cast %3 : (tensor<1x8x?x?xbf16>) -> tensor<1x8x?x?xui64>
  return %4 : tensor<1x8x?x?xui64>
}

// -----

// CHECK-LABEL: func.func @low_precision_casts
// CHECK: ds.cast %{{.*}} : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
// CHECK: ds.cast %{{.*}} {saturate = false} : (tensor<4xf16>) -> tensor<4xf8E5M2FNUZ>
// CHECK: ds.cast %{{.*}} {round_mode = "nearest", saturate = false} : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
// CHECK: ds.cast %{{.*}} : (tensor<4xf4E2M1FN>) -> tensor<4xbf16>
// CHECK: ds.identity %{{.*}} : (tensor<4xf8E4M3FNUZ>) -> tensor<4xf8E4M3FNUZ>
func.func @low_precision_casts(%x: tensor<4xf32>, %h: tensor<4xf16>, %f4: tensor<4xf4E2M1FN>, %u: tensor<4xf8E4M3FNUZ>) -> (tensor<4xf8E4M3FN>, tensor<4xf8E5M2FNUZ>, tensor<4xf8E8M0FNU>, tensor<4xbf16>, tensor<4xf8E4M3FNUZ>) {
  %0 = ds.cast %x : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  %1 = ds.cast %h {saturate = false} : (tensor<4xf16>) -> tensor<4xf8E5M2FNUZ>
  %2 = ds.cast %x {saturate = false, round_mode = "nearest"} : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
  %3 = ds.cast %f4 : (tensor<4xf4E2M1FN>) -> tensor<4xbf16>
  %4 = ds.identity %u : (tensor<4xf8E4M3FNUZ>) -> tensor<4xf8E4M3FNUZ>
  return %0, %1, %2, %3, %4 : tensor<4xf8E4M3FN>, tensor<4xf8E5M2FNUZ>, tensor<4xf8E8M0FNU>, tensor<4xbf16>, tensor<4xf8E4M3FNUZ>
}
