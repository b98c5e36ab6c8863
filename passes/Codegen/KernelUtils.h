//===- KernelUtils.h - Shared pieces of the CPU kernel generators -*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_KERNELUTILS_H
#define DS_PASSES_CODEGEN_KERNELUTILS_H

#include "passes/Codegen/TargetDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

#include <optional>

namespace ds {

/// Index arithmetic at a builder's insertion point, folding constants.
struct IndexMath {
  mlir::OpBuilder &b;
  mlir::Location loc;

  mlir::Value c(int64_t value) {
    return mlir::arith::ConstantIndexOp::create(b, loc, value);
  }
  mlir::Value add(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::AddIOp>(loc, x, y);
  }
  mlir::Value sub(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::SubIOp>(loc, x, y);
  }
  mlir::Value mul(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::MulIOp>(loc, x, y);
  }
  mlir::Value min(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::MinSIOp>(loc, x, y);
  }
  mlir::Value max(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::MaxSIOp>(loc, x, y);
  }
  /// x / y for x >= 0, y > 0.
  mlir::Value div(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::DivSIOp>(loc, x, y);
  }
  mlir::Value ceilDiv(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::CeilDivSIOp>(loc, x, y);
  }
  mlir::Value lt(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::CmpIOp>(
        loc, mlir::arith::CmpIPredicate::slt, x, y);
  }
  mlir::Value ge(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::CmpIOp>(
        loc, mlir::arith::CmpIPredicate::sge, x, y);
  }
};

/// The zero vector of `type`.
inline mlir::Value zeros(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::VectorType type) {
  return mlir::arith::ConstantOp::create(
      b, loc,
      mlir::DenseElementsAttr::get(type,
                                   b.getZeroAttr(type.getElementType())));
}

/// An scf.for from `lb` to `ub` by `step` whose body `body(iv)` is emitted
/// at the builder, which is left where it was (after the loop).
template <typename Body>
void forLoop(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lb,
             mlir::Value ub, mlir::Value step, Body body) {
  auto loop = mlir::scf::ForOp::create(b, loc, lb, ub, step);
  mlir::OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(loop.getBody()->getTerminator());
  body(loop.getInductionVar());
}

/// The static strides of `buffer`'s memref type, if its layout has them
/// all.
inline std::optional<llvm::SmallVector<int64_t>>
staticStrides(mlir::Value buffer) {
  auto type = mlir::dyn_cast<mlir::MemRefType>(buffer.getType());
  if (!type)
    return std::nullopt;
  llvm::SmallVector<int64_t> strides;
  int64_t offset;
  if (mlir::failed(type.getStridesAndOffset(strides, offset)) ||
      llvm::any_of(strides, mlir::ShapedType::isDynamic))
    return std::nullopt;
  return strides;
}

/// The constant vector <0, 1, ..., lanes - 1> of i32.
inline mlir::Value laneIds(mlir::OpBuilder &b, mlir::Location loc,
                           int64_t lanes) {
  auto type = mlir::VectorType::get({lanes}, b.getI32Type());
  llvm::SmallVector<int32_t> ids;
  for (int64_t l = 0; l < lanes; ++l)
    ids.push_back(static_cast<int32_t>(l));
  return mlir::arith::ConstantOp::create(
      b, loc, mlir::DenseElementsAttr::get(type, llvm::ArrayRef<int32_t>(ids)));
}

/// For each of `vectors` consecutive vectors of `lanes` lanes, the mask of
/// its lanes whose position in the row is below `cols` (lane numbers
/// compared with it: vector.create_mask has no direct lowering to LLVM).
inline llvm::SmallVector<mlir::Value> laneMasks(mlir::OpBuilder &b,
                                                mlir::Location loc,
                                                int64_t lanes, int64_t vectors,
                                                mlir::Value cols) {
  IndexMath im{b, loc};
  auto laneType = mlir::VectorType::get({lanes}, b.getI32Type());
  mlir::Value ids = laneIds(b, loc, lanes);
  llvm::SmallVector<mlir::Value> masks;
  for (int64_t v = 0; v < vectors; ++v) {
    mlir::Value left = b.createOrFold<mlir::arith::IndexCastOp>(
        loc, b.getI32Type(), im.sub(cols, im.c(v * lanes)));
    mlir::Value bound =
        mlir::vector::BroadcastOp::create(b, loc, laneType, left);
    masks.push_back(b.createOrFold<mlir::arith::CmpIOp>(
        loc, mlir::arith::CmpIPredicate::slt, ids, bound));
  }
  return masks;
}

/// How a value is folded into an accumulator: a sum, or a maximum or
/// minimum with the NaN semantics of its arith op (maximumf and minimumf
/// propagate NaN, maxnumf and minnumf ignore it).
enum class Combine { Add, Maximum, MaxNum, Minimum, MinNum };

/// The Combine that `op` (a body's arith op) computes, if any.
inline std::optional<Combine> combineOf(mlir::Operation *op) {
  if (mlir::isa<mlir::arith::AddFOp>(op))
    return Combine::Add;
  if (mlir::isa<mlir::arith::MaximumFOp>(op))
    return Combine::Maximum;
  if (mlir::isa<mlir::arith::MaxNumFOp>(op))
    return Combine::MaxNum;
  if (mlir::isa<mlir::arith::MinimumFOp>(op))
    return Combine::Minimum;
  if (mlir::isa<mlir::arith::MinNumFOp>(op))
    return Combine::MinNum;
  return std::nullopt;
}

/// The f32 identity of a combine: 0 for sums, -inf for maxima, +inf for
/// minima.
inline llvm::APFloat combineIdentity(Combine combine) {
  switch (combine) {
  case Combine::Add:
    return llvm::APFloat::getZero(llvm::APFloat::IEEEsingle());
  case Combine::Maximum:
  case Combine::MaxNum:
    return llvm::APFloat::getInf(llvm::APFloat::IEEEsingle(), /*Negative=*/true);
  case Combine::Minimum:
  case Combine::MinNum:
    return llvm::APFloat::getInf(llvm::APFloat::IEEEsingle());
  }
  llvm_unreachable("unknown combine");
}

/// The larger (`greater`) or smaller of x and y, NaN if either is: a
/// compare and select (y where y is NaN), and a select of x where x is
/// NaN. A zero result may have either sign (y's when both are zeros), as
/// numpy's and onnxruntime's do; arith.maximumf's strict ordering of -0
/// below +0 cost AVX-512 a sign test and more blends per element
/// (SqueezeNet's max pools took about 20% longer).
inline mlir::Value propagatingExtremum(mlir::OpBuilder &b, mlir::Location loc,
                                       bool greater, mlir::Value x,
                                       mlir::Value y) {
  using mlir::arith::CmpFPredicate;
  CmpFPredicate beats = greater ? CmpFPredicate::OGT : CmpFPredicate::OLT;
  // Against a constant that is not NaN (a ReLU's 0 or 6), only the other
  // operand can be NaN: the constant where it beats the other, else the
  // other (NaN included), which is one max or min instruction.
  auto constantNotNaN = [](mlir::Value v) {
    mlir::Attribute attr;
    if (!mlir::matchPattern(v, mlir::m_Constant(&attr)))
      return false;
    if (auto splat = mlir::dyn_cast<mlir::SplatElementsAttr>(attr))
      attr = splat.getSplatValue<mlir::Attribute>();
    auto value = mlir::dyn_cast<mlir::FloatAttr>(attr);
    return value && !value.getValue().isNaN();
  };
  if (constantNotNaN(x))
    std::swap(x, y);
  if (constantNotNaN(y)) {
    mlir::Value wins = mlir::arith::CmpFOp::create(b, loc, beats, y, x);
    return mlir::arith::SelectOp::create(b, loc, wins, y, x);
  }
  mlir::Value wins = mlir::arith::CmpFOp::create(b, loc, beats, x, y);
  mlir::Value extremum = mlir::arith::SelectOp::create(b, loc, wins, x, y);
  mlir::Value nan =
      mlir::arith::CmpFOp::create(b, loc, CmpFPredicate::UNO, x, x);
  return mlir::arith::SelectOp::create(b, loc, nan, x, extremum);
}

/// `x` combined with `y` (scalars or vectors) by the combine's arith op
/// (maxima and minima that propagate NaN: propagatingExtremum).
inline mlir::Value combineValues(mlir::OpBuilder &b, mlir::Location loc,
                                 Combine combine, mlir::Value x,
                                 mlir::Value y) {
  switch (combine) {
  case Combine::Add:
    return mlir::arith::AddFOp::create(b, loc, x, y);
  case Combine::Maximum:
    return propagatingExtremum(b, loc, /*greater=*/true, x, y);
  case Combine::MaxNum:
    return mlir::arith::MaxNumFOp::create(b, loc, x, y);
  case Combine::Minimum:
    return propagatingExtremum(b, loc, /*greater=*/false, x, y);
  case Combine::MinNum:
    return mlir::arith::MinNumFOp::create(b, loc, x, y);
  }
  llvm_unreachable("unknown combine");
}

/// Element-wise scalar ops (of a linalg body) that apply lane by lane to
/// vectors.
inline bool isLaneWise(mlir::Operation &op) {
  if (!mlir::isa<mlir::arith::ArithDialect, mlir::math::MathDialect>(
          op.getDialect()) ||
      op.getNumRegions() != 0)
    return false;
  auto scalar = [](mlir::Type type) { return type.isIntOrFloat(); };
  return llvm::all_of(op.getOperandTypes(), scalar) &&
         llvm::all_of(op.getResultTypes(), scalar);
}

/// Emits the lane-wise ops of `body` (isLaneWise) before its terminator,
/// or before `stop` if given, at `b` on vectors of `lanes` lanes and
/// returns the vector of `result`. `mapping` gives the vectors of the
/// block's arguments; other scalars from outside the body are
/// `outside(scalar)`, broadcast; constants become splats.
inline mlir::Value
vectorizeLaneWise(mlir::OpBuilder &b, mlir::Location loc, mlir::Block &body,
                  mlir::IRMapping &mapping, int64_t lanes, mlir::Value result,
                  llvm::function_ref<mlir::Value(mlir::Value)> outside,
                  mlir::Operation *stop = nullptr) {
  auto vectorOf = [&](mlir::Type scalar) {
    return mlir::VectorType::get({lanes}, scalar);
  };
  auto lanesOf = [&](mlir::Value scalar) -> mlir::Value {
    if (mlir::Value mapped = mapping.lookupOrNull(scalar))
      return mapped;
    mlir::Value defined = outside(scalar);
    // A constant as a constant vector (propagatingExtremum then sees a
    // ReLU's bounds), anything else broadcast.
    mlir::Attribute attr;
    mlir::Value splat;
    if (mlir::matchPattern(defined, mlir::m_Constant(&attr)) &&
        mlir::isa<mlir::FloatAttr, mlir::IntegerAttr>(attr))
      splat = mlir::arith::ConstantOp::create(
          b, loc,
          mlir::DenseElementsAttr::get(vectorOf(defined.getType()), attr));
    else
      splat = mlir::vector::BroadcastOp::create(
          b, loc, vectorOf(defined.getType()), defined);
    mapping.map(scalar, splat);
    return splat;
  };
  for (mlir::Operation &op : body.without_terminator()) {
    if (&op == stop)
      break;
    if (auto constant = mlir::dyn_cast<mlir::arith::ConstantOp>(op)) {
      auto type = vectorOf(constant.getType());
      mapping.map(constant.getResult(),
                  mlir::arith::ConstantOp::create(
                      b, loc,
                      mlir::DenseElementsAttr::get(
                          type, mlir::cast<mlir::TypedAttr>(
                                    constant.getValue()))));
      continue;
    }
    // Maxima and minima (a ReLU's clamp) as compare and select
    // (propagatingExtremum).
    if (mlir::isa<mlir::arith::MaximumFOp, mlir::arith::MinimumFOp>(op)) {
      mapping.map(op.getResult(0),
                  propagatingExtremum(b, loc,
                                      mlir::isa<mlir::arith::MaximumFOp>(op),
                                      lanesOf(op.getOperand(0)),
                                      lanesOf(op.getOperand(1))));
      continue;
    }
    mlir::OperationState state(loc, op.getName());
    for (mlir::Value operand : op.getOperands())
      state.addOperands(lanesOf(operand));
    for (mlir::Type type : op.getResultTypes())
      state.addTypes(vectorOf(type));
    state.addAttributes(op.getAttrs());
    mlir::Operation *vectorized = b.create(state);
    for (auto [scalar, vector] :
         llvm::zip_equal(op.getResults(), vectorized->getResults()))
      mapping.map(scalar, vector);
  }
  return lanesOf(result);
}

/// The target description given by a kernel pass's options (vector-bits,
/// vector-registers, l1-cache-bytes, l2-cache-bytes).
inline TargetDescription targetOfOptions(unsigned vectorBits,
                                         unsigned vectorRegisters,
                                         unsigned l1CacheBytes,
                                         unsigned l2CacheBytes) {
  TargetDescription target;
  target.vectorBits = vectorBits;
  target.vectorRegisters = vectorRegisters;
  target.l1CacheBytes = l1CacheBytes;
  target.l2CacheBytes = l2CacheBytes;
  return target;
}

} // namespace ds

#endif // DS_PASSES_CODEGEN_KERNELUTILS_H
