//===- TensorOps.td - Tensor ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds. Ops that create, move and reshape data without computing on
// it: constants, shape queries, reshapes, transposes, concatenation,
// splitting, slicing, padding and broadcasting. Many take runtime shape
// operands (ONNX exporters compute shapes with Shape/Gather/Concat chains);
// their folders turn that shape arithmetic into constants.
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
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def DS_ConstantOfShapeOp : DS_Op<"constant_of_shape", [Pure, DS_InferTypes]> {
  let summary = "A tensor of a runtime shape filled with one value";
  let description = [{
    Produces a tensor of the shape given by the 1-D `shape` operand, every
    element equal to the single element of `value` (default: `0.0 : f32`).
    The result element type is that of `value`. The result sizes are those
    of `shape` when it is constant; otherwise the result has as many `?`
    dimensions as `shape` has elements.

    With a constant `shape` and a static result type the op folds to a
    splat constant.

    Example:

    ```mlir
    %ones = ds.constant_of_shape %shape {value = dense<1> : tensor<1xi64>}
        : (tensor<2xi64>) -> tensor<?x?xi64>
    ```
  }];
  let arguments = (ins DS_I64Tensor:$shape, OptionalAttr<ElementsAttr>:$value);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def DS_RangeOp : DS_Op<"range", [Pure, DS_InferTypes,
    AllTypesMatch<["start", "limit", "delta"]>,
    AllElementTypesMatch<["start", "output"]>]> {
  let summary = "An arithmetic sequence";
  let description = [{
    Produces the 1-D tensor `start, start + delta, start + 2 * delta, ...`
    of `max(ceil((limit - start) / delta), 0)` elements. The three operands
    are scalars (rank 0, or rank 1 with one element) of one numeric type,
    which is also the result element type. When all three are constant the
    size is static and the op folds to a constant.

    Example:

    ```mlir
    %r = ds.range %start, %limit, %delta
        : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
    ```
  }];
  let arguments = (ins TensorOf<[I16, I32, I64, F32, F64]>:$start,
                       TensorOf<[I16, I32, I64, F32, F64]>:$limit,
                       TensorOf<[I16, I32, I64, F32, F64]>:$delta);
  let results = (outs TensorOf<[I16, I32, I64, F32, F64]>:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Shape queries
//===----------------------------------------------------------------------===//

def DS_ShapeOp : DS_Op<"shape", [Pure, DS_InferTypes]> {
  let summary = "The sizes of a tensor's dimensions, as a 1-D i64 tensor";
  let description = [{
    Returns the sizes of the dimensions `start` (default 0) to `end`
    (exclusive, default the rank) of the input. As in ONNX, a negative
    `start` or `end` counts from the back, and both are clamped to
    `[0, rank]`; an empty range gives an empty tensor.

    Folds to a constant when the selected dimensions are static.

    Example:

    ```mlir
    %s = ds.shape %x {start = 1 : i64} : (tensor<?x3x224x224xf32>) -> tensor<3xi64>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input, OptionalAttr<I64Attr>:$start,
                       OptionalAttr<I64Attr>:$end);
  let results = (outs DS_I64Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_SizeOp : DS_Op<"size", [Pure, DS_InferTypesWith<
    "inferredReturnTypes.push_back(::mlir::RankedTensorType::get({}, "
    "::mlir::IntegerType::get(context, 64))); return ::mlir::success();">]> {
  let summary = "The number of elements of a tensor, as an i64 scalar";
  let description = [{
    Returns the product of the input's sizes as a rank-0 `i64` tensor.
    Folds to a constant when the input shape is static.

    Example:

    ```mlir
    %n = ds.size %x : (tensor<2x3xf32>) -> tensor<i64>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input);
  let results = (outs DS_I64Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

def DS_ReshapeOp : DS_Op<"reshape", [Pure, DS_InferTypes,
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "Reinterprets a tensor with a runtime shape";
  let description = [{
    Gives `data` the shape held by the 1-D `shape` operand, keeping its
    elements in row-major order. In `shape`, `-1` (at most once) stands for
    the size that keeps the element count, and `0` copies the input size at
    the same position unless `allowzero` is set, in which case it is a size
    of zero (and `-1` may then not appear together with `0`).

    Result sizes come from `shape` when it is constant (copied `?` sizes stay
    `?`; `-1` is inferred when the other sizes determine it); otherwise the
    result has as many `?` dimensions as `shape` has elements.

    Folds: a reshape to the type of its input (static but for at most one
    dimension) is its input; a reshape of a dense constant is a constant.
    Canonicalization: `reshape(reshape(x, s1), s2)` is `reshape(x, s2)` when
    `s2` copies no dimension (`allowzero`, or a constant without zeros).

    Example:

    ```mlir
    %y = ds.reshape %x, %shape : (tensor<?x12x64xf32>, tensor<2xi64>) -> tensor<?x768xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$data, DS_I64Tensor:$shape,
                       DefaultValuedAttr<BoolAttr, "false">:$allowzero);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def DS_FlattenOp : DS_Op<"flatten", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Reshapes a tensor to 2-D around an axis";
  let description = [{
    Produces a matrix whose rows are the dimensions before `axis` (in
    `[-rank, rank]`, default 1; negative counts from the back) and whose
    columns are the dimensions from `axis` on. An empty product is 1.
    Folds to its input when that is already the result type, and on dense
    constants.

    Example:

    ```mlir
    %y = ds.flatten %x {axis = 1 : i64} : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input,
                       DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_SqueezeOp : DS_Op<"squeeze", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Removes dimensions of size 1";
  let description = [{
    Removes the dimensions listed in `axes` (negative counts from the back),
    which must have size 1 (or `?`). Without `axes`, every dimension of size
    1 is removed, which requires a static input shape. The canonical form
    has `axes` as an attribute (ONNX 13 takes them as an operand, which the
    importer requires to be constant). Folds on dense constants, and to its
    input when nothing is removed.

    Example:

    ```mlir
    %y = ds.squeeze %x {axes = array<i64: 2, 3>} : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input,
                       OptionalAttr<DenseI64ArrayAttr>:$axes);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_UnsqueezeOp : DS_Op<"unsqueeze", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Inserts dimensions of size 1";
  let description = [{
    Inserts a dimension of size 1 at each position of `axes`, which index
    the output (of rank `rank(input) + size(axes)`; negative counts from
    the back) and must be distinct. The canonical form has `axes` as an
    attribute (ONNX 13 takes them as an operand, which the importer requires
    to be constant). Folds on dense constants.

    Example:

    ```mlir
    %y = ds.unsqueeze %x {axes = array<i64: 0, -1>} : (tensor<?x3xf32>) -> tensor<1x?x3x1xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_TransposeOp : DS_Op<"transpose", [Pure, DS_InferTypes,
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "Permutes the dimensions of a tensor";
  let description = [{
    Result dimension `i` is input dimension `perm[i]`. Without `perm` the
    dimensions are reversed. `perm` must be a permutation of `[0, rank)`.

    Folds: the identity permutation gives the input; a small dense constant
    is transposed. Canonicalization: `transpose(transpose(x, p), q)` is
    `transpose(x, r)` with `r[i] = p[q[i]]`.

    Example:

    ```mlir
    %y = ds.transpose %x {perm = array<i64: 0, 2, 1, 3>}
        : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$data,
                       OptionalAttr<DenseI64ArrayAttr>:$perm);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Concatenation and splitting
//===----------------------------------------------------------------------===//

def DS_ConcatOp : DS_Op<"concat", [Pure, DS_InferTypes,
    SameOperandsAndResultElementType]> {
  let summary = "Joins tensors along an axis";
  let description = [{
    Concatenates one or more tensors of the same rank along `axis`
    (negative counts from the back); the other sizes must agree. Folds: a
    single operand of the result type is the result; dense constant operands
    (such as the pieces of a computed shape) give a constant.

    Example:

    ```mlir
    %s = ds.concat %a, %b {axis = 0 : i64}
        : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
    ```
  }];
  let arguments = (ins Variadic<DS_DataTensor>:$inputs, I64Attr:$axis);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_SplitOp : DS_Op<"split", [Pure, DS_InferTypes]> {
  let summary = "Splits a tensor into pieces along an axis";
  let description = [{
    Cuts the input along `axis` (default 0; negative counts from the back)
    into consecutive pieces, one per result. Exactly one of `split` and
    `num_outputs` is given (this is the canonical form; ONNX's `split`
    operand must be constant and becomes the attribute):

    * `split` lists the sizes of the pieces, which sum to the size of the
      axis;
    * `num_outputs` splits into that many pieces of `ceil(size / n)`
      elements, the last one smaller when the size does not divide (opset
      18).

    Folds: pieces of a dense constant are constants.

    Example:

    ```mlir
    %q, %k, %v = ds.split %qkv {axis = 2 : i64, num_outputs = 3 : i64}
        : (tensor<?x?x2304xf32>) -> (tensor<?x?x768xf32>, tensor<?x?x768xf32>, tensor<?x?x768xf32>)
    ```
  }];
  let arguments = (ins DS_DataTensor:$input,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       OptionalAttr<DenseI64ArrayAttr>:$split,
                       OptionalAttr<I64Attr>:$num_outputs);
  let results = (outs Variadic<DS_DataTensor>:$outputs);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Slicing and padding
//===----------------------------------------------------------------------===//

def DS_SliceOp : DS_Op<"slice", [Pure, DS_InferTypes,
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "A strided window of a tensor, with runtime bounds";
  let description = [{
    For each `i`, takes the elements of dimension `axes[i]` from `starts[i]`
    towards `ends[i]` (exclusive) in steps of `steps[i]` (default 1, never
    0). `starts`, `ends` and `steps` are 1-D `i32` or `i64` operands of equal
    length; `axes` (default `[0, n)`) is an attribute in the canonical form,
    with negative values counting from the back. Bounds follow ONNX: negative
    values count from the back, then they are clamped to `[0, size]` for
    positive steps and to `[-1, size - 1]` (starts: `[0, size - 1]`) for
    negative steps; the size is `max(ceil((end - start) / step), 0)`.

    Sizes are static when the bounds are constant and the dimension is
    static. Folds: a slice of a dense constant is a constant; a slice that
    takes every element in order is its input.

    Example:

    ```mlir
    %y = ds.slice %x, %starts, %ends, %steps {axes = array<i64: 1>}
        : (tensor<?x64xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x32xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$data, DS_IndexTensor:$starts,
                       DS_IndexTensor:$ends, Optional<DS_IndexTensor>:$steps,
                       OptionalAttr<DenseI64ArrayAttr>:$axes);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def DS_PadOp : DS_Op<"pad", [Pure, DS_InferTypes,
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "Pads a tensor by runtime amounts";
  let description = [{
    `pads` is a 1-D `i64` operand `[b_1, ..., b_n, e_1, ..., e_n]` adding
    `b_i` elements before and `e_i` after the `i`-th padded dimension
    (negative amounts remove elements). The padded dimensions are `axes`
    (default all; negative counts from the back). `mode` is `constant`
    (fill with `constant_value`, a scalar of the data's element type,
    default zero), `reflect`, `edge` or `wrap`.

    Sizes are static when `pads` is constant and the dimension is static.
    Folds to its input when `pads` is constant and all zeros.

    Example:

    ```mlir
    %y = ds.pad %x, %pads, %zero {mode = "constant"}
        : (tensor<1x3x?x?xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1x3x?x?xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$data, DS_I64Tensor:$pads,
                       Optional<DS_DataTensor>:$constant_value,
                       DefaultValuedAttr<StrAttr, "\"constant\"">:$mode,
                       OptionalAttr<DenseI64ArrayAttr>:$axes);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Broadcasting and repetition
//===----------------------------------------------------------------------===//

def DS_ExpandOp : DS_Op<"expand", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Broadcasts a tensor to a runtime shape";
  let description = [{
    Broadcasts `input` against the shape held by the 1-D `shape` operand as
    numpy does in both directions: a size of 1 in `shape` keeps the input
    size, and the result rank is the larger of the two. Without a constant
    `shape`, input sizes other than 1 are kept and the others are `?`.
    Folds to its input when the static result type equals the input type.

    Example:

    ```mlir
    %y = ds.expand %x, %shape : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input, DS_I64Tensor:$shape);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_TileOp : DS_Op<"tile", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Repeats a tensor along each dimension";
  let description = [{
    Dimension `i` of the result is `repeats[i]` copies of the input along
    that dimension; `repeats` is a 1-D `i64` operand with one non-negative
    entry per input dimension. Folds to its input when `repeats` is constant
    and all ones.

    Example:

    ```mlir
    %y = ds.tile %x, %repeats : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input, DS_I64Tensor:$repeats);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

#endif // DS_TENSOR_OPS_TD
