//===- FoldBatchNorm.cpp - Fold per-channel affine ops into weights -------===//
//
// Part of ds. A per-output-channel affine map y -> s * y + t that follows a
// linear producer with constant weights (ds.conv, ds.conv_transpose,
// ds.gemm, ds.matmul with a constant 2-D weight) is folded into the
// producer: the weight slice of channel o is scaled by s[o] and the bias
// becomes s * b + t. The affine map comes from an inference-mode
// ds.batch_normalization with constant statistics, or from a ds.mul,
// ds.div, ds.add or ds.sub by a constant that is constant along every axis
// but the channel axis. The folding is done in double and rounded once.
//
//===----------------------------------------------------------------------===//

#include "passes/Graph/ConstantData.h"
#include "passes/Graph/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <cstring>
#include <optional>

namespace ds {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "passes/Graph/Passes.h.inc"
} // namespace ds

using namespace mlir;
using namespace ds;

namespace {

/// A linear op whose output channel o depends on its constant weight
/// through the weight elements of channel o alone, plus a per-channel bias.
struct Producer {
  enum Kind { Conv, ConvTranspose, Gemm, MatMul } kind;
  Operation *op;
  Value weight;
  SmallVector<double> weightValues;
  /// The output channel of each weight element.
  SmallVector<int64_t> channelOf;
  /// The bias per channel (beta * C for ds.gemm); zeros if there is none.
  SmallVector<double> bias;
  bool hasBias;
  int64_t channels;
  /// The channel axis of the result.
  int64_t axis;
};

/// The C of a ds.gemm as a per-column vector (scaled by beta): absent, or
/// a constant constant along the rows.
std::optional<SmallVector<double>> gemmColumnBias(ds::GemmOp gemm,
                                                  int64_t columns) {
  double beta = gemm.getBeta().convertToDouble();
  if (!gemm.getC() || beta == 0.0)
    return SmallVector<double>(columns, 0.0);
  auto type = cast<RankedTensorType>(gemm.getC().getType());
  std::optional<SmallVector<double>> c = readConstant(gemm.getC());
  if (!c)
    return std::nullopt;
  // Sizes from the right: the column size 1 or N, the row size 1.
  int64_t rank = type.getRank();
  if (rank == 2 && type.getDimSize(0) != 1)
    return std::nullopt;
  int64_t size = rank == 0 ? 1 : type.getDimSize(rank - 1);
  if (size != 1 && size != columns)
    return std::nullopt;
  SmallVector<double> result;
  for (int64_t j = 0; j < columns; ++j)
    result.push_back(beta * (*c)[size == 1 ? 0 : j]);
  return result;
}

/// `value` as a producer whose only user may be rewritten.
std::optional<Producer> matchProducer(Value value) {
  Operation *op = value.getDefiningOp();
  if (!op || !value.hasOneUse() || op->getNumResults() != 1)
    return std::nullopt;
  auto resultType = dyn_cast<RankedTensorType>(value.getType());
  if (!resultType || !isFoldableElement(resultType.getElementType()))
    return std::nullopt;
  Producer producer;
  producer.op = op;
  producer.hasBias = false;

  auto convWeight = [&](Value weight) -> RankedTensorType {
    auto type = dyn_cast<RankedTensorType>(weight.getType());
    if (!type || type.getRank() < 3 || !type.hasStaticShape())
      return nullptr;
    return type;
  };
  auto readBias = [&](Value bias) {
    if (!bias) {
      producer.bias.assign(producer.channels, 0.0);
      return true;
    }
    std::optional<SmallVector<double>> values = readConstant(bias);
    if (!values || static_cast<int64_t>(values->size()) != producer.channels)
      return false;
    producer.bias = std::move(*values);
    producer.hasBias = true;
    return true;
  };

  if (auto conv = dyn_cast<ds::ConvOp>(op)) {
    RankedTensorType type = convWeight(conv.getWeight());
    if (!type)
      return std::nullopt;
    producer.kind = Producer::Conv;
    producer.weight = conv.getWeight();
    producer.channels = type.getDimSize(0);
    producer.axis = 1;
    int64_t slice = type.getNumElements() / std::max<int64_t>(
                                                producer.channels, 1);
    for (int64_t i = 0; i < type.getNumElements(); ++i)
      producer.channelOf.push_back(i / slice);
    if (!readBias(conv.getBias()))
      return std::nullopt;
  } else if (auto conv = dyn_cast<ds::ConvTransposeOp>(op)) {
    RankedTensorType type = convWeight(conv.getWeight());
    int64_t group = conv.getGroup();
    if (!type || group < 1 || type.getDimSize(0) % group != 0)
      return std::nullopt;
    producer.kind = Producer::ConvTranspose;
    producer.weight = conv.getWeight();
    // W is [C, M / group, k...]: element (c, j, ...) feeds output channel
    // (c / (C / group)) * (M / group) + j.
    int64_t inputs = type.getDimSize(0), perGroup = type.getDimSize(1);
    int64_t inputsPerGroup = inputs / group;
    int64_t taps = type.getNumElements() / std::max<int64_t>(
                                               inputs * perGroup, 1);
    producer.channels = perGroup * group;
    producer.axis = 1;
    for (int64_t i = 0; i < type.getNumElements(); ++i) {
      int64_t j = (i / taps) % perGroup, c = i / (taps * perGroup);
      producer.channelOf.push_back((c / inputsPerGroup) * perGroup + j);
    }
    if (!readBias(conv.getBias()))
      return std::nullopt;
  } else if (auto gemm = dyn_cast<ds::GemmOp>(op)) {
    auto type = dyn_cast<RankedTensorType>(gemm.getB().getType());
    if (!type || type.getRank() != 2 || !type.hasStaticShape())
      return std::nullopt;
    bool transB = gemm.getTransB();
    producer.kind = Producer::Gemm;
    producer.weight = gemm.getB();
    producer.channels = type.getDimSize(transB ? 0 : 1);
    producer.axis = 1;
    int64_t cols = type.getDimSize(1);
    for (int64_t i = 0; i < type.getNumElements(); ++i)
      producer.channelOf.push_back(transB ? i / cols : i % cols);
    std::optional<SmallVector<double>> bias =
        gemmColumnBias(gemm, producer.channels);
    if (!bias)
      return std::nullopt;
    producer.bias = std::move(*bias);
    producer.hasBias = gemm.getC() && gemm.getBeta().convertToDouble() != 0.0;
  } else if (auto matmul = dyn_cast<ds::MatMulOp>(op)) {
    auto type = dyn_cast<RankedTensorType>(matmul.getB().getType());
    if (!type || type.getRank() != 2 || !type.hasStaticShape())
      return std::nullopt;
    producer.kind = Producer::MatMul;
    producer.weight = matmul.getB();
    producer.channels = type.getDimSize(1);
    producer.axis = resultType.getRank() - 1;
    for (int64_t i = 0; i < type.getNumElements(); ++i)
      producer.channelOf.push_back(i % producer.channels);
    producer.bias.assign(producer.channels, 0.0);
  } else {
    return std::nullopt;
  }
  std::optional<SmallVector<double>> weights = readConstant(producer.weight);
  if (!weights)
    return std::nullopt;
  producer.weightValues = std::move(*weights);
  return producer;
}

/// Replaces `consumer` (whose result is s * producer + t per channel) by
/// the producer with folded weight and bias.
LogicalResult foldInto(PatternRewriter &rewriter, Operation *consumer,
                       Producer &producer, ArrayRef<double> scale,
                       ArrayRef<double> shift) {
  Operation *op = producer.op;
  if (consumer->getResult(0).getType() != op->getResult(0).getType())
    return rewriter.notifyMatchFailure(consumer, "the type would change");
  bool needsBias =
      producer.hasBias || llvm::any_of(shift, [](double t) { return t != 0; });
  // A ds.matmul gets a bias by becoming a ds.gemm, which needs a 2-D `a`.
  if (producer.kind == Producer::MatMul && needsBias &&
      cast<ShapedType>(op->getOperand(0).getType()).getRank() != 2)
    return rewriter.notifyMatchFailure(consumer, "matmul of rank > 2 with bias");

  SmallVector<double> weights = producer.weightValues;
  for (auto [i, channel] : llvm::enumerate(producer.channelOf))
    weights[i] *= scale[channel];
  SmallVector<double> bias;
  for (int64_t o = 0; o < producer.channels; ++o)
    bias.push_back(producer.bias[o] * scale[o] + shift[o]);

  rewriter.setInsertionPoint(op);
  Location loc = op->getLoc();
  auto weightType = cast<RankedTensorType>(producer.weight.getType());
  Value newWeight = makeConstant(rewriter, loc, weightType, weights,
                                 foldedName(producer.weight, "weight"));
  Value newBias;
  if (needsBias) {
    auto biasType =
        RankedTensorType::get({producer.channels}, weightType.getElementType());
    newBias = makeConstant(rewriter, loc, biasType, bias, "bias_folded");
  }

  Operation *replacement;
  // Every producer kind has its weight as operand 1 and its bias as 2.
  constexpr unsigned weightIndex = 1, biasIndex = 2;
  if (producer.kind == Producer::MatMul && needsBias) {
    auto matmul = cast<ds::MatMulOp>(op);
    replacement = ds::GemmOp::create(
        rewriter, loc, matmul.getType(), matmul.getA(), newWeight, newBias,
        rewriter.getF32FloatAttr(1.0), rewriter.getF32FloatAttr(1.0),
        rewriter.getBoolAttr(false), rewriter.getBoolAttr(false),
        matmul.getPrecisionAttr());
  } else {
    replacement = rewriter.clone(*op);
    replacement->setOperand(weightIndex, newWeight);
    if (newBias) {
      if (replacement->getNumOperands() > biasIndex)
        replacement->setOperand(biasIndex, newBias);
      else
        replacement->insertOperands(biasIndex, newBias);
    }
    if (auto gemm = dyn_cast<ds::GemmOp>(replacement))
      gemm.setBetaAttr(rewriter.getF32FloatAttr(1.0));
  }
  rewriter.replaceOp(consumer, replacement->getResults());
  rewriter.eraseOp(op);
  return success();
}

/// The per-channel values of the constant `value` for a result of `rank`
/// dimensions whose channel axis is `axis` with `channels` channels: every
/// other size (from the right) must be 1.
std::optional<SmallVector<double>>
perChannel(Value value, int64_t rank, int64_t axis, int64_t channels) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() > rank)
    return std::nullopt;
  std::optional<SmallVector<double>> values = readConstant(value);
  if (!values)
    return std::nullopt;
  int64_t offset = rank - type.getRank();
  int64_t size = 1;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (d + offset == axis)
      size = type.getDimSize(d);
    else if (type.getDimSize(d) != 1)
      return std::nullopt;
  }
  if (size != 1 && size != channels)
    return std::nullopt;
  SmallVector<double> result;
  for (int64_t o = 0; o < channels; ++o)
    result.push_back((*values)[size == 1 ? 0 : o]);
  return result;
}

