//===- SequenceOps.cpp - Sequence and optional ds ops -----------*- C++ -*-===//
//
// Part of ds. Result-type inference and verifiers of the ops on !ds.seq and
// !ds.opt values.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/SequenceOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/SequenceOps.cpp.inc"

void DSDialect::registerSequenceOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/SequenceOps.cpp.inc"
      >();
}

/// The type both `a` and `b` have: the sizes they share, `?` where they
/// differ, unranked where their ranks do. Their element types must match.
static FailureOr<TensorType> joinTensorTypes(ErrorSink location, TensorType a,
                                             TensorType b) {
  if (a.getElementType() != b.getElementType())
    return emitOptionalError(location,
                             "element types differ: ", a.getElementType(),
                             " vs ", b.getElementType());
  if (!a.hasRank() || !b.hasRank() || a.getRank() != b.getRank())
    return TensorType(UnrankedTensorType::get(a.getElementType()));
  SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip_equal(a.getShape(), b.getShape()))
    shape.push_back(x == y ? x : kDynamic);
  return TensorType(RankedTensorType::get(shape, a.getElementType()));
}

static TensorType elementTypeOf(Value sequence) {
  return cast<SequenceType>(sequence.getType()).getElementType();
}

LogicalResult
SequenceConstructOp::inferReturnTypes(MLIRContext *context, ErrorSink location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitOptionalError(location, "needs at least one tensor");
  TensorType joined = cast<TensorType>(inputs.front().getType());
  for (Value input : inputs.drop_front()) {
    FailureOr<TensorType> next =
        joinTensorTypes(location, joined, cast<TensorType>(input.getType()));
    if (failed(next))
      return failure();
    joined = *next;
  }
  inferred.push_back(SequenceType::get(context, joined));
  return success();
}

LogicalResult SequenceAtOp::inferReturnTypes(MLIRContext *, ErrorSink,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  inferred.push_back(elementTypeOf(adaptor.getInputSequence()));
  return success();
}

LogicalResult
SequenceInsertOp::inferReturnTypes(MLIRContext *context, ErrorSink location,
                                   Adaptor adaptor,
                                   SmallVectorImpl<Type> &inferred) {
  FailureOr<TensorType> joined =
      joinTensorTypes(location, elementTypeOf(adaptor.getInputSequence()),
                      cast<TensorType>(adaptor.getTensor().getType()));
  if (failed(joined))
    return failure();
  inferred.push_back(SequenceType::get(context, *joined));
  return success();
}

LogicalResult
SequenceEraseOp::inferReturnTypes(MLIRContext *, ErrorSink, Adaptor adaptor,
                                  SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getInputSequence().getType());
  return success();
}

LogicalResult
ConcatFromSequenceOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  TensorType element = elementTypeOf(adaptor.getInputSequence());
  if (!element.hasRank()) {
    inferred.push_back(UnrankedTensorType::get(element.getElementType()));
    return success();
  }
  bool newAxis = adaptor.getNewAxis();
  int64_t rank = element.getRank() + (newAxis ? 1 : 0);
  FailureOr<int64_t> axis =
      normalizeAxis(location, static_cast<int64_t>(adaptor.getAxis()), rank);
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(element.getShape());
  if (newAxis)
    shape.insert(shape.begin() + *axis, kDynamic);
  else
    shape[*axis] = kDynamic;
  inferred.push_back(RankedTensorType::get(shape, element.getElementType()));
  return success();
}

LogicalResult
SplitToSequenceOp::inferReturnTypes(MLIRContext *context, ErrorSink location,
                                    Adaptor adaptor,
                                    SmallVectorImpl<Type> &inferred) {
  auto input = cast<TensorType>(adaptor.getInput().getType());
  if (!input.hasRank()) {
    inferred.push_back(SequenceType::get(context, input));
    return success();
  }
  FailureOr<int64_t> axis = normalizeAxis(
      location, static_cast<int64_t>(adaptor.getAxis()), input.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(input.getShape());
  if (Value split = adaptor.getSplit()) {
    auto splitType = cast<ShapedType>(split.getType());
    if (splitType.hasRank() && splitType.getRank() > 1)
      return emitOptionalError(location,
                               "split must be a scalar or 1-D, got rank ",
                               splitType.getRank());
    shape[*axis] = kDynamic;
    if (std::optional<SmallVector<int64_t>> sizes = getConstantInts(split)) {
      // Equal pieces of a constant size (all but maybe the last).
      if (sizes->size() == 1 && splitType.getRank() == 0 &&
          !input.isDynamicDim(*axis) &&
          input.getDimSize(*axis) % sizes->front() == 0)
        shape[*axis] = sizes->front();
      else if (!sizes->empty() && llvm::all_equal(*sizes) &&
               splitType.getRank() == 1)
        shape[*axis] = sizes->front();
    }
  } else if (adaptor.getKeepdims()) {
    shape[*axis] = 1;
  } else {
    shape.erase(shape.begin() + *axis);
  }
  inferred.push_back(SequenceType::get(
      context, RankedTensorType::get(shape, input.getElementType())));
  return success();
}

LogicalResult OptionalOp::verify() {
  Value input = getInput();
  if (!input)
    return success();
  Type valueType = getType().getValueType();
  if (!areCompatibleResultTypes(input.getType(), valueType))
    return emitOpError("holds ")
           << valueType << " but is given " << input.getType();
  return success();
}
