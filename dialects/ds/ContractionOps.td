//===- ContractionOps.td - Contraction ds ops ---------------*- tablegen -*-===//
//
// Part of ds. Matrix products: MatMul (numpy semantics) and Gemm.
//
//===----------------------------------------------------------------------===//

#ifndef DS_CONTRACTION_OPS_TD
#define DS_CONTRACTION_OPS_TD

include "dialects/ds/DSBase.td"

def DS_MatMulOp : DS_ComputeOp<"matmul", [Pure, SameOperandsAndResultElementType,
                                          DS_InferTypes]> {
  let summary = "Matrix product with numpy semantics";
  let description = [{
    Computes the matrix product of `a` and `b` as `numpy.matmul` does. The
    last two dimensions of each operand are the matrix dimensions and the
    leading ones are batch dimensions, broadcast against each other. A 1-D
    `a` of size K is read as a 1xK matrix and a 1-D `b` as a Kx1 matrix;
    the added dimension is removed from the result. Operands of rank 0 are
    invalid. The contracted dimensions (the last of `a`, the second to last
    of `b`, or the only one of a 1-D operand) must be equal.

    The operands and the result have the same floating-point or integer
    element type; integer products accumulate in that type.

    Example:

    ```mlir
    %y = ds.matmul %a, %b
        : (tensor<?x1x4x8xf32>, tensor<3x8x16xf32>) -> tensor<?x3x4x16xf32>
    ```
  }];
  let arguments = !con((ins DS_NumericTensor:$a, DS_NumericTensor:$b),
                       DS_PrecisionArg);
  let results = (outs DS_NumericTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

def DS_GemmOp : DS_ComputeOp<"gemm", [Pure, SameOperandsAndResultElementType,
                                      DS_InferTypes]> {
  let summary = "General matrix multiplication `alpha * A' * B' + beta * C`";
  let description = [{
    Computes `Y = alpha * A' * B' + beta * C` where `A'` is `a` transposed
    when `trans_a` is set (and `a` otherwise), likewise `B'`. `A'` is MxK,
    `B'` is KxN and `Y` is MxN; `a` and `b` have rank 2. The optional `c` is
    unidirectionally broadcastable to MxN (rank at most 2, each size 1 or
    equal to the corresponding size of `Y`, aligned from the right); without
    it the op computes `alpha * A' * B'`.

    All operands and the result have the same element type. This is the
    canonical form of ONNX Gemm for every opset (older opsets' `broadcast`
    attribute is implied).

    Canonicalization: with `beta` = 0 the op drops `c` and resets `beta` to
    its default (a NaN or infinity in `c` is then not propagated, as in
    BLAS).

    Example:

    ```mlir
    %y = ds.gemm %a, %b, %c {alpha = 5.000000e-01 : f32, trans_b = true}
        : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>)
        -> tensor<?x128xf32>
    ```
  }];
  let arguments = !con((ins DS_NumericTensor:$a, DS_NumericTensor:$b,
                            Optional<DS_NumericTensor>:$c,
                            DefaultValuedAttr<F32Attr, "1.0">:$alpha,
                            DefaultValuedAttr<F32Attr, "1.0">:$beta,
                            DefaultValuedAttr<BoolAttr, "false">:$trans_a,
                            DefaultValuedAttr<BoolAttr, "false">:$trans_b),
                       DS_PrecisionArg);
  let results = (outs DS_NumericTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

#endif // DS_CONTRACTION_OPS_TD
