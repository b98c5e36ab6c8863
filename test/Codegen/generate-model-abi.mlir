// RUN: ds-opt %s --split-input-file --verify-diagnostics --ds-lower-to-llvm="model-abi=true" | FileCheck %s

// The model ABI of runtime/include/ds/runtime/model_abi.h for a model with
// one dynamic input and two outputs, one of them a constant.

// CHECK-DAG: llvm.mlir.global internal @__ds_parallel_for() {{.*}} : !llvm.ptr
// Everything but ds_model_get is internal.
// CHECK-DAG: llvm.func internal @net(
// CHECK-DAG: llvm.func @malloc(

// run: each input's descriptor is (data, data, 0, sizes, row-major strides).
// CHECK: llvm.func internal @__ds_run(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: !llvm.ptr, %arg3: !llvm.ptr, %arg4: !llvm.ptr, %arg5: !llvm.ptr)
// CHECK: %[[DATA:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: %[[D0:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: %[[D1:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK: %[[S0:.*]] = llvm.mul %[[ONE]], %[[D1]] : i64
// CHECK: %[[ZERO:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK: %[[RES:.*]] = llvm.call @net(%[[DATA]], %[[DATA]], %[[ZERO]], %[[D0]], %[[D1]], %[[S0]], %[[ONE]])
// A block is not handed over when it is the constants' sentinel, an input
// or an earlier output's.
// CHECK: llvm.mlir.constant(3735928559 : i64) : i64
// CHECK: llvm.icmp "eq"
// CHECK: llvm.select
// CHECK: llvm.return

// CHECK: llvm.func @free(
// CHECK: llvm.func internal @__ds_release(
// CHECK: llvm.call @free(

// The tables' leaves: names, dims (-1 for dynamic), names of dynamic dims.
// CHECK-DAG: llvm.mlir.global private constant @[[NAME:__ds_str_[0-9]+]]("net{{.}}00")
// CHECK-DAG: llvm.mlir.global private constant @[[X:__ds_str_[0-9]+]]("x{{.}}00")
// CHECK-DAG: llvm.mlir.global private constant @[[XDIMS:__ds_dims_[0-9]+]](dense<[-1, 4]> : tensor<2xi64>)
// CHECK-DAG: llvm.mlir.global private constant @[[BATCH:__ds_str_[0-9]+]]("batch{{.}}00")
// CHECK-DAG: llvm.mlir.global private constant @{{__ds_dims_[0-9]+}}(dense<2> : tensor<1xi64>)

// abi_version 2, 1 input, 2 outputs, no workspace (dynamic shapes).
// CHECK: llvm.mlir.global internal constant @__ds_model() {{.*}} : !llvm.struct<(i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr, ptr, i64)>
// CHECK: llvm.mlir.constant(2 : i32)
// CHECK: llvm.mlir.constant(1 : i32)
// CHECK: llvm.mlir.constant(2 : i32)
// CHECK: llvm.mlir.addressof @[[NAME]]
// CHECK: llvm.mlir.addressof @__ds_run
// CHECK: llvm.mlir.addressof @__ds_release
// CHECK: llvm.mlir.addressof @__ds_parallel_for
// CHECK: llvm.mlir.constant(0 : i64) : i64

// CHECK: llvm.func @ds_model_get() -> !llvm.ptr
// CHECK: llvm.mlir.addressof @__ds_model
func.func @net(%x: tensor<?x4xf32> {ds.name = "x", ds.dim_names = ["batch", ""]})
    -> (tensor<?x4xf32> {ds.name = "y"}, tensor<2xf32> {ds.name = "c"}) {
  %c = ds.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %y = ds.relu %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %y, %c : tensor<?x4xf32>, tensor<2xf32>
}

// -----

// Static temporaries share a workspace (ds-plan-memory): what element-wise
// fusion leaves of this function, the two 4x8 tensors of the ReLU and the
// tanh (128 bytes each) and the two row reductions (16 bytes each, at
// 64-byte alignment), live at the same time. run passes its workspace
// argument
// on as the entry's last memref<?xi8> (allocated, aligned, offset 0, size,
// stride 1), and the model records its size.
// CHECK: module attributes {{.*}}ds.workspace_bytes = 384 : i64
// CHECK: llvm.func internal @net({{.*}}, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64) -> {{.*}} attributes {ds.workspace_bytes = 384 : i64}
// CHECK: llvm.func internal @__ds_run({{.*}}, %[[WS:.*]]: !llvm.ptr) {
// CHECK: llvm.mlir.constant(0 : i64) : i64
// CHECK-NEXT: %[[ZERO:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-NEXT: %[[SIZE:.*]] = llvm.mlir.constant(384 : i64) : i64
// CHECK-NEXT: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-NEXT: llvm.call @net({{.*}}, %[[WS]], %[[WS]], %[[ZERO]], %[[SIZE]], %[[ONE]])
// CHECK: llvm.mlir.global internal constant @__ds_model()
// CHECK: llvm.mlir.constant(384 : i64) : i64
// CHECK: llvm.insertvalue %{{.*}}[10]
func.func @net(%x: tensor<4x8xf32> {ds.name = "x"}) -> (tensor<4x8xf32> {ds.name = "y"}) {
  %a = ds.relu %x : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %b = ds.tanh %x : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %s = ds.reduce_sum %a {axes = array<i64: 1>} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %t = ds.reduce_max %b {axes = array<i64: 1>} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %c = ds.div %a, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %d = ds.mul %c, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %e = ds.sub %d, %t : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %e : tensor<4x8xf32>
}

// -----

// On a 32-bit target the index type is 32 bits wide: dims are truncated
// on the way in and extended on the way out.
// CHECK: llvm.func internal @__ds_run(
// CHECK: llvm.trunc %{{.*}} : i64 to i32
// CHECK: llvm.sext %{{.*}} : i32 to i64
module attributes {dlti.dl_spec = #dlti.dl_spec<index = 32 : i32>} {
  func.func @net(%x: tensor<?xf32>) -> tensor<?xf32> {
    %y = ds.relu %x : (tensor<?xf32>) -> tensor<?xf32>
    return %y : tensor<?xf32>
  }
}

// -----

// float8, float4 and e8m0 tensors cross the ABI as ONNX's dtype codes (17
// to 20, 23, 24), one byte an element: the output's data pointer is a GEP
// over i8, and over i4 for float4, which LLVM also stores a byte each.
// CHECK: llvm.func internal @__ds_run(
// CHECK: llvm.getelementptr %{{.*}}[%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.getelementptr %{{.*}}[%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i4
// CHECK: llvm.mlir.global internal constant @{{__ds_tensors_[0-9]+}}() {{.*}} : !llvm.array<3 x struct<(ptr, i32, i32, ptr, ptr)>>
// CHECK: llvm.mlir.constant(17 : i32) : i32
// CHECK: llvm.mlir.constant(23 : i32) : i32
// CHECK: llvm.mlir.constant(24 : i32) : i32
func.func @low(%a: tensor<3xf8E4M3FN>, %b: tensor<3xf4E2M1FN>, %c: tensor<3xf8E8M0FNU>)
    -> (tensor<3xf8E4M3FN>, tensor<3xf4E2M1FN>) {
  %0 = ds.identity %a : (tensor<3xf8E4M3FN>) -> tensor<3xf8E4M3FN>
  %1 = ds.cast %c : (tensor<3xf8E8M0FNU>) -> tensor<3xf4E2M1FN>
  return %0, %1 : tensor<3xf8E4M3FN>, tensor<3xf4E2M1FN>
}
