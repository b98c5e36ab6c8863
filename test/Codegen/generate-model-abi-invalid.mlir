// RUN: ds-opt %s --split-input-file --verify-diagnostics --ds-generate-model-abi

// expected-error @below {{the module has no 'ds.model' attribute: run ds-record-model-signature before lowering}}
module {
  llvm.func @f() {
    llvm.return
  }
}

// -----

// expected-error @below {{no lowered function 'net' (run ds-generate-model-abi after the lowering to the LLVM dialect)}}
module attributes {ds.model = {entry = "net", inputs = [], outputs = []}} {
  func.func @net() { return }
}

// -----

// expected-error @below {{malformed 'ds.model' entry}}
module attributes {ds.model = {entry = "net", inputs = [{name = "x"}], outputs = []}} {
  llvm.func @net() { llvm.return }
}

// -----

module attributes {ds.model = {entry = "net", inputs = [{dim_names = [""], name = "x", type = tensor<?xf32>}], outputs = []}} {
  // expected-error @below {{the lowered model function '!llvm.func<void ()>' does not match the recorded signature (1 inputs, 0 outputs as memref descriptors)}}
  llvm.func @net() { llvm.return }
}
