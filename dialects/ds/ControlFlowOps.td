//===- ControlFlowOps.td - Control-flow ds ops -------------*- tablegen -*-===//
//
// Part of ds. ONNX If and Loop as region ops, and their terminator.
//
//===----------------------------------------------------------------------===//

#ifndef DS_CONTROLFLOW_OPS_TD
#define DS_CONTROLFLOW_OPS_TD

include "dialects/ds/DSBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

/// A tensor holding a single boolean: the condition of If and Loop. The
/// element count is checked by the verifiers.
def DS_BoolScalar : TensorOf<[I1]>;

//===----------------------------------------------------------------------===//
// YieldOp
//===----------------------------------------------------------------------===//

def DS_YieldOp : DS_Op<"yield", [Pure, Terminator,
    ParentOneOf<["IfOp", "LoopOp"]>,
    DeclareOpInterfaceMethods<RegionBranchTerminatorOpInterface>]> {
  let summary = "Yields the values of a `ds.if` branch or a `ds.loop` body";
  let description = [{
    Terminates the regions of `ds.if` and `ds.loop`.

    * In a `ds.if` branch it yields one value per result of the `ds.if`, each
      of a type compatible with that result.
    * In a `ds.loop` body it yields the continuation condition (a
      one-element `i1` tensor), then the new loop-carried values, then one
      value per scan output: `(cond, carried..., scans...)`, as the ONNX
      Loop body graph does. Only the carried values flow back into the body
      (or out to the loop's results); the condition decides whether the loop
      goes on and the scan values are concatenated into the scan outputs.

    Because of the loop form, `ds.yield` does not carry the `ReturnLike`
    trait (which means "every operand is forwarded"); it implements
    `RegionBranchTerminatorOpInterface` with the forwarded subrange instead.

    Example:

    ```mlir
    ds.yield %cond, %acc, %row : tensor<i1>, tensor<4xf32>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Variadic<DS_DataTensor>:$operands);
  let assemblyFormat = "attr-dict ($operands^ `:` type($operands))?";
  let builders = [
    OpBuilder<(ins), [{ build($_builder, $_state, ::mlir::ValueRange()); }]>
  ];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// IfOp
//===----------------------------------------------------------------------===//

def DS_IfOp : DS_Op<"if", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface, [
        "getEntrySuccessorRegions", "getRegionInvocationBounds",
        "areTypesCompatible"]>,
    SingleBlockImplicitTerminator<"YieldOp">, NoRegionArguments,
    DS_InferTypes, RecursiveMemoryEffects,
    RecursivelySpeculatable]> {
  let summary = "Runs one of two regions by a boolean condition";
  let description = [{
    ONNX If. `condition` is a tensor holding one `i1` element; when it is
    true the `then` region runs, otherwise the `else` region, and the values
    that region yields (`ds.yield`) are the results. The regions take no
    arguments and may use any value defined above them.

    As in ONNX, the two branches may yield values of different shapes: each
    result must be compatible with what both branches yield, so it may be
    less refined than either (e.g. `tensor<?xf32>` for branches yielding
    `tensor<2xf32>` and `tensor<3xf32>`, or an unranked tensor when the
    ranks differ). The inferred result type is the most refined such type.
    The element types must agree.

    Canonicalization: with a constant condition, the taken region is inlined
    in place of the op (a `ds.cast` refines the type where a yielded value is
    more refined than the result).

    Example:

    ```mlir
    %r = ds.if %c : tensor<i1> -> (tensor<?xf32>) {
      ds.yield %a : tensor<2xf32>
    } else {
      ds.yield %b : tensor<3xf32>
    }
    ```
  }];
  let arguments = (ins DS_BoolScalar:$condition);
  let results = (outs Variadic<DS_DataTensor>:$results);
  let regions = (region SizedRegion<1>:$then_region,
                        SizedRegion<1>:$else_region);
  let assemblyFormat = [{
    $condition `:` type($condition) (`->` `(` type($results)^ `)`)?
    $then_region `else` $else_region attr-dict
  }];
  let extraClassDeclaration = [{
    ::ds::YieldOp thenYield();
    ::ds::YieldOp elseYield();
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// LoopOp
//===----------------------------------------------------------------------===//

def DS_LoopOp : DS_Op<"loop", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface, [
        "getEntrySuccessorOperands", "areTypesCompatible"]>,
    AttrSizedOperandSegments, SingleBlock, DS_InferTypes,
    RecursiveMemoryEffects]> {
  let summary = "ONNX Loop: a for, while or do-while loop with scan outputs";
  let description = [{
    ONNX Loop. Two optional operands bound the loop: `max_trip_count` (a
    one-element `i64` tensor) and `cond` (a one-element `i1` tensor, the
    condition checked before the first iteration). The remaining operands
    are the initial values of the loop-carried values.

    The body is a single block with arguments
    `(iteration_num: tensor<i64>, cond: tensor<i1>, carried...)` and ends in
    `ds.yield %cond, %carried..., %scans...`. Per ONNX:

    * with `max_trip_count` and no `cond`, the body runs exactly
      `max_trip_count` times and the yielded condition is ignored;
    * with `cond`, the loop stops as soon as the condition (the operand, then
      the yielded one) is false, or after `max_trip_count` iterations if
      that is also given;
    * with neither, the loop runs until the yielded condition is false.

    The results are the final carried values, followed by the scan outputs:
    each value yielded in a scan position is stacked over the iterations,
    so its result has one more, leading, dimension. That dimension is the
    trip count: static only for a constant `max_trip_count` without `cond`.

    Carried values may change shape between iterations (ONNX allows it): the
    types of an initial value, the body argument, the yielded value and the
    result must be pairwise compatible.

    Canonical form: an absent `max_trip_count` or `cond` (an empty input name
    in ONNX) is an absent operand.

    Example, a `for` loop over `%n` iterations that carries an accumulator
    and stacks every partial sum:

    ```mlir
    %sum, %partials = ds.loop max %n iter_args(%init)
        : (tensor<i64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
    ^bb0(%i: tensor<i64>, %c: tensor<i1>, %acc: tensor<4xf32>):
      %next = ds.add %acc, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      ds.yield %c, %next, %next : tensor<i1>, tensor<4xf32>, tensor<4xf32>
    }
    ```

    The body block arguments are always printed. In generic form the
    operands are `max_trip_count`, `cond` and the initial values, with an
    `operandSegmentSizes` property.
  }];
  let arguments = (ins Optional<DS_I64Tensor>:$max_trip_count,
                       Optional<DS_BoolScalar>:$cond,
                       Variadic<DS_DataTensor>:$init_values);
  let results = (outs Variadic<DS_DataTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    (`max` $max_trip_count^)? (`cond` $cond^)?
    (`iter_args` `(` $init_values^ `)`)? attr-dict
    `:` functional-type(operands, results) $body
  }];
  let extraClassDeclaration = [{
    /// The body's terminator.
    ::ds::YieldOp bodyYield();
    /// The body arguments that receive the carried values.
    ::mlir::Block::BlockArgListType getRegionIterArgs() {
      return getBody().getArguments().drop_front(2);
    }
    /// Number of loop-carried values.
    unsigned getNumCarried() { return getInitValues().size(); }
    /// The results that are scan outputs.
    ::mlir::ResultRange getScanOutputs() {
      return getResults().drop_front(getNumCarried());
    }
  }];
  let hasVerifier = 1;
}

#endif // DS_CONTROLFLOW_OPS_TD
