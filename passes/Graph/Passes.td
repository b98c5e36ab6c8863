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

def FoldBatchNorm : Pass<"ds-fold-batchnorm", "::mlir::func::FuncOp"> {
  let summary = "Fold batch normalization and per-channel scales and "
                "offsets into the weights of the convolution or matrix "
                "product before them";
  let description = [{
    A linear producer with a constant weight, `ds.conv`,
    `ds.conv_transpose`, `ds.gemm` or `ds.matmul` with a 2-D weight, whose
    only user maps each output channel o affinely, `y -> s[o] * y + t[o]`,
    is replaced by the producer with the weight elements of channel o
    multiplied by s[o] and the bias `b * s + t`. The channel is axis 1 of a
    convolution's result and the last axis of a matrix product's. The
    affine maps folded are

    - `ds.batch_normalization` in inference mode with constant `scale`,
      `bias`, `mean` and `var`: `s = scale / sqrt(var + epsilon)`,
      `t = bias - mean * s` (axis 1, so matrix products of rank 2 only);
    - `ds.mul`, `ds.div`, `ds.add` and `ds.sub` by a constant that has size
      1 in every dimension but the channel axis (`[C, 1, 1]`,
      `[1, C, 1, 1]`, `[N]` after a matrix product, or a scalar), the
      constant on either side of `mul` and `add` and on the right of `div`
      and `sub`. Exporters that fold batch normalization themselves leave
      such pairs behind.

    The producer's bias (`bias` of a convolution, `beta * C` of a gemm,
    where C must be constant along the rows) must be constant or absent;
    a missing bias is added when t is not zero. A `ds.matmul` that needs a
    bias becomes the `ds.gemm` with C = the bias (which needs a 2-D `a`):
    the canonical form of a matrix product with a bias vector. Weights and
    statistics are folded in double precision and rounded once to the
    element type; only f32 and f64 are folded. New weights of more than 64
    elements are resource blobs. Nothing is folded when the producer has
    other users, an operand is not constant, the batch normalization is in
    training mode, or the result type would change.

    Run it after canonicalization has folded the constants of the graph; it
    is part of the `simplify` step of `ds-lower-to-llvm`.

    Example:

    ```mlir
    %y = ds.conv %x, %w {pads = array<i64: 1, 1, 1, 1>}
        : (tensor<?x3x8x8xf32>, tensor<2x3x3x3xf32>) -> tensor<?x2x8x8xf32>
    %z = ds.batch_normalization %y, %scale, %bias, %mean, %var
        : (tensor<?x2x8x8xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>,
           tensor<2xf32>) -> tensor<?x2x8x8xf32>
    ```

    with constant `%w`, `%scale`, `%bias`, `%mean` and `%var` becomes

    ```mlir
    %w2 = ds.constant dense<...> : tensor<2x3x3x3xf32>
    %b2 = ds.constant dense<...> : tensor<2xf32>
    %z = ds.conv %x, %w2, %b2 {pads = array<i64: 1, 1, 1, 1>}
        : (tensor<?x3x8x8xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>)
        -> tensor<?x2x8x8xf32>
    ```
  }];
  let dependentDialects = ["::ds::DSDialect"];
}


def TransposeConstantWeights : Pass<"ds-transpose-constant-weights",
                                     "::mlir::func::FuncOp"> {
  let summary = "Store the constant operands of ds.gemm that it transposes "
                "transposed";
  let description = [{
    A `ds.gemm` with `transB` (or `transA`) whose B (or A) is a constant
    f32 or f64 matrix gets that constant transposed at compile time and the
    flag cleared, so that the product reads its weight in the layout the
    GEMM kernels want (rows of B along N) instead of transposing it in
    every run. Linear layers exported as `Gemm(transB=1)` are the usual
    case.

    Example:

    ```mlir
    %w = ds.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
    %y = ds.gemm %x, %w {trans_b = true} : (tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
    ```

    becomes

    ```mlir
    %w = ds.constant dense<[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]> : tensor<2x3xf32>
    %y = ds.gemm %x, %w : (tensor<4x2xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
    ```
  }];
}

#endif // DS_PASSES_GRAPH_PASSES_TD
