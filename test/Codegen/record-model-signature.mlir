// RUN: ds-opt %s --split-input-file --verify-diagnostics --ds-record-model-signature | FileCheck %s

// Names from ds.name, dynamic dims with their names from ds.dim_names, and
// defaults where the attributes are missing.
// CHECK: module attributes {ds.model = {entry = "net",
// CHECK-SAME: inputs = [{dim_names = ["batch", ""], name = "x", type = tensor<?x4xf32>}, {dim_names = [], name = "input1", type = tensor<i64>}],
// CHECK-SAME: outputs = [{dim_names = ["", ""], name = "y", type = tensor<?x4xf32>}]}}
func.func @net(%x: tensor<?x4xf32> {ds.name = "x", ds.dim_names = ["batch", ""]},
               %k: tensor<i64>) -> (tensor<?x4xf32> {ds.name = "y"}) {
  return %x : tensor<?x4xf32>
}
func.func private @helper(%x: tensor<f32>) -> tensor<f32> {
  return %x : tensor<f32>
}

// -----

// expected-error @below {{several public functions could be the model ('a', 'b'): name one as the entry}}
module {
  func.func @a() { return }
  func.func @b() { return }
}

// -----

// expected-error @below {{no public function to compile as the model}}
module {
  func.func private @a() { return }
}

// -----

// expected-error @below {{input #0 has type 'tensor<*xf32>', which a compiled model cannot take or return}}
func.func @unranked(%x: tensor<*xf32>) {
  return
}

// -----

// expected-error @below {{input #0 has type 'tensor<2xcomplex<f32>>', which a compiled model cannot take or return}}
func.func @complex(%x: tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>> {
  return %x : tensor<2xcomplex<f32>>
}
