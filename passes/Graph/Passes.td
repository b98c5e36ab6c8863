//===- Passes.td - Graph-level passes on the ds dialect -----*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_GRAPH_PASSES_TD
#define DS_PASSES_GRAPH_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferShapes : Pass<"ds-infer-shapes", "::mlir::func::FuncOp"> {
  let summary = "Refine result types by the ops' own shape inference";
  let description = [{
    Walks each function in program order, the ops inside a region before
    the op that holds it (so that `ds.if` and `ds.loop` see refined
    yields), and replaces every result type of a ds op with the meet of its
    written type and the type the op infers from its operands: a `?`
    becomes a static size where the operands determine it, an unranked
    tensor becomes ranked. A written
    type that contradicts the inferred one is an error. Finally the
    function's result types are set to the types of the values it returns.

    Run it after import (ONNX `value_info` is only a hint) and after passes
    that change operand types. It refines a function's signature, not the
    `func.call`s of it: in a module whose functions call each other, run it
    before the callers are written, or refine the call sites yourself (a
    module-level pass for that is still to come).

    Example: the broadcast below determines the result's first size.

    ```mlir
    func.func @f(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> {
      %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<?x3xf32>
      return %0 : tensor<?x3xf32>
    }
    ```

    becomes

    ```mlir
    func.func @f(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
      %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
      return %0 : tensor<4x3xf32>
    }
    ```
  }];
  let dependentDialects = ["::ds::DSDialect"];
  let statistics = [
    Statistic<"numRefined", "refined-values", "Number of results refined">,
  ];
}

#endif // DS_PASSES_GRAPH_PASSES_TD
