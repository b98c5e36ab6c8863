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
    one pattern file per op family: elementwise ops become one
    `linalg.generic` each, with numpy broadcasting expressed in the
    indexing maps (clip with its optional bounds; pow with small constant
    exponents as multiplications or a square root); `ds.constant` becomes `arith.constant`; matmul and gemm
    become `linalg.matmul` / `linalg.batch_matmul` (with reshapes); 2-D conv
    and pools become the named linalg convolution and pooling ops after a
    `tensor.pad`; reductions, softmax and the normalizations become
    `linalg.reduce` and generics; reshapes become
    `tensor.collapse_shape` / `expand_shape`, and transpose, concat, slice,
    pad, expand and gather their tensor or linalg equivalents. Each
    pattern file states the cases it leaves unlowered. Ops this pass does not lower yet are left in place
    (a partial conversion), so that later patterns can be added family by
    family; the option `require-full` makes a remaining ds op an error
    instead.

    Broadcasting must be visible in the types: a static 1 against a larger
    size. An operand size that is dynamic where the result's is static and
    larger than 1 (it could be 1 at run time) is not lowered; two dynamic
    sizes in the same position (elementwise operands, matmul batch
    dimensions) are assumed equal at run time. Unsigned element types are
    not lowered yet (arith works on signless integers).

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
