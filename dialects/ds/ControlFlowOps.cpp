//===- ControlFlowOps.cpp - Control-flow ds ops -----------------*- C++ -*-===//
//
// Part of ds. ds.if, ds.loop and ds.yield: verifiers, result-type inference
// from the yielded values, the RegionBranchOpInterface model and the
// constant-condition canonicalization of ds.if.
//
// Verification is split so that each diagnostic names what is wrong: the
// ops check their operands, block arguments and results on entry, and
// ds.yield (verified before its parent's regions) checks what it yields
// against the parent's results and block arguments.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ControlFlowOps.h"

#include "dialects/ds/ElementwiseOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ControlFlowOps.cpp.inc"

void DSDialect::registerControlFlowOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ControlFlowOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static bool isCompatible(Type a, Type b) {
  return areCompatibleResultTypes(TypeRange{a}, TypeRange{b});
}

/// Whether `type` is a tensor of `elementType` that can hold exactly one
/// element (every static size is 1).
static bool isOneElementOf(Type type, Type elementType) {
  auto tensor = dyn_cast<TensorType>(type);
  if (!tensor || tensor.getElementType() != elementType)
    return false;
  return !tensor.hasRank() || llvm::all_of(tensor.getShape(), [](int64_t size) {
    return size == 1 || ShapedType::isDynamic(size);
  });
}

/// The most refined tensor type that both `a` and `b` refine: equal static
/// sizes are kept, differing ones become `?`, differing ranks give an
/// unranked tensor. Null if the element types differ.
static Type joinTypes(Type a, Type b) {
  if (a == b)
    return a;
  auto ta = dyn_cast<TensorType>(a), tb = dyn_cast<TensorType>(b);
  if (!ta || !tb || ta.getElementType() != tb.getElementType())
    return {};
  if (!ta.hasRank() || !tb.hasRank() || ta.getRank() != tb.getRank())
    return UnrankedTensorType::get(ta.getElementType());
  SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip_equal(ta.getShape(), tb.getShape()))
    shape.push_back(x == y ? x : kDynamic);
  return RankedTensorType::get(shape, ta.getElementType());
}

/// The ds.yield ending the single block of `region`, or a diagnostic naming
/// `what` (the region) when there is none.
static FailureOr<YieldOp> getYield(ErrorSink loc, Region &region,
                                   StringRef what) {
  if (!region.empty() && !region.front().empty())
    if (auto yield = dyn_cast<YieldOp>(region.front().back()))
      return yield;
  return emitOptionalError(loc, what, " must end with ds.yield");
}

/// The type of a scan output stacking values of type `type` over `trips`
/// iterations.
static Type stackedType(Type type, int64_t trips) {
  auto tensor = cast<TensorType>(type);
  if (!tensor.hasRank())
    return tensor;
  SmallVector<int64_t> shape{trips};
  llvm::append_range(shape, tensor.getShape());
  return RankedTensorType::get(shape, tensor.getElementType());
}

//===----------------------------------------------------------------------===//
// YieldOp
//===----------------------------------------------------------------------===//

MutableOperandRange
YieldOp::getMutableSuccessorOperands(RegionSuccessor successor) {
  // A loop body forwards its carried values only: not the condition (first)
  // nor the scan values (last).
  if (auto loop = dyn_cast<LoopOp>((*this)->getParentOp())) {
    unsigned available = getNumOperands() > 0 ? getNumOperands() - 1 : 0;
    unsigned carried = std::min(loop.getNumCarried(), available);
    return getOperandsMutable().slice(std::min(1u, getNumOperands()), carried);
  }
  return getOperandsMutable();
}

/// Checks the values a ds.if branch yields against the results.
static LogicalResult verifyIfYield(YieldOp yield, IfOp op) {
  StringRef region =
      yield->getParentRegion() == &op.getThenRegion() ? "then" : "else";
  if (yield.getNumOperands() != op.getNumResults())
    return yield.emitOpError()
           << region << " region yields " << yield.getNumOperands()
           << " values, but the ds.if has " << op.getNumResults() << " results";
  for (auto [i, value, result] :
       llvm::enumerate(yield.getOperands(), op.getResults()))
    if (!isCompatible(value.getType(), result.getType()))
      return yield.emitOpError()
             << region << " region yields " << value.getType()
             << " for result #" << i << " of incompatible type "
             << result.getType();
  return success();
}

