//===- TensorOps.td - Tensor ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_TENSOR_OPS_TD
#define DS_TENSOR_OPS_TD

include "dialects/ds/DSBase.td"

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def DS_ConstantOp : DS_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "output"]>]> {
  let summary = "A constant tensor: a small dense literal or a weight blob";
  let description = [{
    Produces the tensor held by `value`: a `dense` literal for small
    constants, or a `dense_resource` blob for weights, whose bytes live in
    the module's resource section and are shared (not copied) when the IR is
    cloned. The type is that of the attribute and must be static.

    Example:

    ```mlir
    %shape = ds.constant dense<[1, -1]> : tensor<2xi64>
    %w = ds.constant dense_resource<conv1_weight> : tensor<64x3x7x7xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // DS_TENSOR_OPS_TD