struct FoldBatchNormalization : OpRewritePattern<ds::BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ds::BatchNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getTrainingMode() || !op.getRunningStats().empty())
      return rewriter.notifyMatchFailure(op, "training mode");
    std::optional<Producer> producer = matchProducer(op.getX());
    if (!producer || producer->axis != 1)
      return rewriter.notifyMatchFailure(op, "no foldable producer");
    std::optional<SmallVector<double>> gamma = readConstant(op.getScale()),
                                       beta = readConstant(op.getBias()),
                                       mean = readConstant(op.getMean()),
                                       var = readConstant(op.getVar());
    size_t channels = producer->channels;
    if (!gamma || !beta || !mean || !var || gamma->size() != channels ||
        beta->size() != channels || mean->size() != channels ||
        var->size() != channels)
      return rewriter.notifyMatchFailure(op, "statistics are not constants");
    double epsilon = op.getEpsilon().convertToDouble();
    SmallVector<double> scale, shift;
    for (size_t o = 0; o < channels; ++o) {
      double s = (*gamma)[o] / std::sqrt((*var)[o] + epsilon);
      scale.push_back(s);
      shift.push_back((*beta)[o] - (*mean)[o] * s);
    }
    return foldInto(rewriter, op, *producer, scale, shift);
  }
};