/// Checks the values a ds.loop body yields: `(cond, carried..., scans...)`.
static LogicalResult verifyLoopYield(YieldOp yield, LoopOp op) {
  unsigned numCarried = op.getNumCarried();
  unsigned numScans = op.getNumResults() - numCarried;
  if (yield.getNumOperands() != 1 + numCarried + numScans)
    return yield.emitOpError("loop body must yield ")
           << 1 + numCarried + numScans << " values (the condition, "
           << numCarried << " carried values and " << numScans
           << " scan values), got " << yield.getNumOperands();
  Type i1 = IntegerType::get(yield.getContext(), 1);
  Type condType = yield.getOperand(0).getType();
  if (!isOneElementOf(condType, i1))
    return yield.emitOpError("loop body must yield a one-element i1 tensor "
                             "as its condition, got ")
           << condType;
  for (unsigned i = 0; i < numCarried; ++i) {
    Type type = yield.getOperand(1 + i).getType();
    Type argType = op.getRegionIterArgs()[i].getType();
    Type resultType = op.getResult(i).getType();
    if (!isCompatible(type, argType) || !isCompatible(type, resultType))
      return yield.emitOpError("loop body yields ")
             << type << " for carried value #" << i
             << ", incompatible with its body argument type " << argType
             << " or result type " << resultType;
  }
  for (unsigned i = 0; i < numScans; ++i) {
    Type type = yield.getOperand(1 + numCarried + i).getType();
    Type resultType = op.getResult(numCarried + i).getType();
    if (!isCompatible(stackedType(type, kDynamic), resultType))
      return yield.emitOpError("loop body yields ")
             << type << " for scan output #" << i
             << ", which cannot stack into the result type " << resultType
             << " (expected one more, leading, dimension)";
  }
  return success();
}

LogicalResult YieldOp::verify() {
  Operation *parent = (*this)->getParentOp();
  if (auto op = dyn_cast<IfOp>(parent))
    return verifyIfYield(*this, op);
  return verifyLoopYield(*this, cast<LoopOp>(parent));
}

//===----------------------------------------------------------------------===//
// IfOp
//===----------------------------------------------------------------------===//

YieldOp IfOp::thenYield() {
  return cast<YieldOp>(getThenRegion().front().getTerminator());
}

YieldOp IfOp::elseYield() {
  return cast<YieldOp>(getElseRegion().front().getTerminator());
}

LogicalResult IfOp::verify() {
  Type i1 = IntegerType::get(getContext(), 1);
  if (!isOneElementOf(getCondition().getType(), i1))
    return emitOpError("condition must hold one element, got ")
           << getCondition().getType();
  return success();
}

LogicalResult IfOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                     Adaptor adaptor,
                                     SmallVectorImpl<Type> &results) {
  FailureOr<YieldOp> thenYield =
      getYield(location, adaptor.getThenRegion(), "then region");
  if (failed(thenYield))
    return failure();
  FailureOr<YieldOp> elseYield =
      getYield(location, adaptor.getElseRegion(), "else region");
  if (failed(elseYield))
    return failure();
  TypeRange thenTypes = thenYield->getOperandTypes();
  TypeRange elseTypes = elseYield->getOperandTypes();
  if (thenTypes.size() != elseTypes.size())
    return emitOptionalError(location, "then region yields ", thenTypes.size(),
                             " values but else region yields ",
                             elseTypes.size());
  for (auto [i, types] :
       llvm::enumerate(llvm::zip_equal(thenTypes, elseTypes))) {
    auto [thenType, elseType] = types;
    Type joined = joinTypes(thenType, elseType);
    if (!joined)
      return emitOptionalError(location,
                               "then and else regions yield "
                               "different element types for result #",
                               i, ": ", thenType, " vs ", elseType);
    results.push_back(joined);
  }
  return success();
}

void IfOp::getSuccessorRegions(RegionBranchPoint point,
                               SmallVectorImpl<RegionSuccessor> &regions) {
  // Both branches return to the parent.
  if (!point.isParent()) {
    regions.push_back(RegionSuccessor(getOperation(), getResults()));
    return;
  }
  regions.push_back(RegionSuccessor(&getThenRegion()));
  regions.push_back(RegionSuccessor(&getElseRegion()));
}

/// The value of a constant condition, if `attr` is one.
static std::optional<bool> getConstantCondition(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr);
  if (!dense || dense.getNumElements() != 1)
    return std::nullopt;
  return !(*dense.getValues<APInt>().begin()).isZero();
}

void IfOp::getEntrySuccessorRegions(ArrayRef<Attribute> operands,
                                    SmallVectorImpl<RegionSuccessor> &regions) {
  std::optional<bool> condition = getConstantCondition(operands.front());
  if (!condition)
    return getSuccessorRegions(RegionBranchPoint::parent(), regions);
  regions.push_back(
      RegionSuccessor(*condition ? &getThenRegion() : &getElseRegion()));
}

void IfOp::getRegionInvocationBounds(
    ArrayRef<Attribute> operands, SmallVectorImpl<InvocationBounds> &bounds) {
  std::optional<bool> condition = getConstantCondition(operands.front());
  if (!condition) {
    bounds.append(2, InvocationBounds(0, 1));
    return;
  }
  bounds.push_back(InvocationBounds(*condition ? 1 : 0, *condition ? 1 : 0));
  bounds.push_back(InvocationBounds(*condition ? 0 : 1, *condition ? 0 : 1));
}

bool IfOp::areTypesCompatible(Type lhs, Type rhs) {
  return isCompatible(lhs, rhs);
}

