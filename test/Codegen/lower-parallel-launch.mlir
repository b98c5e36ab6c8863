// RUN: ds-opt %s --ds-lower-parallel-launch | FileCheck %s

// A launch becomes a record of its operands on the stack, a task that
// unpacks it, and a dispatch through the runtime's parallel_for slot.
// CHECK: llvm.mlir.global internal @__ds_parallel_for()
// CHECK-LABEL: llvm.func @f(
// CHECK-SAME: %[[N:.*]]: i64, %[[P:.*]]: !llvm.ptr, %[[X:.*]]: f32)
// CHECK: %[[REC:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(ptr, f32)>
// CHECK: llvm.store %[[P]], %{{.*}} : !llvm.ptr, !llvm.ptr
// CHECK: llvm.store %[[X]], %{{.*}} : f32, !llvm.ptr
// CHECK: %[[TASK:.*]] = llvm.mlir.addressof @body_task
// CHECK: llvm.call @__ds_parallel_dispatch(%[[TASK]], %[[REC]], %[[N]])
// CHECK-NOT: @body_launch

// CHECK-LABEL: llvm.func internal @body_task(
// CHECK: %[[F0:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: %[[F1:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK: llvm.call @body(%arg1, %arg2, %[[F0]], %[[F1]])

// CHECK-LABEL: llvm.func internal @__ds_parallel_dispatch(
// CHECK: %[[PF:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.icmp "eq" %[[PF]]
// CHECK: llvm.cond_br
// CHECK: llvm.call %arg0(%arg1, %{{.*}}, %arg2) : !llvm.ptr, (!llvm.ptr, i64, i64) -> ()
// CHECK: llvm.call %[[PF]](%arg0, %arg1, %arg2) : !llvm.ptr, (!llvm.ptr, !llvm.ptr, i64) -> ()
module {
  llvm.func @f(%n: i64, %p: !llvm.ptr, %x: f32) {
    llvm.call @body_launch(%n, %p, %x) : (i64, !llvm.ptr, f32) -> ()
    llvm.return
  }
  llvm.func @body(%begin: i64, %end: i64, %p: !llvm.ptr, %x: f32) {
    llvm.return
  }
  llvm.func @body_launch(i64, !llvm.ptr, f32) attributes {ds.parallel_body = @body}
}