/// ds.mul / ds.div / ds.add / ds.sub of a producer by a per-channel
/// constant (either side of the commutative ones, the right of the others).
template <typename OpTy>
struct FoldBinary : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  static constexpr bool isCommutative =
      std::is_same_v<OpTy, ds::MulOp> || std::is_same_v<OpTy, ds::AddOp>;
  static constexpr bool isScale =
      std::is_same_v<OpTy, ds::MulOp> || std::is_same_v<OpTy, ds::DivOp>;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Value lhs = op.getLhs(), rhs = op.getRhs();
    std::optional<Producer> producer = matchProducer(lhs);
    Value constant = rhs;
    if (!producer && isCommutative) {
      producer = matchProducer(rhs);
      constant = lhs;
    }
    if (!producer)
      return rewriter.notifyMatchFailure(op, "no foldable producer");
    int64_t rank = cast<RankedTensorType>(op.getType()).getRank();
    std::optional<SmallVector<double>> values =
        perChannel(constant, rank, producer->axis, producer->channels);
    if (!values)
      return rewriter.notifyMatchFailure(op, "not a per-channel constant");
    SmallVector<double> scale(producer->channels, 1.0),
        shift(producer->channels, 0.0);
    for (int64_t o = 0; o < producer->channels; ++o) {
      double v = (*values)[o];
      if constexpr (std::is_same_v<OpTy, ds::MulOp>)
        scale[o] = v;
      else if constexpr (std::is_same_v<OpTy, ds::DivOp>) {
        if (v == 0.0)
          return rewriter.notifyMatchFailure(op, "division by zero");
        scale[o] = 1.0 / v;
      }
      else if constexpr (std::is_same_v<OpTy, ds::AddOp>)
        shift[o] = v;
      else
        shift[o] = -v;
    }
    return foldInto(rewriter, op, *producer, scale, shift);
  }
};

struct FoldBatchNormPass : ds::impl::FoldBatchNormBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormalization, FoldBinary<ds::MulOp>,
                 FoldBinary<ds::DivOp>, FoldBinary<ds::AddOp>,
                 FoldBinary<ds::SubOp>>(&getContext());
    // Not converging within the iteration limit leaves correct IR.
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
  }
};

} // namespace
