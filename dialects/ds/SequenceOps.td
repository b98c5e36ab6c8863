//===- SequenceOps.td - Sequence and optional ds ops ------*- tablegen -*-===//
//
// Part of ds. ONNX's sequences of tensors (!ds.seq) and optional values
// (!ds.opt).
//
//===----------------------------------------------------------------------===//

#ifndef DS_SEQUENCE_OPS_TD
#define DS_SEQUENCE_OPS_TD

include "dialects/ds/DSBase.td"

def DS_ScalarIndex : TensorOf<[I32, I64]>;

def DS_SequenceEmptyOp : DS_Op<"sequence_empty", [Pure]> {
  let summary = "An empty sequence";
  let description = [{
    A sequence with no elements; its type names the element type.

    ```mlir
    %s = ds.sequence_empty : !ds.seq<tensor<*xf32>>
    ```
  }];
  let results = (outs DS_AnySequence:$output);
  let assemblyFormat = "attr-dict `:` qualified(type($output))";
}

def DS_SequenceConstructOp : DS_Op<"sequence_construct", [Pure, DS_InferTypes]> {
  let summary = "A sequence of the given tensors";
  let description = [{
    The tensors, one or more of one element type, in order. The sequence's
    element type keeps the sizes the tensors share and has `?` where they
    differ (unranked where their ranks differ).

    ```mlir
    %s = ds.sequence_construct %a, %b
        : (tensor<2x3xf32>, tensor<4x3xf32>) -> !ds.seq<tensor<?x3xf32>>
    ```
  }];
  let arguments = (ins Variadic<DS_Tensor>:$inputs);
  let results = (outs DS_AnySequence:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_SequenceAtOp : DS_Op<"sequence_at", [Pure, DS_InferTypes]> {
  let summary = "The element of a sequence at a position";
  let description = [{
    The tensor at `position` (a scalar; negative counts from the end). An
    out-of-range position is a run-time error.

    ```mlir
    %t = ds.sequence_at %s, %i
        : (!ds.seq<tensor<?x3xf32>>, tensor<i64>) -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins DS_AnySequence:$input_sequence,
                       DS_ScalarIndex:$position);
  let results = (outs DS_Tensor:$tensor);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_SequenceInsertOp : DS_Op<"sequence_insert", [Pure, DS_InferTypes]> {
  let summary = "A sequence with a tensor inserted";
  let description = [{
    Inserts `tensor` before `position` (the end when absent; negative counts
    from the end). The tensor's element type is the sequence's.

    ```mlir
    %r = ds.sequence_insert %s, %t
        : (!ds.seq<tensor<2xf32>>, tensor<3xf32>) -> !ds.seq<tensor<?xf32>>
    ```
  }];
  let arguments = (ins DS_AnySequence:$input_sequence, DS_Tensor:$tensor,
                       Optional<DS_ScalarIndex>:$position);
  let results = (outs DS_AnySequence:$output_sequence);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_SequenceEraseOp : DS_Op<"sequence_erase", [Pure, DS_InferTypes]> {
  let summary = "A sequence with one element removed";
  let description = [{
    Removes the element at `position` (the last when absent).

    ```mlir
    %r = ds.sequence_erase %s, %i
        : (!ds.seq<tensor<?xf32>>, tensor<i64>) -> !ds.seq<tensor<?xf32>>
    ```
  }];
  let arguments = (ins DS_AnySequence:$input_sequence,
                       Optional<DS_ScalarIndex>:$position);
  let results = (outs DS_AnySequence:$output_sequence);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_SequenceLengthOp : DS_Op<"sequence_length", [Pure,
    DS_InferTypesWith<"inferredReturnTypes.push_back(::mlir::RankedTensorType"
        "::get({}, ::mlir::IntegerType::get(context, 64)));"
        " return ::mlir::success();">]> {
  let summary = "The number of elements of a sequence";
  let description = [{
    ```mlir
    %n = ds.sequence_length %s : (!ds.seq<tensor<?xf32>>) -> tensor<i64>
    ```
  }];
  let arguments = (ins DS_AnySequence:$input_sequence);
  let results = (outs DS_I64Tensor:$length);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_ConcatFromSequenceOp : DS_Op<"concat_from_sequence", [Pure,
    DS_InferTypes]> {
  let summary = "The elements of a sequence concatenated";
  let description = [{
    Concatenates the elements along `axis`; with `new_axis = true` they are
    stacked along a new dimension inserted at `axis` (which may then be the
    rank of an element, for the last position). The size along `axis` is
    `?`: the number of elements is known at run time only.

    ```mlir
    %t = ds.concat_from_sequence %s {axis = 0 : i64, new_axis = true}
        : (!ds.seq<tensor<3xf32>>) -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins DS_AnySequence:$input_sequence, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$new_axis);
  let results = (outs DS_Tensor:$concat_result);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_SplitToSequenceOp : DS_Op<"split_to_sequence", [Pure, DS_InferTypes]> {
  let summary = "A tensor split into a sequence";
  let description = [{
    Splits `input` along `axis`: into pieces of the sizes in `split` (a 1-D
    tensor) or of its single value (a scalar), or, without `split`, into
    pieces of size 1 that keep the axis only when `keepdims` is true.

    ```mlir
    %s = ds.split_to_sequence %x {axis = 1 : i64, keepdims = false}
        : (tensor<2x5xf32>) -> !ds.seq<tensor<2xf32>>
    ```
  }];
  let arguments = (ins DS_Tensor:$input, Optional<DS_ScalarIndex>:$split,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs DS_AnySequence:$output_sequence);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_OptionalOp : DS_Op<"optional", [Pure]> {
  let summary = "An optional value, present or empty";
  let description = [{
    With an operand, an optional holding it; without, an empty optional of
    the result's type.

    ```mlir
    %o = ds.optional %x : (tensor<2xf32>) -> !ds.opt<tensor<2xf32>>
    %e = ds.optional : () -> !ds.opt<!ds.seq<tensor<*xi64>>>
    ```
  }];
  let arguments = (ins Optional<AnyType>:$input);
  let results = (outs DS_AnyOptional:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

def DS_OptionalGetElementOp : DS_Op<"optional_get_element", [Pure,
    DS_InferTypesWith<"inferredReturnTypes.push_back(::llvm::cast<::ds::"
        "OptionalType>(adaptor.getInput().getType()).getValueType());"
        " return ::mlir::success();">]> {
  let summary = "The value of a present optional";
  let description = [{
    The value an optional holds; an empty optional is a run-time error.

    ```mlir
    %x = ds.optional_get_element %o : (!ds.opt<tensor<2xf32>>) -> tensor<2xf32>
    ```
  }];
  let arguments = (ins DS_AnyOptional:$input);
  let results = (outs AnyType:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_OptionalHasElementOp : DS_Op<"optional_has_element", [Pure,
    DS_InferTypesWith<"inferredReturnTypes.push_back(::mlir::RankedTensorType"
        "::get({}, ::mlir::IntegerType::get(context, 1)));"
        " return ::mlir::success();">]> {
  let summary = "Whether an optional holds a value";
  let description = [{
    ```mlir
    %b = ds.optional_has_element %o : (!ds.opt<tensor<2xf32>>) -> tensor<i1>
    ```
  }];
  let arguments = (ins DS_AnyOptional:$input);
  let results = (outs DS_BoolTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

#endif // DS_SEQUENCE_OPS_TD
