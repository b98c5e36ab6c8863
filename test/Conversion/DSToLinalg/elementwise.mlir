// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// Broadcasting becomes constant-0 indices; the scalar op is the body.
// CHECK-DAG: #[[B0:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[B1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[B0]], #[[B1]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%arg0, %arg1 : tensor<4x1xf32>, tensor<3xf32>) outs(%[[E]] : tensor<4x3xf32>)
// CHECK: arith.addf
// CHECK-NOT: ds.add
func.func @add_broadcast(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Dynamic sizes come from the operand that has them.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x8xf32>
// CHECK: tensor.empty(%[[D]]) : tensor<?x8xi1>
// CHECK: arith.cmpf olt
func.func @dynamic_batch(%x: tensor<?x8xf32>, %y: tensor<8xf32>) -> tensor<?x8xi1> {
  %0 = ds.less %x, %y : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xi1>
  return %0 : tensor<?x8xi1>
}

// -----

// Integer and boolean bodies.
// CHECK-LABEL: func.func @ints
// CHECK: arith.divsi
// CHECK: arith.maxsi
// CHECK: arith.cmpi sge
// CHECK: arith.xori
// CHECK: arith.select
func.func @ints(%a: tensor<5xi32>, %b: tensor<5xi32>) -> tensor<5xi32> {
  %0 = ds.div %a, %b : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
  %1 = ds.relu %0 : (tensor<5xi32>) -> tensor<5xi32>
  %2 = ds.greater_or_equal %1, %b : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi1>
  %3 = ds.not %2 : (tensor<5xi1>) -> tensor<5xi1>
  %4 = ds.where %3, %a, %1 : (tensor<5xi1>, tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
  return %4 : tensor<5xi32>
}

// -----

// Activations with attributes and composite formulas.
// CHECK-LABEL: func.func @activations
// CHECK: %[[ALPHA:.*]] = arith.constant 2.000000e-01 : f32
// CHECK: arith.cmpf oge
// CHECK: arith.mulf %{{.*}}, %[[ALPHA]]
// CHECK: arith.select
// CHECK: math.exp
// CHECK: arith.divf
func.func @activations(%x: tensor<6xf32>) -> tensor<6xf32> {
  %0 = ds.leaky_relu %x {alpha = 0.2 : f32} : (tensor<6xf32>) -> tensor<6xf32>
  %1 = ds.sigmoid %0 : (tensor<6xf32>) -> tensor<6xf32>
  return %1 : tensor<6xf32>
}

// -----

// Constants, weights included, become arith.constant.
// CHECK-LABEL: func.func @constants
// CHECK: arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NOT: ds.constant
func.func @constants() -> tensor<2xf32> {
  %0 = ds.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// A dynamic size against a static one above 1 is 4 or 1, which only the run
// time knows: the operand is broadcast to 4 first, reading index 0 where
// its size is 1; a result size that the operands settle (1 here) is used
// and cast back to the written type.
// CHECK-LABEL: func.func @runtime_broadcast
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[N:.*]] = tensor.dim %arg0, %[[C0]] : tensor<?xf32>
// CHECK: %[[B:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[ONE:.*]] = arith.cmpi eq, %[[N]], %[[C1]] : index
// CHECK: %[[J:.*]] = arith.select %[[ONE]], %[[C0]], %[[I]] : index
// CHECK: tensor.extract %arg0[%[[J]]] : tensor<?xf32>
// CHECK: linalg.generic {{.*}} ins(%[[B]], %arg1 : tensor<4xf32>, tensor<4xf32>)
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<1xf32>) outs(%{{.*}} : tensor<1xf32>)
// CHECK: tensor.cast %[[R]] : tensor<1xf32> to tensor<?xf32>
func.func @runtime_broadcast(%a: tensor<?xf32>, %b: tensor<4xf32>, %c: tensor<1xf32>) -> (tensor<4xf32>, tensor<?xf32>) {
  %0 = ds.add %a, %b : (tensor<?xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = ds.neg %c : (tensor<1xf32>) -> tensor<?xf32>
  return %0, %1 : tensor<4xf32>, tensor<?xf32>
}

// -----

// Unsigned elements: the tensors keep their types; the body reinterprets
// the elements as signless and uses the unsigned arith ops.
// CHECK-LABEL: func.func @unsigned
// CHECK: linalg.generic
// CHECK-SAME: ins(%arg0, %arg1 : tensor<4xui8>, tensor<4xui8>) outs(%{{.*}} : tensor<4xui8>)
// CHECK: ^bb0(%[[A:.*]]: ui8, %[[B:.*]]: ui8, %{{.*}}: ui8):
// CHECK: %[[SA:.*]] = builtin.unrealized_conversion_cast %[[A]] : ui8 to i8
// CHECK: %[[SB:.*]] = builtin.unrealized_conversion_cast %[[B]] : ui8 to i8
// CHECK: %[[Q:.*]] = arith.divui %[[SA]], %[[SB]] : i8
// CHECK: %[[UQ:.*]] = builtin.unrealized_conversion_cast %[[Q]] : i8 to ui8
// CHECK: linalg.yield %[[UQ]] : ui8
// CHECK: %[[D:.*]] = tensor.dim %arg2
// CHECK: tensor.empty(%[[D]]) : tensor<?xi1>
// CHECK: arith.cmpi ult, %{{.*}}, %{{.*}} : i32
// CHECK: arith.maxui
// CHECK: arith.remui
// CHECK: arith.uitofp %{{.*}} : i8 to f32
// CHECK: arith.fptosi %{{.*}} : f32 to i64
// CHECK: arith.trunci %{{.*}} : i64 to i16
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK-NOT: ds.
func.func @unsigned(%a: tensor<4xui8>, %b: tensor<4xui8>, %c: tensor<?xui32>, %d: tensor<?xui32>, %f: tensor<4xf32>)
    -> (tensor<4xui8>, tensor<?xi1>, tensor<?xui32>, tensor<4xf32>, tensor<4xui16>, tensor<4xi32>) {
  %0 = ds.div %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1 = ds.less %c, %d : (tensor<?xui32>, tensor<?xui32>) -> tensor<?xi1>
  %2 = ds.max %c, %d : (tensor<?xui32>, tensor<?xui32>) -> tensor<?xui32>
  %3 = ds.mod %2, %d : (tensor<?xui32>, tensor<?xui32>) -> tensor<?xui32>
  %4 = ds.cast %0 : (tensor<4xui8>) -> tensor<4xf32>
  %5 = ds.cast %f : (tensor<4xf32>) -> tensor<4xui16>
  %6 = ds.cast %a : (tensor<4xui8>) -> tensor<4xi32>
  return %0, %1, %3, %4, %5, %6 : tensor<4xui8>, tensor<?xi1>, tensor<?xui32>, tensor<4xf32>, tensor<4xui16>, tensor<4xi32>
}

// -----

// Clip: max with the lower bound, then min with the upper one; an absent
// bound is not applied.
// CHECK-LABEL: func.func @clip
// CHECK: linalg.generic
// CHECK: %[[LO:.*]] = arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK: %[[HI:.*]] = arith.minimumf %[[LO]], %{{.*}} : f32
// CHECK: linalg.yield %[[HI]]
// CHECK: linalg.generic
// CHECK-NOT: arith.maximumf
// CHECK: arith.minimumf
// CHECK-NOT: ds.clip
func.func @clip(%x: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = ds.clip %x min %lo max %hi : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %1 = ds.clip %x max %hi : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Pow: a constant exponent of 2 or 0.5 is a multiplication or a square
// root; any other exponent is math.powf (an integer one converted).
// CHECK-LABEL: func.func @pow
// CHECK: linalg.generic
// CHECK: %[[SQ:.*]] = arith.mulf %[[X:.*]], %[[X]] : f32
// CHECK: linalg.yield %[[SQ]]
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: linalg.generic
// CHECK: ^bb0(%[[B:.*]]: f32, %[[E:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[EF:.*]] = arith.sitofp %[[E]] : i32 to f32
// CHECK: math.powf %[[B]], %[[EF]] : f32
func.func @pow(%x: tensor<4xf32>, %e: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %two = ds.constant dense<2.0> : tensor<f32>
  %half = ds.constant dense<0.5> : tensor<f32>
  %0 = ds.pow %x, %two : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = ds.pow %x, %half : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %2 = ds.pow %x, %e : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// f16 and bf16 compute in f32 and round once.
// CHECK-LABEL: func.func @halves
// CHECK: ^bb0(%[[X:.*]]: f16, %{{.*}}: f16):
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK: %[[T:.*]] = math.tanh %[[W]] : f32
// CHECK: %[[N:.*]] = arith.truncf %[[T]] : f32 to f16
// CHECK: linalg.yield %[[N]] : f16
// Cast converts as asked, without the detour.
// CHECK: ^bb0(%[[Y:.*]]: f16, %{{.*}}: bf16):
// CHECK: %[[Y32:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK: %[[B:.*]] = arith.truncf %[[Y32]] : f32 to bf16
// CHECK: linalg.yield %[[B]] : bf16
func.func @halves(%x: tensor<3xf16>) -> (tensor<3xf16>, tensor<3xbf16>) {
  %0 = ds.tanh %x : (tensor<3xf16>) -> tensor<3xf16>
  %1 = ds.cast %x : (tensor<3xf16>) -> tensor<3xbf16>
  return %0, %1 : tensor<3xf16>, tensor<3xbf16>
}

// -----

// Trigonometric and hyperbolic functions: math ops, except the inverse
// hyperbolic ones (no LLVM lowering), which are written with log1p.
// CHECK-LABEL: func.func @trigonometry
// CHECK: math.tan
// CHECK: math.asin
// CHECK: math.acos
// CHECK: math.atan
// CHECK: math.sinh
// CHECK: math.cosh
// CHECK: linalg.generic
// CHECK: math.log1p
// CHECK: math.copysign
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: math.log1p
// CHECK: linalg.generic
// CHECK: math.log1p
// CHECK: math.copysign
// CHECK-NOT: ds.
func.func @trigonometry(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = ds.tan %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %1 = ds.asin %0 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %2 = ds.acos %1 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %3 = ds.atan %2 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %4 = ds.sinh %3 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %5 = ds.cosh %4 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %6 = ds.asinh %5 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %7 = ds.acosh %6 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %8 = ds.atanh %7 : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %8 : tensor<?x4xf32>
}

// -----

// The activations' formulas.
// CHECK-LABEL: func.func @activations_more
// Softplus: max(x, 0) + log1p(exp(-|x|)).
// CHECK: math.absf
// CHECK: arith.negf
// CHECK: math.exp
// CHECK: math.log1p
// CHECK: arith.maximumf
// Softsign: x / (1 + |x|).
// CHECK: linalg.generic
// CHECK: math.absf
// CHECK: arith.addf
// CHECK: arith.divf
// Mish: x * tanh(softplus(x)).
// CHECK: linalg.generic
// CHECK: math.log1p
// CHECK: math.tanh
// CHECK: arith.mulf
// HardSwish: x * clamp(x / 6 + 1 / 2, 0, 1).
// CHECK: linalg.generic
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: arith.mulf
// Elu: x < 0 ? alpha * expm1(x) : x.
// CHECK: linalg.generic
// CHECK: arith.cmpf olt
// CHECK: math.expm1
// CHECK: arith.select
// Celu, Selu.
// CHECK: linalg.generic
// CHECK: math.expm1
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: arith.cmpf ogt
// CHECK: math.expm1
// CHECK: arith.select
// CHECK: arith.mulf
// HardSigmoid, ThresholdedRelu.
// CHECK: linalg.generic
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// Gelu, exact and tanh.
// CHECK: linalg.generic
// CHECK: math.erf
// CHECK: linalg.generic
// CHECK: math.tanh
// CHECK-NOT: ds.
func.func @activations_more(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = ds.softplus %x : (tensor<5xf32>) -> tensor<5xf32>
  %1 = ds.softsign %0 : (tensor<5xf32>) -> tensor<5xf32>
  %2 = ds.mish %1 : (tensor<5xf32>) -> tensor<5xf32>
  %3 = ds.hard_swish %2 : (tensor<5xf32>) -> tensor<5xf32>
  %4 = ds.elu %3 {alpha = 0.5 : f32} : (tensor<5xf32>) -> tensor<5xf32>
  %5 = ds.celu %4 {alpha = 2.0 : f32} : (tensor<5xf32>) -> tensor<5xf32>
  %6 = ds.selu %5 : (tensor<5xf32>) -> tensor<5xf32>
  %7 = ds.hard_sigmoid %6 : (tensor<5xf32>) -> tensor<5xf32>
  %8 = ds.thresholded_relu %7 {alpha = 0.1 : f32} : (tensor<5xf32>) -> tensor<5xf32>
  %9 = ds.gelu %8 : (tensor<5xf32>) -> tensor<5xf32>
  %10 = ds.gelu %9 {approximate = "tanh"} : (tensor<5xf32>) -> tensor<5xf32>
  return %10 : tensor<5xf32>
}

// -----

// Classification, Sign, PRelu with a broadcast slope.
// CHECK-DAG: #[[SLOPE:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @classify
// CHECK: arith.cmpf uno
// CHECK: linalg.generic
// CHECK: %[[NEGINF:.*]] = arith.cmpf oeq, %{{.*}}, %cst{{.*}} : f32
// CHECK-NOT: arith.ori
// CHECK: linalg.yield %[[NEGINF]]
// CHECK: linalg.generic
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sgt
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[SLOPE]], #{{.*}}]
// CHECK: arith.mulf
// CHECK: arith.cmpf olt
// CHECK: arith.select
func.func @classify(%x: tensor<2x3xf32>, %i: tensor<2x3xi32>, %s: tensor<3xf32>) -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi32>, tensor<2x3xf32>) {
  %0 = ds.is_nan %x : (tensor<2x3xf32>) -> tensor<2x3xi1>
  %1 = ds.is_inf %x {detect_positive = false} : (tensor<2x3xf32>) -> tensor<2x3xi1>
  %2 = ds.sign %i : (tensor<2x3xi32>) -> tensor<2x3xi32>
  %3 = ds.prelu %x, %s : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi32>, tensor<2x3xf32>
}

// -----

// Mod: with the sign of the divisor (fmod = 0) or of the dividend.
// CHECK-LABEL: func.func @mod
// CHECK: %[[R:.*]] = arith.remsi %[[A:.*]], %[[B:.*]] : i64
// CHECK: arith.xori
// CHECK: arith.cmpi ne, %[[R]]
// CHECK: %[[ADJ:.*]] = arith.addi %[[R]], %[[B]]
// CHECK: arith.select %{{.*}}, %[[ADJ]], %[[R]]
// CHECK: linalg.generic
// CHECK: %[[F:.*]] = arith.remf %{{.*}}, %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[F]]
func.func @mod(%a: tensor<4xi64>, %b: tensor<4xi64>, %x: tensor<4xf32>) -> (tensor<4xi64>, tensor<4xf32>) {
  %0 = ds.mod %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %1 = ds.mod %x, %x {fmod = true} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xi64>, tensor<4xf32>
}

// -----

// Bit ops on unsigned integers; a shift by the width or more gives 0.
// CHECK-LABEL: func.func @bits
// CHECK: arith.andi %{{.*}}, %{{.*}} : i16
// CHECK: linalg.generic
// CHECK: arith.xori %{{.*}}, %c-1_i16 : i16
// CHECK: linalg.generic
// CHECK: %[[S:.*]] = arith.shli %[[X:.*]], %[[N:.*]] : i16
// CHECK: %[[OK:.*]] = arith.cmpi ult, %[[N]], %c16_i16 : i16
// CHECK: arith.select %[[OK]], %[[S]], %c0_i16 : i16
// CHECK: linalg.generic
// CHECK: arith.shrui
func.func @bits(%a: tensor<4xui16>, %b: tensor<4xui16>) -> (tensor<4xui16>, tensor<4xui16>) {
  %0 = ds.bitwise_and %a, %b : (tensor<4xui16>, tensor<4xui16>) -> tensor<4xui16>
  %1 = ds.bitwise_not %0 : (tensor<4xui16>) -> tensor<4xui16>
  %2 = ds.bit_shift %1, %b {direction = "LEFT"} : (tensor<4xui16>, tensor<4xui16>) -> tensor<4xui16>
  %3 = ds.bit_shift %2, %b {direction = "RIGHT"} : (tensor<4xui16>, tensor<4xui16>) -> tensor<4xui16>
  return %2, %3 : tensor<4xui16>, tensor<4xui16>
}

// -----

// Integer Pow: square and multiply over the exponent's 8 bits, unrolled;
// an integer base with a float exponent goes through f64.
// CHECK-LABEL: func.func @int_pow
// CHECK-COUNT-8: arith.select %{{.*}}, %{{.*}}, %{{.*}} : i32
// CHECK-NOT: math.powf
// CHECK: linalg.yield
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK: math.powf %{{.*}}, %{{.*}} : f64
// CHECK: arith.fptosi %{{.*}} : f64 to i32
func.func @int_pow(%x: tensor<4xi32>, %e: tensor<4xui8>, %f: tensor<4xf32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %0 = ds.pow %x, %e : (tensor<4xi32>, tensor<4xui8>) -> tensor<4xi32>
  %1 = ds.pow %x, %f : (tensor<4xi32>, tensor<4xf32>) -> tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}
