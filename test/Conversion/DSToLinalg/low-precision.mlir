// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// Casts to and from float8, float4 and e8m0 are integer arithmetic on the
// bits in the body of one linalg.generic: no float op takes or gives these
// types (LLVM has none), only arith.bitcast to and from i8 or i4.

// To f8E4M3FN, saturating: f32's bits rebiased (127 - 7 = 120 << 23) and
// rounded to nearest even for normal results, the significand shifted by
// at most 31 for subnormal ones; beyond 0x7E the largest value, NaN to
// S.1111.111.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @e4m3fn
// CHECK-DAG: %[[REBIAS:.*]] = arith.constant 1006632960 : i32
// CHECK-DAG: %[[MAX:.*]] = arith.constant 126 : i32
// CHECK-DAG: %[[NANCODE:.*]] = arith.constant 127 : i32
// CHECK-DAG: %[[INF:.*]] = arith.constant 2139095040 : i32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%arg0 : tensor<4xf32>) outs(%{{.*}} : tensor<4xf8E4M3FN>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f8E4M3FN):
// CHECK: %[[BITS:.*]] = arith.bitcast %[[IN]] : f32 to i32
// CHECK: %[[ABS:.*]] = arith.andi %[[BITS]]
// CHECK: arith.subi %[[ABS]], %[[REBIAS]] : i32
// CHECK: arith.minui
// CHECK: %[[MAG:.*]] = arith.select
// CHECK: %[[SAT:.*]] = arith.ori %{{.*}}, %[[MAX]] : i32
// CHECK: %[[OVER:.*]] = arith.cmpi ugt, %[[MAG]], %[[MAX]] : i32
// CHECK: arith.select %[[OVER]], %[[SAT]]
// CHECK: arith.ori %{{.*}}, %[[NANCODE]] : i32
// CHECK: %[[ISNAN:.*]] = arith.cmpi ugt, %[[ABS]], %[[INF]] : i32
// CHECK: %[[CODE:.*]] = arith.select %[[ISNAN]]
// CHECK: %[[BYTE:.*]] = arith.trunci %[[CODE]] : i32 to i8
// CHECK: %[[F8:.*]] = arith.bitcast %[[BYTE]] : i8 to f8E4M3FN
// CHECK: linalg.yield %[[F8]] : f8E4M3FN
// CHECK-NOT: arith.truncf
// CHECK-NOT: ds.cast
func.func @e4m3fn(%x: tensor<4xf32>) -> tensor<4xf8E4M3FN> {
  %0 = ds.cast %x : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

// f16 widens exactly first; without saturate E5M2 overflows to infinity
// (0x7C), and a NaN becomes the quiet 0x7E. Dynamic sizes from tensor.dim.
// CHECK-LABEL: func.func @e5m2_no_saturate
// CHECK-DAG: %[[INFCODE:.*]] = arith.constant 124 : i32
// CHECK-DAG: %[[MAX:.*]] = arith.constant 123 : i32
// CHECK-DAG: %[[QNAN:.*]] = arith.constant 126 : i32
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3xf16>
// CHECK: tensor.empty(%[[D]]) : tensor<?x3xf8E5M2>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: %[[OVERFLOWED:.*]] = arith.ori %{{.*}}, %[[INFCODE]] : i32
// CHECK: %[[OVER:.*]] = arith.cmpi ugt, %{{.*}}, %[[MAX]] : i32
// CHECK: arith.select %[[OVER]], %[[OVERFLOWED]]
// CHECK: arith.ori %{{.*}}, %[[QNAN]] : i32
// CHECK: arith.bitcast %{{.*}} : i8 to f8E5M2
func.func @e5m2_no_saturate(%x: tensor<?x3xf16>) -> tensor<?x3xf8E5M2> {
  %0 = ds.cast %x {saturate = false} : (tensor<?x3xf16>) -> tensor<?x3xf8E5M2>
  return %0 : tensor<?x3xf8E5M2>
}

// -----

// f64 is rounded to f32 to odd: truncf, and one unit towards the f64 value
// when that was inexact with an even mantissa. FNUZ: a zero result is +0,
// NaN (and overflow without saturate) 0x80.
// CHECK-LABEL: func.func @fnuz_from_f64
// CHECK-DAG: %[[NAN:.*]] = arith.constant 128 : i32
// CHECK: %[[NEAR:.*]] = arith.truncf %{{.*}} : f64 to f32
// CHECK: %[[BACK:.*]] = arith.extf %[[NEAR]] : f32 to f64
// CHECK: %[[INEXACT:.*]] = arith.cmpf one, %[[BACK]], %{{.*}} : f64
// CHECK: math.absf
// CHECK: %[[AWAY:.*]] = arith.cmpf ogt
// CHECK: arith.select %[[AWAY]]
// CHECK: %[[ZERO:.*]] = arith.cmpi eq, %[[MAG:.*]], %[[C0:.*]] : i32
// CHECK: arith.select %[[ZERO]], %[[C0]]
// CHECK: arith.select %{{.*}}, %[[NAN]], %{{.*}} : i32
// CHECK: arith.bitcast %{{.*}} : i8 to f8E4M3FNUZ
func.func @fnuz_from_f64(%x: tensor<4xf64>) -> tensor<4xf8E4M3FNUZ> {
  %0 = ds.cast %x : (tensor<4xf64>) -> tensor<4xf8E4M3FNUZ>
  return %0 : tensor<4xf8E4M3FNUZ>
}

// -----

// float4 is stored as i4; it always saturates (largest code 7), and NaN
// gives the zero of the opposite sign (sign bit xor 8).
// CHECK-LABEL: func.func @e2m1
// CHECK-DAG: %[[C7:.*]] = arith.constant 7 : i32
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : i32
// CHECK: arith.cmpi ugt, %{{.*}}, %[[C7]] : i32
// CHECK: arith.xori %{{.*}}, %[[C8]] : i32
// CHECK: %[[NIBBLE:.*]] = arith.trunci %{{.*}} : i32 to i4
// CHECK: arith.bitcast %[[NIBBLE]] : i4 to f4E2M1FN
func.func @e2m1(%x: tensor<4xf32>) -> tensor<4xf4E2M1FN> {
  %0 = ds.cast %x : (tensor<4xf32>) -> tensor<4xf4E2M1FN>
  return %0 : tensor<4xf4E2M1FN>
}

// -----

// e8m0: f32's exponent field, rounded up by round_mode (up: any mantissa
// bit; down: never; nearest: bit 22 and more), kept below 255 with
// saturate; f32's infinities and NaN give 255.
// CHECK-LABEL: func.func @e8m0
// CHECK: linalg.generic
// CHECK: %[[E:.*]] = arith.andi
// CHECK: %[[FRACTION:.*]] = arith.cmpi ne
// CHECK: %[[BELOW:.*]] = arith.cmpi ne, %[[E]], %{{.*}} : i32
// CHECK: %[[UP:.*]] = arith.andi %[[FRACTION]], %[[BELOW]] : i1
// CHECK: %[[ONE:.*]] = arith.extui %[[UP]] : i1 to i32
// CHECK: arith.addi %[[E]], %[[ONE]] : i32
// CHECK: arith.bitcast %{{.*}} : i8 to f8E8M0FNU
// CHECK: linalg.generic
// CHECK-NOT: arith.extui
// CHECK: arith.bitcast %{{.*}} : i8 to f8E8M0FNU
// CHECK: linalg.generic
// CHECK: arith.ori %{{.*}} : i1
// CHECK-NOT: arith.cmpi ne, %{{.*}}, %c254_i32
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.bitcast %{{.*}} : i8 to f8E8M0FNU
func.func @e8m0(%x: tensor<4xf32>) -> (tensor<4xf8E8M0FNU>, tensor<4xf8E8M0FNU>, tensor<4xf8E8M0FNU>) {
  %0 = ds.cast %x : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
  %1 = ds.cast %x {round_mode = "down"} : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
  %2 = ds.cast %x {round_mode = "nearest", saturate = false} : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
  return %0, %1, %2 : tensor<4xf8E8M0FNU>, tensor<4xf8E8M0FNU>, tensor<4xf8E8M0FNU>
}

// -----

// From f8E4M3FN: normal values rebiased into f32's fields, subnormals as
// mantissa * 2^-9 (exact), S.1111.111 to NaN.
// CHECK-LABEL: func.func @from_e4m3fn
// CHECK-DAG: %[[SCALE:.*]] = arith.constant 0.001953125 : f32
// CHECK: ^bb0(%[[IN:.*]]: f8E4M3FN, %{{.*}}: f32):
// CHECK: %[[BYTE:.*]] = arith.bitcast %[[IN]] : f8E4M3FN to i8
// CHECK: arith.extui %[[BYTE]] : i8 to i32
// CHECK: %[[M:.*]] = arith.uitofp %{{.*}} : i32 to f32
// CHECK: arith.mulf %[[M]], %[[SCALE]] : f32
// CHECK: %[[F:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK: linalg.yield %[[F]] : f32
func.func @from_e4m3fn(%x: tensor<4xf8E4M3FN>) -> tensor<4xf32> {
  %0 = ds.cast %x : (tensor<4xf8E4M3FN>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// From e8m0: the exponent field of an f32 (0 is f32's subnormal 2^-127,
// 0x00400000; 255 NaN), then rounded once to f16.
// CHECK-LABEL: func.func @from_e8m0
// CHECK-DAG: %[[TINY:.*]] = arith.constant 4194304 : i32
// CHECK: arith.bitcast %{{.*}} : f8E8M0FNU to i8
// CHECK: arith.select %{{.*}}, %[[TINY]], %{{.*}} : i32
// CHECK: %[[F:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK: arith.truncf %[[F]] : f32 to f16
func.func @from_e8m0(%x: tensor<4xf8E8M0FNU>) -> tensor<4xf16> {
  %0 = ds.cast %x : (tensor<4xf8E8M0FNU>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// float4 to an integer: its f32, truncated as Cast truncates floats.
// CHECK-LABEL: func.func @e2m1_to_int
// CHECK: arith.bitcast %{{.*}} : f4E2M1FN to i4
// CHECK: arith.extui %{{.*}} : i4 to i32
// CHECK: %[[F:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK: arith.fptosi %[[F]] : f32 to i32
func.func @e2m1_to_int(%x: tensor<4xf4E2M1FN>) -> tensor<4xi32> {
  %0 = ds.cast %x : (tensor<4xf4E2M1FN>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Integers: up to 16 bits exactly through f32; wider through f64, rounded
// to f32 to odd.
// CHECK-LABEL: func.func @ints
// CHECK: arith.uitofp %{{.*}} : i8 to f32
// CHECK-NOT: arith.truncf
// CHECK: arith.bitcast %{{.*}} : i8 to f8E5M2FNUZ
// CHECK: arith.sitofp %{{.*}} : i64 to f64
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: arith.bitcast %{{.*}} : i8 to f8E5M2FNUZ
func.func @ints(%x: tensor<4xui8>, %y: tensor<4xi64>) -> (tensor<4xf8E5M2FNUZ>, tensor<4xf8E5M2FNUZ>) {
  %0 = ds.cast %x : (tensor<4xui8>) -> tensor<4xf8E5M2FNUZ>
  %1 = ds.cast %y : (tensor<4xi64>) -> tensor<4xf8E5M2FNUZ>
  return %0, %1 : tensor<4xf8E5M2FNUZ>, tensor<4xf8E5M2FNUZ>
}

// -----

// Between two formats: the source's f32, then the target's rounding.
// CHECK-LABEL: func.func @f8_to_f8
// CHECK: arith.bitcast %{{.*}} : f8E4M3FN to i8
// CHECK: arith.bitcast %{{.*}} : i32 to f32
// CHECK: arith.bitcast %{{.*}} : f32 to i32
// CHECK: arith.bitcast %{{.*}} : i8 to f8E5M2
func.func @f8_to_f8(%x: tensor<4xf8E4M3FN>) -> tensor<4xf8E5M2> {
  %0 = ds.cast %x : (tensor<4xf8E4M3FN>) -> tensor<4xf8E5M2>
  return %0 : tensor<4xf8E5M2>
}

// -----

// Identity moves the elements as they are.
// CHECK-LABEL: func.func @identity
// CHECK: ^bb0(%[[IN:.*]]: f8E4M3FN, %{{.*}}: f8E4M3FN):
// CHECK-NEXT: linalg.yield %[[IN]] : f8E4M3FN
func.func @identity(%x: tensor<?xf8E4M3FN>) -> tensor<?xf8E4M3FN> {
  %0 = ds.identity %x : (tensor<?xf8E4M3FN>) -> tensor<?xf8E4M3FN>
  return %0 : tensor<?xf8E4M3FN>
}
