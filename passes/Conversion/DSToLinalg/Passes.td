//===- Passes.td - Lowering of ds to linalg ---------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_PASSES_TD
#define DS_PASSES_CONVERSION_DSTOLINALG_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertDSToLinalg : Pass<"convert-ds-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Lower ds ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Target-independent lowering of ds ops to upstream dialects on tensors,
    one pattern file per op family (`<Family>Lowering.cpp`, every family of
    the dialect): elementwise ops become one `linalg.generic` each, with
    numpy broadcasting in the indexing maps; matmul and gemm become
    `linalg.matmul` / `linalg.batch_matmul` (f16/bf16 accumulating in f32);
    convolutions and pools of any spatial rank become named linalg ops or
    generics with convolution maps; reductions, normalizations, indexing,
    selection, signal and image ops become linalg generics and reductions,
    with `scf` loops where the computation is sequential or data-dependent;
    ds.if and ds.loop become `scf.if`, `scf.for` or `scf.while`; recurrent
    layers an `scf.for` over time steps; sequence ops are resolved into
    their element tensors where those are known at compile time. Each
    pattern file's header states the cases it leaves unlowered; those ops
    stay in place (a partial conversion), and the option `require-full`
    makes a remaining ds op an error.

    Broadcasting that only the run time settles (a dynamic operand size
    against a static result size above 1, matmul batch dimensions that
    differ) is materialized first by a generic that reads index 0 where the
    operand's size is 1. Two dynamic sizes in the same position are assumed
    equal at run time. Unsigned integer element types are computed with the
    unsigned arith ops on signless views of the elements.

    Example:

    ```mlir
    %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    ```

    becomes

    ```mlir
    %e = tensor.empty() : tensor<4x3xf32>
    %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>,
                                          affine_map<(d0, d1) -> (d1)>,
                                          affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%a, %b : tensor<4x1xf32>, tensor<3xf32>) outs(%e : tensor<4x3xf32>) {
    ^bb0(%x: f32, %y: f32, %out: f32):
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    } -> tensor<4x3xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect"
  ];
  let options = [
    Option<"requireFull", "require-full", "bool", "false",
           "Fail on any ds op left after the conversion">,
  ];
}

#endif // DS_PASSES_CONVERSION_DSTOLINALG_PASSES_TD