namespace {
/// ds.if with a constant condition -> the ops of the taken region.
struct InlineConstantIf : OpRewritePattern<IfOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IfOp op,
                                PatternRewriter &rewriter) const override {
    Attribute attr;
    if (!matchPattern(op.getCondition(), m_Constant(&attr)))
      return failure();
    std::optional<bool> condition = getConstantCondition(attr);
    if (!condition)
      return failure();
    YieldOp yield = *condition ? op.thenYield() : op.elseYield();
    SmallVector<Value> values(yield.getOperands());
    rewriter.inlineBlockBefore(yield->getBlock(), op);
    rewriter.setInsertionPoint(op);
    // A yielded value may be more refined than the result it replaces.
    for (auto [value, result] : llvm::zip_equal(values, op.getResults()))
      if (value.getType() != result.getType())
        value = CastOp::create(rewriter, op.getLoc(), result.getType(), value);
    rewriter.eraseOp(yield);
    rewriter.replaceOp(op, values);
    return success();
  }
};
} // namespace

void IfOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                       MLIRContext *context) {
  patterns.add<InlineConstantIf>(context);
}

//===----------------------------------------------------------------------===//
// LoopOp
//===----------------------------------------------------------------------===//

YieldOp LoopOp::bodyYield() {
  return cast<YieldOp>(getBody().front().getTerminator());
}

LogicalResult LoopOp::verify() {
  auto *context = getContext();
  Type i1 = IntegerType::get(context, 1), i64 = IntegerType::get(context, 64);
  if (getMaxTripCount() && !isOneElementOf(getMaxTripCount().getType(), i64))
    return emitOpError("max_trip_count must hold one element, got ")
           << getMaxTripCount().getType();
  if (getCond() && !isOneElementOf(getCond().getType(), i1))
    return emitOpError("cond must hold one element, got ")
           << getCond().getType();

  unsigned numCarried = getNumCarried();
  if (getNumResults() < numCarried)
    return emitOpError("expected at least ")
           << numCarried << " results (one per carried value), got "
           << getNumResults();
  for (auto [i, init, result] :
       llvm::enumerate(getInitValues(), getResults().take_front(numCarried)))
    if (!isCompatible(init.getType(), result.getType()))
      return emitOpError("initial value #")
             << i << " of type " << init.getType()
             << " is incompatible with its result type " << result.getType();

  Block &body = getBody().front();
  if (body.getNumArguments() != 2 + numCarried)
    return emitOpError("body must have ")
           << 2 + numCarried << " arguments (iteration_num, cond and "
           << numCarried << " carried values), got " << body.getNumArguments();
  if (!isOneElementOf(body.getArgument(0).getType(), i64))
    return emitOpError("body argument #0 (iteration_num) must be a "
                       "one-element i64 tensor, got ")
           << body.getArgument(0).getType();
  if (!isOneElementOf(body.getArgument(1).getType(), i1))
    return emitOpError("body argument #1 (cond) must be a one-element i1 "
                       "tensor, got ")
           << body.getArgument(1).getType();
  for (auto [i, init, arg] :
       llvm::enumerate(getInitValues(), getRegionIterArgs()))
    if (!isCompatible(init.getType(), arg.getType()))
      return emitOpError("initial value #")
             << i << " of type " << init.getType()
             << " is incompatible with its body argument type "
             << arg.getType();
  return success();
}

LogicalResult LoopOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  FailureOr<YieldOp> yield = getYield(location, adaptor.getBody(), "body");
  if (failed(yield))
    return failure();
  ValueRange inits = adaptor.getInitValues();
  if (yield->getNumOperands() < 1 + inits.size())
    return emitOptionalError(location,
                             "loop body must yield the condition "
                             "and ",
                             inits.size(), " carried values, got ",
                             yield->getNumOperands(), " values");
  for (auto [init, value] :
       llvm::zip(inits, yield->getOperands().drop_front())) {
    Type joined = joinTypes(init.getType(), value.getType());
    if (!joined)
      return emitOptionalError(location, "loop body yields ", value.getType(),
                               " for an initial value of type ",
                               init.getType());
    results.push_back(joined);
  }
  // The trip count is known when the body runs exactly max_trip_count times.
  int64_t trips = kDynamic;
  if (!adaptor.getCond())
    if (std::optional<SmallVector<int64_t>> count =
            getConstantInts(adaptor.getMaxTripCount());
        count && count->size() == 1)
      trips = std::max<int64_t>(count->front(), 0);
  for (Value scan : yield->getOperands().drop_front(1 + inits.size()))
    results.push_back(stackedType(scan.getType(), trips));
  return success();
}

void LoopOp::getSuccessorRegions(RegionBranchPoint,
                                 SmallVectorImpl<RegionSuccessor> &regions) {
  // From the parent or the body, control enters the body (another
  // iteration) or leaves with the carried values.
  regions.push_back(RegionSuccessor(&getBody(), getRegionIterArgs()));
  regions.push_back(RegionSuccessor(getOperation(),
                                    getResults().take_front(getNumCarried())));
}

OperandRange LoopOp::getEntrySuccessorOperands(RegionSuccessor) {
  return getInitValues();
}

bool LoopOp::areTypesCompatible(Type lhs, Type rhs) {
  return isCompatible(lhs, rhs);
}
