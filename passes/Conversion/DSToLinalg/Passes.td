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

def FuseElementwise : Pass<"ds-fuse-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuse chains of elementwise linalg.generic ops after the "
                "lowering";
  let description = [{
    An elementwise (all-parallel) `linalg.generic` on tensors whose only
    user is another elementwise generic reading its result as an input is
    fused into that user (linalg's `fuseElementwiseOps`), so that chains
    such as bias + ReLU or Clip, residual add + ReLU, GELU's erf chain and
    the elementwise parts of softmax and the normalizations become one loop
    nest and one buffer. A producer with other users is never fused, so
    nothing is computed twice. Named ops (`linalg.conv_2d_nchw_fchw`,
    `linalg.matmul`, fills, reductions) are left alone.

    A producer that updates its init in place, as the bias generic after a
    convolution or a gemm does, keeps that result in the fused op; once
    nothing reads that result, the init becomes an input of the fused op
    and the result is dropped, so that the op writes only what is used.
    Unused operands and results are erased. A float splat constant input
    (a Clip's bounds) becomes a constant of the body. Unlike upstream
    `linalg-fuse-elementwise-ops`, other splat constants are not folded
    into the bodies (the lowering keeps unsigned tensors, whose scalars
    arith cannot hold) and reshapes are not propagated through the
    generics.

    Run it after canonicalization, which resolves the `tensor.dim` of
    results (the lowering's size queries would count as users). It is the
    `fuse-elementwise` step of `ds-lower-to-llvm`.

    Example: the bias and the ReLU

    ```mlir
    %b = linalg.generic {indexing_maps = [#col, #id],
                         iterator_types = ["parallel", "parallel"]}
        ins(%bias : tensor<3xf32>) outs(%product : tensor<?x3xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %out, %in : f32
      linalg.yield %s : f32
    } -> tensor<?x3xf32>
    %r = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel", "parallel"]}
        ins(%b : tensor<?x3xf32>) outs(%empty : tensor<?x3xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.maximumf %in, %zero : f32
      linalg.yield %m : f32
    } -> tensor<?x3xf32>
    ```

    become one generic that reads the product and the bias and writes the
    result of the ReLU:

    ```mlir
    %r = linalg.generic {indexing_maps = [#col, #id, #id],
                         iterator_types = ["parallel", "parallel"]}
        ins(%bias, %product : tensor<3xf32>, tensor<?x3xf32>)
        outs(%empty : tensor<?x3xf32>) {
    ^bb0(%in: f32, %p: f32, %out: f32):
      %s = arith.addf %p, %in : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
    } -> tensor<?x3xf32>
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // DS_PASSES_CONVERSION_DSTOLINALG_PASSES_TD
