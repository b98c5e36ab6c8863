// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @fold_exp_of_constant
// CHECK: %[[C:.*]] = ds.constant dense<[1.000000e+00, 2.71828{{[0-9]*}}]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @fold_exp_of_constant() -> tensor<2xf32> {
  %k = ds.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %e = ds.exp %k : (tensor<2xf32>) -> tensor<2xf32>
  return %e : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @fold_int_add_broadcast
// CHECK: ds.constant dense<{{\[}}[11, 21], [12, 22]]> : tensor<2x2xi64>
func.func @fold_int_add_broadcast() -> tensor<2x2xi64> {
  %a = ds.constant dense<[[1], [2]]> : tensor<2x1xi64>
  %b = ds.constant dense<[10, 20]> : tensor<2xi64>
  %c = ds.add %a, %b : (tensor<2x1xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  return %c : tensor<2x2xi64>
}

// -----

// CHECK-LABEL: func.func @add_zero_int
// CHECK-SAME: (%[[X:.*]]: tensor<3xi32>)
// CHECK-NEXT: return %[[X]]
func.func @add_zero_int(%x: tensor<3xi32>) -> tensor<3xi32> {
  %z = ds.constant dense<0> : tensor<3xi32>
  %r = ds.add %x, %z : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %r : tensor<3xi32>
}

// -----

// x + 0.0 is not x (for x = -0.0); x + -0.0 is.
// CHECK-LABEL: func.func @add_float_zeros
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK: %[[R:.*]] = ds.add %[[X]], %{{.*}}
// CHECK-NEXT: return %[[R]], %[[X]]
func.func @add_float_zeros(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %pz = ds.constant dense<0.0> : tensor<3xf32>
  %nz = ds.constant dense<-0.0> : tensor<3xf32>
  %a = ds.add %x, %pz : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %b = ds.add %x, %nz : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %a, %b : tensor<3xf32>, tensor<3xf32>
}

// -----

// An identity that broadcasts changes the type: it must stay.
// CHECK-LABEL: func.func @mul_one_broadcasting
// CHECK: ds.mul
func.func @mul_one_broadcasting(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %one = ds.constant dense<1.0> : tensor<2x3xf32>
  %r = ds.mul %x, %one : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @mul_one
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @mul_one(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %one = ds.constant dense<1.0> : tensor<3xf32>
  %a = ds.mul %x, %one : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %b = ds.div %x, %one : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %a, %b : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @int_div_by_zero_stays
// CHECK: ds.div
func.func @int_div_by_zero_stays() -> tensor<2xi32> {
  %a = ds.constant dense<[4, 5]> : tensor<2xi32>
  %b = ds.constant dense<[2, 0]> : tensor<2xi32>
  %c = ds.div %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %c : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @unsigned_div_and_max
// CHECK-DAG: ds.constant dense<[127, 2]> : tensor<2xui8>
// CHECK-DAG: ds.constant dense<[254, 2]> : tensor<2xui8>
func.func @unsigned_div_and_max() -> (tensor<2xui8>, tensor<2xui8>) {
  %a = ds.constant dense<[254, 2]> : tensor<2xui8>
  %b = ds.constant dense<[2, 1]> : tensor<2xui8>
  %c = ds.div %a, %b : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  %d = ds.max %a, %b : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  %e = ds.min %c, %d : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  return %e, %d : tensor<2xui8>, tensor<2xui8>
}

// -----

// CHECK-LABEL: func.func @double_negation
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xi1>)
// CHECK-NEXT: return %[[X]], %[[B]]
func.func @double_negation(%x: tensor<4xf32>, %b: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xi1>) {
  %0 = ds.neg %x : (tensor<4xf32>) -> tensor<4xf32>
  %1 = ds.neg %0 : (tensor<4xf32>) -> tensor<4xf32>
  %2 = ds.not %b : (tensor<4xi1>) -> tensor<4xi1>
  %3 = ds.not %2 : (tensor<4xi1>) -> tensor<4xi1>
  return %1, %3 : tensor<4xf32>, tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @add_of_neg
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[S:.*]] = ds.sub %[[A]], %[[B]] {precision = #ds.precision<fp16>}
// CHECK: %[[T:.*]] = ds.sub %[[A]], %[[B]] :
// CHECK: %[[M:.*]] = ds.mul %[[A]], %[[B]]
// CHECK: return %[[S]], %[[T]], %[[M]]
func.func @add_of_neg(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %nb = ds.neg %b : (tensor<4xf32>) -> tensor<4xf32>
  %na = ds.neg %a : (tensor<4xf32>) -> tensor<4xf32>
  %0 = ds.add %a, %nb {precision = #ds.precision<fp16>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = ds.add %nb, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = ds.mul %na, %nb : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @where_splat
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[Y:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[Y]]
func.func @where_splat(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %c = ds.constant dense<false> : tensor<3xi1>
  %r = ds.where %c, %x, %y : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @cast_folds
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-DAG: ds.constant dense<[1, -2, 0]> : tensor<3xi32>
// CHECK-DAG: ds.constant dense<[true, true, false]> : tensor<3xi1>
// CHECK-DAG: ds.constant dense<[2.500000e+00, 3.000000e+00]> : tensor<2xf16>
// CHECK: return %[[X]]
func.func @cast_folds(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xi32>, tensor<3xi1>, tensor<2xf16>) {
  %0 = ds.cast %x : (tensor<3xf32>) -> tensor<3xf32>
  %k = ds.constant dense<[1.7, -2.9, 0.0]> : tensor<3xf32>
  %1 = ds.cast %k : (tensor<3xf32>) -> tensor<3xi32>
  %2 = ds.cast %k : (tensor<3xf32>) -> tensor<3xi1>
  %i = ds.constant dense<[5, 6]> : tensor<2xi64>
  %h = ds.constant dense<2.0> : tensor<2xf16>
  %3 = ds.cast %i : (tensor<2xi64>) -> tensor<2xf16>
  %4 = ds.div %3, %h : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  return %0, %1, %2, %4 : tensor<3xf32>, tensor<3xi32>, tensor<3xi1>, tensor<2xf16>
}

// -----

// CHECK-LABEL: func.func @clip_without_bounds
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @clip_without_bounds(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = ds.clip %x : (tensor<3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @identity_and_pow_one
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @identity_and_pow_one(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = ds.identity %x : (tensor<3xf32>) -> tensor<3xf32>
  %one = ds.constant dense<1.0> : tensor<f32>
  %1 = ds.pow %x, %one : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Casts to the float8, float4 and e8m0 formats stay (APFloat does not follow
// ONNX's saturation and rounding for them); from them to another float they
// fold, exactly.
// CHECK-LABEL: func.func @cast_low_precision_folds
// CHECK-DAG: %[[K:.*]] = ds.constant dense<[1.000000e+03, -5.000000e-01]> : tensor<2xf32>
// CHECK-DAG: ds.cast %[[K]] : (tensor<2xf32>) -> tensor<2xf8E4M3FN>
// CHECK-DAG: ds.constant dense<[4.480000e+02, -1.250000e-01]> : tensor<2xf32>
// CHECK-DAG: ds.cast %{{.*}} : (tensor<2xf8E5M2>) -> tensor<2xi32>
func.func @cast_low_precision_folds() -> (tensor<2xf8E4M3FN>, tensor<2xf32>, tensor<2xi32>) {
  %k = ds.constant dense<[1000.0, -0.5]> : tensor<2xf32>
  %0 = ds.cast %k : (tensor<2xf32>) -> tensor<2xf8E4M3FN>
  %f8 = ds.constant dense<[448.0, -0.125]> : tensor<2xf8E4M3FN>
  %1 = ds.cast %f8 : (tensor<2xf8E4M3FN>) -> tensor<2xf32>
  %e5 = ds.constant dense<[3.0, -2.0]> : tensor<2xf8E5M2>
  %2 = ds.cast %e5 : (tensor<2xf8E5M2>) -> tensor<2xi32>
  return %0, %1, %2 : tensor<2xf8E4M3FN>, tensor<2xf32>, tensor<2xi32>
}
