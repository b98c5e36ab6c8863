//===- RecurrentLowering.cpp - Recurrent ds ops to linalg -------*- C++ -*-===//
//
// Part of ds. The lowering of the Recurrent family
// (dialects/ds/RecurrentOps.td):
//  - ds.lstm, ds.gru, ds.rnn: per direction, the input projection of every
//    time step at once (one linalg.contract of X, [S, N, I], with W,
//    [G*H, I], transposed through its indexing maps), then an scf.for over
//    the time steps carrying the hidden (and cell) state and the
//    direction's Y: each step is a linalg.matmul of the state against R
//    (transposed likewise) and one linalg.generic computing the gates,
//    which writes the new state and the step's row of Y in place. GRU
//    without linear_before_reset needs (r * H) before its last product: one
//    more generic and matmul. Every activation (with its alpha and beta),
//    clip, peepholes, input_forget, initial states, biases, layout 1
//    (transposes around the computation) and sequence_lens are handled: a
//    batch entry past its length keeps its state and gets zeros in Y; in
//    the reverse direction with sequence_lens each entry's steps run from
//    its own last element, through a gather of the projected inputs (and
//    of Y back) by `len - 1 - t`. The arithmetic is in the element type.
//  - ds.scan: an scf.for over the scan axis of the scan inputs, carrying
//    the states and one buffer per scan output. The body moves into the
//    loop (its ds ops are lowered by the other patterns of the pass, after
//    the scan: its states and slices, often more refined than the body's
//    argument types, reach them through ShapeRefinement.h); the
//    scan inputs are sliced with tensor.extract_slice and the scan values
//    inserted with tensor.insert_slice, in either direction and along any
//    axis. A buffer whose other sizes are static is allocated before the
//    loop, otherwise at the first iteration from the first value's sizes
//    (which, like states of dynamic shape, needs one-shot bufferization's
//    allow-return-allocs-from-loops: see ControlFlowLowering.cpp).
//  - ds.causal_conv_with_state: the past state (or zero padding) and the
//    input concatenated along the sequence, then one linalg.generic with
//    the kernel as a reduction dimension (depthwise, so the weight is read
//    per channel), the bias as the initial value and SiLU on top; the
//    present state is the last K - 1 positions of the concatenation. f16
//    and bf16 sum in f32, rounded before SiLU as ONNX's reference does.
//  - ds.linear_attention: an scf.for over the tokens carrying the state
//    [N, H_kv, d_k, d_v] and the output; per token, linalg.generics for the
//    decay, the retrieval S^T k, the rank-1 update and the readout S^T q
//    (query heads mapped to their key/value head in the indexing maps). As
//    in ONNX's reference, the state and every product are f32; each
//    token's output and the final state are rounded to their element
//    types. Decay per head or per key dimension and beta per head or shared
//    are told apart by their static last size (dynamic: left unlowered).
// Left unlowered: unranked operands or results, recurrent layers of
// non-float element types, a ds.scan state or scan output whose type is
// unranked.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoopLoweringUtils.h"
#include "passes/Conversion/DSToLinalg/ShapeRefinement.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

using namespace loops;
using namespace refinement;

Value indexValue(OpBuilder &b, Location loc, OpFoldResult ofr) {
  return getValueOrCreateConstantIndexOp(b, loc, ofr);
}

Value floatConst(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

/// A tensor of `sizes` filled with zero.
Value zeros(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
            Type elementType) {
  Value empty = tensor::EmptyOp::create(b, loc, sizes, elementType);
  Value zero = arith::ConstantOp::create(
      b, loc, cast<TypedAttr>(b.getZeroAttr(elementType)));
  return linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
      .getResult(0);
}

/// `input` transposed by `perm` (linalg.transpose).
Value transpose(OpBuilder &b, Location loc, Value input,
                ArrayRef<int64_t> perm) {
  SmallVector<OpFoldResult> sizes = sizesOf(b, loc, input);
  SmallVector<OpFoldResult> permuted;
  for (int64_t p : perm)
    permuted.push_back(sizes[p]);
  Value init = tensor::EmptyOp::create(
      b, loc, permuted,
      cast<RankedTensorType>(input.getType()).getElementType());
  return linalg::TransposeOp::create(b, loc, input, init, perm).getResult()[0];
}

/// a [M, K] times w [P, K] transposed: [M, P], one linalg.matmul whose
/// indexing maps read `w` transposed in place.
Value matmulTransposedB(OpBuilder &b, Location loc, Value a, Value w) {
  Type elementType = cast<RankedTensorType>(a.getType()).getElementType();
  Value init = zeros(
      b, loc,
      {tensor::getMixedSize(b, loc, a, 0), tensor::getMixedSize(b, loc, w, 0)},
      elementType);
  auto matmul =
      linalg::MatmulOp::create(b, loc, ValueRange{a, w}, ValueRange{init});
  MLIRContext *context = b.getContext();
  AffineExpr m, n, k;
  bindDims(context, m, n, k);
  auto map = [&](AffineExpr row, AffineExpr col) {
    return AffineMapAttr::get(AffineMap::get(3, 0, {row, col}, context));
  };
  matmul.setIndexingMapsAttr(b.getArrayAttr({map(m, k), map(n, k), map(m, n)}));
  return matmul.getResult(0);
}

/// `h` times `g`: a constant where `h` is one.
OpFoldResult times(OpBuilder &b, Location loc, OpFoldResult h, int64_t g) {
  if (std::optional<int64_t> hs = getConstantIntValue(h))
    return b.getIndexAttr(g * *hs);
  return arith::MulIOp::create(b, loc, indexValue(b, loc, h),
                               arith::ConstantIndexOp::create(b, loc, g))
      .getResult();
}

/// Columns [g * h, (g + 1) * h) of a 2-D `value`.
Value columns(OpBuilder &b, Location loc, Value value, int64_t g,
              OpFoldResult h) {
  OpFoldResult offset = times(b, loc, h, g);
  return tensor::ExtractSliceOp::create(
      b, loc, value, {b.getIndexAttr(0), offset},
      {tensor::getMixedSize(b, loc, value, 0), h},
      {b.getIndexAttr(1), b.getIndexAttr(1)});
}

/// Elements [g * h, (g + 1) * h) of a 1-D `value`.
Value segment(OpBuilder &b, Location loc, Value value, int64_t g,
              OpFoldResult h) {
  OpFoldResult offset = times(b, loc, h, g);
  return tensor::ExtractSliceOp::create(b, loc, value, {offset}, {h},
                                        {b.getIndexAttr(1)});
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

/// One activation function of a recurrent layer with its parameters.
struct Activation {
  std::string name;
  double alpha = 0, beta = 0;
};

/// Whether activation `name` takes an alpha (a beta), and the default of
/// each, that of the ONNX op of that name.
void activationDefaults(StringRef name, bool &takesAlpha, bool &takesBeta,
                        double &alpha, double &beta) {
  takesAlpha = takesBeta = false;
  alpha = beta = 0;
  if (name == "Affine") {
    takesAlpha = takesBeta = true;
    alpha = 1.0;
  } else if (name == "LeakyRelu") {
    takesAlpha = true;
    alpha = 0.01;
  } else if (name == "ThresholdedRelu" || name == "Elu") {
    takesAlpha = true;
    alpha = 1.0;
  } else if (name == "ScaledTanh") {
    takesAlpha = takesBeta = true;
    alpha = beta = 1.0;
  } else if (name == "HardSigmoid") {
    takesAlpha = takesBeta = true;
    alpha = 0.2;
    beta = 0.5;
  }
}

/// The activations of every direction (forward first), their parameters
/// taken in order from the alpha and beta lists.
SmallVector<Activation> activationsOf(std::optional<ArrayAttr> names,
                                      std::optional<ArrayRef<float>> alphas,
                                      std::optional<ArrayRef<float>> betas,
                                      ArrayRef<StringRef> defaults,
                                      int64_t directions) {
  SmallVector<std::string> list;
  if (names)
    for (Attribute attr : *names)
      list.push_back(cast<StringAttr>(attr).getValue().str());
  else
    for (int64_t d = 0; d < directions; ++d)
      for (StringRef name : defaults)
        list.push_back(name.str());
  size_t nextAlpha = 0, nextBeta = 0;
  SmallVector<Activation> result;
  for (const std::string &name : list) {
    Activation activation{name};
    bool takesAlpha, takesBeta;
    activationDefaults(name, takesAlpha, takesBeta, activation.alpha,
                       activation.beta);
    if (takesAlpha && alphas && nextAlpha < alphas->size())
      activation.alpha = (*alphas)[nextAlpha++];
    if (takesBeta && betas && nextBeta < betas->size())
      activation.beta = (*betas)[nextBeta++];
    result.push_back(activation);
  }
  return result;
}

Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  Value one = floatConst(b, loc, type, 1.0);
  Value exp = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, exp));
}

Value apply(OpBuilder &b, Location loc, const Activation &fn, Value x) {
  Type type = x.getType();
  auto c = [&](double v) { return floatConst(b, loc, type, v); };
  StringRef name = fn.name;
  if (name == "Relu")
    return arith::MaximumFOp::create(b, loc, x, c(0.0));
  if (name == "Tanh")
    return math::TanhOp::create(b, loc, x);
  if (name == "Sigmoid")
    return sigmoid(b, loc, x);
  if (name == "Affine")
    return arith::AddFOp::create(
        b, loc, arith::MulFOp::create(b, loc, x, c(fn.alpha)), c(fn.beta));
  if (name == "LeakyRelu") {
    Value positive =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, c(0.0));
    return arith::SelectOp::create(
        b, loc, positive, x, arith::MulFOp::create(b, loc, x, c(fn.alpha)));
  }
  if (name == "ThresholdedRelu") {
    Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                        c(fn.alpha));
    return arith::SelectOp::create(b, loc, above, x, c(0.0));
  }
  if (name == "ScaledTanh")
    return arith::MulFOp::create(
        b, loc, c(fn.alpha),
        math::TanhOp::create(b, loc,
                             arith::MulFOp::create(b, loc, x, c(fn.beta))));
  if (name == "HardSigmoid") {
    Value linear = arith::AddFOp::create(
        b, loc, arith::MulFOp::create(b, loc, x, c(fn.alpha)), c(fn.beta));
    return arith::MaximumFOp::create(
        b, loc, c(0.0), arith::MinimumFOp::create(b, loc, c(1.0), linear));
  }
  if (name == "Elu") {
    Value positive =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, c(0.0));
    Value negative = arith::MulFOp::create(
        b, loc, c(fn.alpha),
        arith::SubFOp::create(b, loc, math::ExpOp::create(b, loc, x), c(1.0)));
    return arith::SelectOp::create(b, loc, positive, x, negative);
  }
  if (name == "Softsign")
    return arith::DivFOp::create(
        b, loc, x,
        arith::AddFOp::create(b, loc, c(1.0), math::AbsFOp::create(b, loc, x)));
  // Softplus: log(1 + exp(x)).
  return math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, x));
}

//===----------------------------------------------------------------------===//
// LSTM, GRU, RNN
//===----------------------------------------------------------------------===//

enum class Cell { RNN, GRU, LSTM };

/// What a recurrent op's lowering needs, read off the op.
struct RecurrentSpec {
  Cell cell;
  Value x, w, r, b, lens, h0, c0, p;
  StringRef direction;
  std::optional<int64_t> hiddenSize;
  int64_t layout = 0;
  std::optional<double> clip;
  bool inputForget = false, linearBeforeReset = false;
  SmallVector<Activation> activations;
};

int64_t numGates(Cell cell) {
  return cell == Cell::LSTM ? 4 : cell == Cell::GRU ? 3 : 1;
}

/// The operands of a linalg.generic over [N, H] with their indexing maps:
/// 2-D operands [N, H], 1-D ones [H] (broadcast over the batch) or [N]
/// (over the hidden units).
struct StepOperands {
  SmallVector<Value> values;
  SmallVector<AffineMap> maps;
  MLIRContext *context;
  explicit StepOperands(MLIRContext *context) : context(context) {}
  unsigned add(Value value, AffineMap map) {
    values.push_back(value);
    maps.push_back(map);
    return values.size() - 1;
  }
  unsigned add2D(Value value) {
    return add(value, AffineMap::getMultiDimIdentityMap(2, context));
  }
  unsigned addPerUnit(Value value) {
    return add(value,
               AffineMap::get(2, 0, {getAffineDimExpr(1, context)}, context));
  }
  unsigned addPerBatch(Value value) {
    return add(value,
               AffineMap::get(2, 0, {getAffineDimExpr(0, context)}, context));
  }
};

/// `src` [S, N, K] reordered per batch entry for the reverse direction with
/// sequence lengths: out[t, n] = src[len[n] - 1 - t, n] where that index is
/// not negative, zero elsewhere (an involution on each entry's steps).
Value reverseWithin(OpBuilder &b, Location loc, Value src, Value lens) {
  auto type = cast<RankedTensorType>(src.getType());
  MLIRContext *context = b.getContext();
  Value init = tensor::EmptyOp::create(b, loc, sizesOf(b, loc, src),
                                       type.getElementType());
  Value seqLength = tensor::DimOp::create(b, loc, src, 0);
  SmallVector<AffineMap> maps = {
      AffineMap::get(3, 0, {getAffineDimExpr(1, context)}, context),
      AffineMap::getMultiDimIdentityMap(3, context)};
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{lens}, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value t = linalg::IndexOp::create(nb, l, 0);
               Value n = linalg::IndexOp::create(nb, l, 1);
               Value k = linalg::IndexOp::create(nb, l, 2);
               Value len = arith::IndexCastOp::create(nb, l, nb.getIndexType(),
                                                      args[0]);
               len = arith::MinSIOp::create(nb, l, len, seqLength);
               Value one = arith::ConstantIndexOp::create(nb, l, 1);
               Value zero = arith::ConstantIndexOp::create(nb, l, 0);
               Value valid = arith::CmpIOp::create(
                   nb, l, arith::CmpIPredicate::slt, t, len);
               Value from = arith::SubIOp::create(
                   nb, l, arith::SubIOp::create(nb, l, len, one), t);
               from = arith::SelectOp::create(nb, l, valid, from, zero);
               Value v = tensor::ExtractOp::create(nb, l, src,
                                                   ValueRange{from, n, k});
               Value z = arith::ConstantOp::create(
                   nb, l,
                   cast<TypedAttr>(nb.getZeroAttr(type.getElementType())));
               linalg::YieldOp::create(
                   nb, l,
                   arith::SelectOp::create(nb, l, valid, v, z).getResult());
             })
      .getResult(0);
}

/// One direction of a recurrent layer: the loop over the time steps. `xw`
/// is X W^T for all steps, [S, N, G*H], in the order the steps run (or in
/// time order, run `backwards`); `h0` (`c0`) [N, H] the initial states.
/// Returns Y [S, N, H] in the same order as `xw`, the last H (and C).
struct DirectionResult {
  Value y, h, c;
};

DirectionResult runDirection(OpBuilder &b, Location loc,
                             const RecurrentSpec &spec, Value xw, Value rd,
                             Value wb, Value rb, Value pd, Value lens, Value h0,
                             Value c0, OpFoldResult hidden,
                             ArrayRef<Activation> acts, bool backwards) {
  Cell cell = spec.cell;
  auto stateType = cast<RankedTensorType>(h0.getType());
  Type elementType = stateType.getElementType();
  MLIRContext *context = b.getContext();
  OpFoldResult seq = tensor::getMixedSize(b, loc, xw, 0);
  OpFoldResult batch = tensor::getMixedSize(b, loc, h0, 0);
  Value y = tensor::EmptyOp::create(b, loc, {seq, batch, hidden}, elementType);

  // Biases: one vector per gate, Wb + Rb, except the h gate of a GRU with
  // linear_before_reset, whose Rb goes inside the reset.
  int64_t g = numGates(cell);
  auto addVectors = [&](Value a, Value c2) -> Value {
    Value init =
        tensor::EmptyOp::create(b, loc, sizesOf(b, loc, a), elementType);
    SmallVector<AffineMap> maps(3,
                                AffineMap::getMultiDimIdentityMap(1, context));
    return linalg::GenericOp::create(
               b, loc, TypeRange{init.getType()}, ValueRange{a, c2},
               ValueRange{init}, maps,
               SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 linalg::YieldOp::create(
                     nb, l,
                     arith::AddFOp::create(nb, l, args[0], args[1])
                         .getResult());
               })
        .getResult(0);
  };
  SmallVector<Value> gateBias(g);
  Value rbH;
  if (wb) {
    for (int64_t k = 0; k < g; ++k) {
      Value w = segment(b, loc, wb, k, hidden);
      Value r = segment(b, loc, rb, k, hidden);
      if (cell == Cell::GRU && k == 2 && spec.linearBeforeReset) {
        gateBias[k] = w;
        rbH = r;
      } else {
        gateBias[k] = addVectors(w, r);
      }
    }
  }
  SmallVector<Value> peep;
  if (pd)
    for (int64_t k = 0; k < 3; ++k)
      peep.push_back(segment(b, loc, pd, k, hidden));
  // R per gate for GRU without linear_before_reset: [R_z; R_r] and R_h.
  Value rZR, rH;
  if (cell == Cell::GRU && !spec.linearBeforeReset) {
    OpFoldResult twoH = times(b, loc, hidden, 2);
    OpFoldResult inputSize = tensor::getMixedSize(b, loc, rd, 1);
    rZR = tensor::ExtractSliceOp::create(
        b, loc, rd, {b.getIndexAttr(0), b.getIndexAttr(0)}, {twoH, inputSize},
        {b.getIndexAttr(1), b.getIndexAttr(1)});
    rH = tensor::ExtractSliceOp::create(b, loc, rd, {twoH, b.getIndexAttr(0)},
                                        {hidden, inputSize},
                                        {b.getIndexAttr(1), b.getIndexAttr(1)});
  }

  SmallVector<Value> inits = {h0};
  if (cell == Cell::LSTM)
    inits.push_back(c0);
  inits.push_back(y);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto forOp =
      scf::ForOp::create(b, loc, zero, indexValue(b, loc, seq), one, inits);
  OpBuilder::InsertionGuard guard(b);
  Block *body = forOp.getBody();
  if (!body->empty())
    body->getTerminator()->erase();
  b.setInsertionPointToEnd(body);
  Value s = forOp.getInductionVar();
  ValueRange args = forOp.getRegionIterArgs();
  Value hPrev = args[0];
  Value cPrev = cell == Cell::LSTM ? args[1] : Value();
  Value yAcc = args.back();
  // The time step this iteration computes.
  Value t = s;
  if (backwards)
    t = arith::SubIOp::create(
        b, loc, arith::SubIOp::create(b, loc, indexValue(b, loc, seq), one), s);
  Value xwT = extractAlong(b, loc, xw, 0, t);
  Value yRow = extractAlong(b, loc, yAcc, 0, t);

  StepOperands ops(context);
  SmallVector<unsigned> xIdx, hIdx, bIdx;
  for (int64_t k = 0; k < g; ++k)
    xIdx.push_back(ops.add2D(columns(b, loc, xwT, k, hidden)));
  if (cell == Cell::GRU && !spec.linearBeforeReset) {
    // r * H first: a generic for r, then (r * H) R_h^T.
    Value hrZR = matmulTransposedB(b, loc, hPrev, rZR);
    StepOperands rOps(context);
    unsigned x = rOps.add2D(columns(b, loc, xwT, 1, hidden));
    unsigned h = rOps.add2D(columns(b, loc, hrZR, 1, hidden));
    unsigned bias = gateBias[1] ? rOps.addPerUnit(gateBias[1]) : ~0u;
    unsigned prev = rOps.add2D(hPrev);
    Value init =
        tensor::EmptyOp::create(b, loc, sizesOf(b, loc, hPrev), elementType);
    rOps.maps.push_back(AffineMap::getMultiDimIdentityMap(2, context));
    Value rTimesH =
        linalg::GenericOp::create(
            b, loc, TypeRange{init.getType()}, rOps.values, ValueRange{init},
            rOps.maps,
            SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
            [&](OpBuilder &nb, Location l, ValueRange a) {
              Value pre = arith::AddFOp::create(nb, l, a[x], a[h]);
              if (bias != ~0u)
                pre = arith::AddFOp::create(nb, l, pre, a[bias]);
              if (spec.clip) {
                Value c = floatConst(nb, l, elementType, *spec.clip);
                pre = arith::MinimumFOp::create(
                    nb, l,
                    arith::MaximumFOp::create(nb, l, pre,
                                              arith::NegFOp::create(nb, l, c)),
                    c);
              }
              Value r = apply(nb, l, acts[0], pre);
              linalg::YieldOp::create(
                  nb, l, arith::MulFOp::create(nb, l, r, a[prev]).getResult());
            })
            .getResult(0);
    Value hrH = matmulTransposedB(b, loc, rTimesH, rH);
    hIdx.push_back(ops.add2D(columns(b, loc, hrZR, 0, hidden)));
    hIdx.push_back(ops.add2D(columns(b, loc, hrZR, 1, hidden)));
    hIdx.push_back(ops.add2D(hrH));
  } else {
    Value hr = matmulTransposedB(b, loc, hPrev, rd);
    for (int64_t k = 0; k < g; ++k)
      hIdx.push_back(ops.add2D(columns(b, loc, hr, k, hidden)));
  }
  for (int64_t k = 0; k < g; ++k)
    bIdx.push_back(gateBias[k] ? ops.addPerUnit(gateBias[k]) : ~0u);
  unsigned rbHIdx = rbH ? ops.addPerUnit(rbH) : ~0u;
  SmallVector<unsigned> pIdx;
  for (Value v : peep)
    pIdx.push_back(ops.addPerUnit(v));
  unsigned lensIdx = lens ? ops.addPerBatch(lens) : ~0u;
  unsigned numInputs = ops.values.size();
  // Outputs, read as the previous state: H, (C,) Y's row.
  SmallVector<Value> outs = {hPrev};
  if (cell == Cell::LSTM)
    outs.push_back(cPrev);
  outs.push_back(yRow);
  for (size_t i = 0; i < outs.size(); ++i)
    ops.maps.push_back(AffineMap::getMultiDimIdentityMap(2, context));

  auto step = linalg::GenericOp::create(
      b, loc, ValueRange(outs).getTypes(), ops.values, outs, ops.maps,
      SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange a) {
        auto c = [&](double v) { return floatConst(nb, l, elementType, v); };
        auto add = [&](Value x, Value y) -> Value {
          return arith::AddFOp::create(nb, l, x, y);
        };
        auto mul = [&](Value x, Value y) -> Value {
          return arith::MulFOp::create(nb, l, x, y);
        };
        auto clip = [&](Value pre) -> Value {
          if (!spec.clip)
            return pre;
          Value bound = c(*spec.clip);
          return arith::MinimumFOp::create(
              nb, l, arith::MaximumFOp::create(nb, l, pre, c(-*spec.clip)),
              bound);
        };
        // X W^T + H R^T (+ Wb + Rb) of gate k.
        auto gate = [&](int64_t k) -> Value {
          Value pre = add(a[xIdx[k]], a[hIdx[k]]);
          if (bIdx[k] != ~0u)
            pre = add(pre, a[bIdx[k]]);
          return pre;
        };
        Value hOld = a[numInputs];
        Value hNew, cNew;
        if (cell == Cell::RNN) {
          hNew = apply(nb, l, acts[0], clip(gate(0)));
        } else if (cell == Cell::GRU) {
          Value z = apply(nb, l, acts[0], clip(gate(0)));
          Value pre;
          if (spec.linearBeforeReset) {
            Value r = apply(nb, l, acts[0], clip(gate(1)));
            Value hr = a[hIdx[2]];
            if (rbHIdx != ~0u)
              hr = add(hr, a[rbHIdx]);
            pre = add(a[xIdx[2]], mul(r, hr));
            if (bIdx[2] != ~0u)
              pre = add(pre, a[bIdx[2]]);
          } else {
            pre = gate(2);
          }
          Value h = apply(nb, l, acts[1], clip(pre));
          // (1 - z) * h + z * H.
          hNew = add(mul(arith::SubFOp::create(nb, l, c(1.0), z), h),
                     mul(z, hOld));
        } else {
          Value cOld = a[numInputs + 1];
          // Gates i, o, f, c; peepholes i, o, f.
          Value preI = gate(0), preO = gate(1), preF = gate(2);
          if (!pIdx.empty()) {
            preI = add(preI, mul(a[pIdx[0]], cOld));
            preF = add(preF, mul(a[pIdx[2]], cOld));
          }
          Value i = apply(nb, l, acts[0], clip(preI));
          Value f = spec.inputForget
                        ? Value(arith::SubFOp::create(nb, l, c(1.0), i))
                        : apply(nb, l, acts[0], clip(preF));
          Value cand = apply(nb, l, acts[1], clip(gate(3)));
          cNew = add(mul(f, cOld), mul(i, cand));
          if (!pIdx.empty())
            preO = add(preO, mul(a[pIdx[1]], cNew));
          Value o = apply(nb, l, acts[0], clip(preO));
          hNew = mul(o, apply(nb, l, acts[2], cNew));
        }
        Value yValue = hNew;
        if (lensIdx != ~0u) {
          // Past the entry's length: the state stays, Y is zero.
          Value len =
              arith::IndexCastOp::create(nb, l, nb.getIndexType(), a[lensIdx]);
          Value valid =
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, s, len);
          hNew = arith::SelectOp::create(nb, l, valid, hNew, hOld);
          if (cNew)
            cNew =
                arith::SelectOp::create(nb, l, valid, cNew, a[numInputs + 1]);
          yValue = arith::SelectOp::create(nb, l, valid, yValue, c(0.0));
        }
        SmallVector<Value> results = {hNew};
        if (cNew)
          results.push_back(cNew);
        results.push_back(yValue);
        linalg::YieldOp::create(nb, l, results);
      });
  SmallVector<Value> next = {step.getResult(0)};
  if (cell == Cell::LSTM)
    next.push_back(step.getResult(1));
  next.push_back(insertAlong(b, loc, step.getResults().back(), yAcc, 0, t));
  scf::YieldOp::create(b, loc, next);

  DirectionResult result;
  result.h = forOp.getResult(0);
  if (cell == Cell::LSTM)
    result.c = forOp.getResult(1);
  result.y = forOp.getResults().back();
  return result;
}

/// Lowers a recurrent op described by `spec`; the results Y, Y_h (Y_c).
FailureOr<SmallVector<Value>> lowerRecurrent(PatternRewriter &rewriter,
                                             Operation *op,
                                             const RecurrentSpec &spec) {
  for (Value v :
       {spec.x, spec.w, spec.r, spec.b, spec.lens, spec.h0, spec.c0, spec.p})
    if (v && !isa<RankedTensorType>(v.getType()))
      return rewriter.notifyMatchFailure(op, "unranked operand");
  for (Type t : op->getResultTypes())
    if (!isa<RankedTensorType>(t))
      return rewriter.notifyMatchFailure(op, "unranked result");
  auto xType = cast<RankedTensorType>(spec.x.getType());
  Type elementType = xType.getElementType();
  if (!isa<FloatType>(elementType))
    return rewriter.notifyMatchFailure(op, "non-float element type");
  int64_t directions = spec.direction == "bidirectional" ? 2 : 1;
  int64_t perDirection =
      static_cast<int64_t>(spec.activations.size()) / directions;

  Location loc = op->getLoc();
  Value x = spec.x, h0All = spec.h0, c0All = spec.c0;
  if (spec.layout == 1) {
    x = transpose(rewriter, loc, x, {1, 0, 2});
    if (h0All)
      h0All = transpose(rewriter, loc, h0All, {1, 0, 2});
    if (c0All)
      c0All = transpose(rewriter, loc, c0All, {1, 0, 2});
  }
  OpFoldResult seq = tensor::getMixedSize(rewriter, loc, x, 0);
  OpFoldResult batch = tensor::getMixedSize(rewriter, loc, x, 1);
  OpFoldResult hidden =
      spec.hiddenSize ? OpFoldResult(rewriter.getIndexAttr(*spec.hiddenSize))
                      : tensor::getMixedSize(rewriter, loc, spec.r, 2);
  Value y = tensor::EmptyOp::create(
      rewriter, loc, {seq, rewriter.getIndexAttr(directions), batch, hidden},
      elementType);
  Value yh = tensor::EmptyOp::create(
      rewriter, loc, {rewriter.getIndexAttr(directions), batch, hidden},
      elementType);
  Value yc = spec.cell == Cell::LSTM ? yh : Value();
  for (int64_t d = 0; d < directions; ++d) {
    bool reverse = spec.direction == "reverse" || d == 1;
    OpFoldResult di = rewriter.getIndexAttr(d);
    Value wd = extractAlong(rewriter, loc, spec.w, 0, di);
    Value rd = extractAlong(rewriter, loc, spec.r, 0, di);
    Value wb, rb;
    if (spec.b) {
      Value bd = extractAlong(rewriter, loc, spec.b, 0, di);
      wb = segment(rewriter, loc, bd, 0,
                   tensor::getMixedSize(rewriter, loc, wd, 0));
      rb = segment(rewriter, loc, bd, 1,
                   tensor::getMixedSize(rewriter, loc, wd, 0));
    }
    Value pd = spec.p ? extractAlong(rewriter, loc, spec.p, 0, di) : Value();
    auto initial = [&](Value all) -> Value {
      if (all)
        return extractAlong(rewriter, loc, all, 0, di);
      return zeros(rewriter, loc, {batch, hidden}, elementType);
    };
    Value h0 = initial(h0All);
    Value c0 = spec.cell == Cell::LSTM ? initial(c0All) : Value();

    // X W^T for every step, [S, N, G*H]: one linalg.contract (a matmul
    // with the steps as a batch that W is shared across). A collapse to
    // rows, a matmul and an expand back would be the same, but an
    // expand_shape that splits one dynamic size into two (S and N) crashes
    // the CPU pipeline's expand-strided-metadata in ds-compile.
    OpFoldResult gh = tensor::getMixedSize(rewriter, loc, wd, 0);
    Value xw = zeros(rewriter, loc, {seq, batch, gh}, elementType);
    {
      MLIRContext *context = rewriter.getContext();
      AffineExpr ds, dn, dg, di;
      bindDims(context, ds, dn, dg, di);
      xw = linalg::ContractOp::create(
               rewriter, loc, TypeRange{xw.getType()}, ValueRange{x, wd},
               ValueRange{xw},
               rewriter.getAffineMapArrayAttr(
                   {AffineMap::get(4, 0, {ds, dn, di}, context),
                    AffineMap::get(4, 0, {dg, di}, context),
                    AffineMap::get(4, 0, {ds, dn, dg}, context)}))
               .getResult(0);
    }
    // The reverse direction runs the steps backwards: each entry's own
    // steps with sequence lengths, all of them otherwise.
    if (reverse && spec.lens)
      xw = reverseWithin(rewriter, loc, xw, spec.lens);
    ArrayRef<Activation> acts = ArrayRef<Activation>(spec.activations)
                                    .slice(d * perDirection, perDirection);
    DirectionResult r =
        runDirection(rewriter, loc, spec, xw, rd, wb, rb, pd, spec.lens, h0, c0,
                     hidden, acts, /*backwards=*/reverse && !spec.lens);
    Value yd = r.y;
    if (reverse && spec.lens)
      yd = reverseWithin(rewriter, loc, yd, spec.lens);
    y = insertAlong(rewriter, loc, yd, y, 1, di);
    yh = insertAlong(rewriter, loc, r.h, yh, 0, di);
    if (yc)
      yc = insertAlong(rewriter, loc, r.c, yc, 0, di);
  }
  if (spec.layout == 1) {
    y = transpose(rewriter, loc, y, {2, 0, 1, 3});
    yh = transpose(rewriter, loc, yh, {1, 0, 2});
    if (yc)
      yc = transpose(rewriter, loc, yc, {1, 0, 2});
  }
  SmallVector<Value> results = {y, yh};
  if (yc)
    results.push_back(yc);
  for (auto [value, type] : llvm::zip(results, op->getResultTypes()))
    value = castTo(rewriter, loc, value, type);
  return results;
}

template <typename OpTy>
RecurrentSpec commonSpec(OpTy op, Cell cell, ArrayRef<StringRef> defaults) {
  RecurrentSpec spec;
  spec.cell = cell;
  spec.x = op.getX();
  spec.w = op.getW();
  spec.r = op.getR();
  spec.b = op.getB();
  spec.lens = op.getSequenceLens();
  spec.h0 = op.getInitialH();
  spec.direction = op.getDirection();
  if (std::optional<uint64_t> hidden = op.getHiddenSize())
    spec.hiddenSize = static_cast<int64_t>(*hidden);
  spec.layout = static_cast<int64_t>(op.getLayout());
  if (std::optional<APFloat> clip = op.getClip())
    spec.clip = clip->convertToDouble();
  spec.activations = activationsOf(op.getActivations(), op.getActivationAlpha(),
                                   op.getActivationBeta(), defaults,
                                   spec.direction == "bidirectional" ? 2 : 1);
  return spec;
}

constexpr StringRef kLSTMDefaults[] = {"Sigmoid", "Tanh", "Tanh"};
constexpr StringRef kGRUDefaults[] = {"Sigmoid", "Tanh"};
constexpr StringRef kRNNDefaults[] = {"Tanh"};

struct LowerLSTM : OpRewritePattern<LSTMOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LSTMOp op,
                                PatternRewriter &rewriter) const override {
    RecurrentSpec spec = commonSpec(op, Cell::LSTM, kLSTMDefaults);
    spec.c0 = op.getInitialC();
    spec.p = op.getP();
    spec.inputForget = op.getInputForget();
    FailureOr<SmallVector<Value>> results = lowerRecurrent(rewriter, op, spec);
    if (failed(results))
      return failure();
    rewriter.replaceOp(op, *results);
    return success();
  }
};

struct LowerGRU : OpRewritePattern<GRUOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GRUOp op,
                                PatternRewriter &rewriter) const override {
    RecurrentSpec spec = commonSpec(op, Cell::GRU, kGRUDefaults);
    spec.linearBeforeReset = op.getLinearBeforeReset();
    FailureOr<SmallVector<Value>> results = lowerRecurrent(rewriter, op, spec);
    if (failed(results))
      return failure();
    rewriter.replaceOp(op, *results);
    return success();
  }
};

struct LowerRNN : OpRewritePattern<RNNOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RNNOp op,
                                PatternRewriter &rewriter) const override {
    RecurrentSpec spec = commonSpec(op, Cell::RNN, kRNNDefaults);
    FailureOr<SmallVector<Value>> results = lowerRecurrent(rewriter, op, spec);
    if (failed(results))
      return failure();
    rewriter.replaceOp(op, *results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Scan
//===----------------------------------------------------------------------===//

int64_t entryOr0(std::optional<ArrayRef<int64_t>> list, size_t i) {
  return list && i < list->size() ? (*list)[i] : 0;
}

/// ds.scan -> scf.for over the scan axis.
struct LowerScan : OpRewritePattern<ScanOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ScanOp op,
                                PatternRewriter &rewriter) const override {
    Block &body = op.getBody().front();
    unsigned numStates = op.getNumStates();
    OperandRange scanInputs = op.getScanInputs();
    if (scanInputs.empty())
      return rewriter.notifyMatchFailure(op, "no scan input");
    SmallVector<int64_t> inAxes, inReverse;
    for (auto [j, input] : llvm::enumerate(scanInputs)) {
      auto type = dyn_cast<RankedTensorType>(input.getType());
      if (!type || type.getRank() == 0)
        return rewriter.notifyMatchFailure(op, "unranked scan input");
      int64_t axis = entryOr0(op.getScanInputAxes(), j);
      if (axis < 0)
        axis += type.getRank();
      if (axis < 0 || axis >= type.getRank())
        return rewriter.notifyMatchFailure(op, "scan input axis out of range");
      inAxes.push_back(axis);
      inReverse.push_back(entryOr0(op.getScanInputDirections(), j));
    }
    // A state keeps its shape (ONNX requires it): it travels as the most
    // refined of its initial value's, body argument's, yielded value's and
    // result's types.
    auto yield = cast<ScanYieldOp>(body.getTerminator());
    SmallVector<Type> stateTypes;
    for (unsigned i = 0; i < numStates; ++i) {
      Type type = body.getArgument(i).getType();
      for (Type other :
           {op.getInputs()[i].getType(), yield.getOperand(i).getType(),
            op.getResult(i).getType()})
        if (Type refined = refineType(type, other))
          type = refined;
      if (!isa<RankedTensorType>(type))
        return rewriter.notifyMatchFailure(op, "unranked state");
      stateTypes.push_back(type);
    }
    SmallVector<RankedTensorType> outTypes;
    SmallVector<int64_t> outAxes, outReverse;
    for (auto [k, result] : llvm::enumerate(op.getScanOutputs())) {
      auto type = dyn_cast<RankedTensorType>(result.getType());
      auto rowType =
          dyn_cast<RankedTensorType>(yield.getOperand(numStates + k).getType());
      if (!type || !rowType || rowType.getRank() + 1 != type.getRank())
        return rewriter.notifyMatchFailure(op, "scan output of unknown rank");
      int64_t axis = entryOr0(op.getScanOutputAxes(), k);
      if (axis < 0)
        axis += type.getRank();
      if (axis < 0 || axis >= type.getRank())
        return rewriter.notifyMatchFailure(op, "scan output axis out of range");
      outTypes.push_back(type);
      outAxes.push_back(axis);
      outReverse.push_back(entryOr0(op.getScanOutputDirections(), k));
    }

    Location loc = op.getLoc();
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    OpFoldResult length =
        tensor::getMixedSize(rewriter, loc, scanInputs[0], inAxes[0]);
    Value lengthValue = indexValue(rewriter, loc, length);
    SmallVector<Value> inits;
    for (auto [value, type] : llvm::zip(op.getInitialStates(), stateTypes))
      inits.push_back(castTo(rewriter, loc, value, type));
    for (auto [type, axis] : llvm::zip(outTypes, outAxes)) {
      // Static sizes besides the scan axis: the whole buffer now. Otherwise
      // a placeholder with no elements, replaced at the first iteration.
      Value buffer =
          hasStaticRows(type, axis)
              ? emptyStack(rewriter, loc, type, axis, length, Value())
              : tensor::EmptyOp::create(
                    rewriter, loc, type.getShape(), type.getElementType(),
                    SmallVector<Value>(type.getNumDynamicDims(), zero))
                    .getResult();
      inits.push_back(castTo(rewriter, loc, buffer, type));
    }

    auto forOp =
        scf::ForOp::create(rewriter, loc, zero, lengthValue, one, inits);
    Block *block = forOp.getBody();
    if (!block->empty())
      rewriter.eraseOp(block->getTerminator());
    rewriter.setInsertionPointToEnd(block);
    Value iv = forOp.getInductionVar();
    Value backwards = arith::SubIOp::create(
        rewriter, loc, arith::SubIOp::create(rewriter, loc, lengthValue, one),
        iv);
    ValueRange args = forOp.getRegionIterArgs();
    // The body arguments' types are often less refined than what they get
    // (ONNX bodies often leave shapes out): marked casts, folded into the
    // body's ds ops once it is in the loop (ShapeRefinement.h).
    SmallVector<Value> replacements;
    for (auto [value, arg] :
         llvm::zip(args.take_front(numStates), body.getArguments()))
      replacements.push_back(
          refinableCast(rewriter, loc, value, arg.getType()));
    for (auto [j, input] : llvm::enumerate(scanInputs)) {
      Value slice = extractAlong(rewriter, loc, input, inAxes[j],
                                 inReverse[j] ? backwards : iv);
      replacements.push_back(refinableCast(
          rewriter, loc, slice, body.getArgument(numStates + j).getType()));
    }
    rewriter.mergeBlocks(&body, block, replacements);
    refineThroughCasts(rewriter, replacements);
    rewriter.setInsertionPoint(yield);

    // Scan values first, then the states' write-backs (see writeBack).
    SmallVector<Value> rowsNext;
    for (auto [k, outType] : llvm::enumerate(outTypes)) {
      // A named copy, not the binding: a lambda below captures it.
      auto type = outType;
      Value row = yield.getOperand(numStates + k);
      Value buffer = args[numStates + k];
      int64_t axis = outAxes[k];
      if (!hasStaticRows(type, axis)) {
        Value first = arith::CmpIOp::create(rewriter, loc,
                                            arith::CmpIPredicate::eq, iv, zero);
        buffer = scf::IfOp::create(
                     rewriter, loc, first,
                     [&](OpBuilder &b, Location l) {
                       Value fresh = emptyStack(b, l, type, axis, length, row);
                       scf::YieldOp::create(b, l, castTo(b, l, fresh, type));
                     },
                     [&](OpBuilder &b, Location l) {
                       scf::YieldOp::create(b, l, buffer);
                     })
                     .getResult(0);
      }
      rowsNext.push_back(insertAlong(rewriter, loc, row, buffer, axis,
                                     outReverse[k] ? backwards : iv));
    }
    SmallVector<Value> next;
    for (auto [value, arg] :
         llvm::zip(yield.getOperands().take_front(numStates),
                   args.take_front(numStates)))
      next.push_back(writeBack(rewriter, loc, value, arg));
    llvm::append_range(next, rowsNext);
    rewriter.replaceOpWithNewOp<scf::YieldOp>(yield, next);

    rewriter.setInsertionPointAfter(forOp);
    SmallVector<Value> results;
    for (auto [value, result] : llvm::zip(forOp.getResults(), op.getResults()))
      results.push_back(castTo(rewriter, loc, value, result.getType()));
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// CausalConvWithState
//===----------------------------------------------------------------------===//

/// A float `value` converted to the float type `to`.
Value convertFloat(OpBuilder &b, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth == toWidth) // f16 <-> bf16, through f32.
    value = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
  if (value.getType().getIntOrFloatBitWidth() < toWidth)
    return arith::ExtFOp::create(b, loc, to, value);
  return arith::TruncFOp::create(b, loc, to, value);
}

/// The type sums of `type` accumulate in: f32 for the 16-bit floats.
Type accumulatorType(Type type) {
  return type.getIntOrFloatBitWidth() < 32 ? Float32Type::get(type.getContext())
                                           : type;
}

SmallVector<utils::IteratorType> parallel(int64_t n) {
  return SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel);
}

struct LowerCausalConvWithState : OpRewritePattern<CausalConvWithStateOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(CausalConvWithStateOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput(), weight = op.getWeight(), bias = op.getBias(),
          past = op.getPastState();
    for (Value v : {input, weight, bias, past})
      if (v && !isa<RankedTensorType>(v.getType()))
        return rewriter.notifyMatchFailure(op, "unranked operand");
    for (Type t : op->getResultTypes())
      if (!isa<RankedTensorType>(t))
        return rewriter.notifyMatchFailure(op, "unranked result");
    StringRef activation = op.getActivation();
    bool silu = activation == "silu" || activation == "swish";
    if (!silu && activation != "none")
      return rewriter.notifyMatchFailure(op, "unknown activation");
    Type elementType = cast<RankedTensorType>(input.getType()).getElementType();
    Type accType = accumulatorType(elementType);
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();

    // past_state (or zeros) ++ input along the sequence: [N, C, K - 1 + L].
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, input, 0);
    OpFoldResult c = tensor::getMixedSize(rewriter, loc, input, 1);
    OpFoldResult l = tensor::getMixedSize(rewriter, loc, input, 2);
    OpFoldResult k = tensor::getMixedSize(rewriter, loc, weight, 2);
    // Sizes folded to constants where they are static.
    auto sum = [&](OpFoldResult a, OpFoldResult b,
                   int64_t bFactor) -> OpFoldResult {
      std::optional<int64_t> x = getConstantIntValue(a);
      std::optional<int64_t> y = getConstantIntValue(b);
      if (x && y)
        return rewriter.getIndexAttr(*x + bFactor * *y);
      Value bv = indexValue(rewriter, loc, b);
      if (bFactor < 0)
        return arith::SubIOp::create(rewriter, loc,
                                     indexValue(rewriter, loc, a), bv)
            .getResult();
      return arith::AddIOp::create(rewriter, loc, indexValue(rewriter, loc, a),
                                   bv)
          .getResult();
    };
    OpFoldResult history = sum(k, rewriter.getIndexAttr(1), -1);
    OpFoldResult total = sum(history, l, 1);
    Value padded;
    OpFoldResult z = rewriter.getIndexAttr(0);
    SmallVector<OpFoldResult> unit(3, rewriter.getIndexAttr(1));
    if (past) {
      padded =
          tensor::EmptyOp::create(rewriter, loc, {n, c, total}, elementType);
      padded = tensor::InsertSliceOp::create(rewriter, loc, past, padded,
                                             {z, z, z}, {n, c, history}, unit);
    } else {
      padded = zeros(rewriter, loc, {n, c, total}, elementType);
    }
    padded = tensor::InsertSliceOp::create(rewriter, loc, input, padded,
                                           {z, z, history}, {n, c, l}, unit);

    // The accumulator starts from the bias (broadcast) or zero.
    Value acc;
    if (bias) {
      Value empty = tensor::EmptyOp::create(rewriter, loc, {n, c, l}, accType);
      acc =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{empty.getType()}, ValueRange{bias},
              ValueRange{empty},
              SmallVector<AffineMap>{
                  AffineMap::get(3, 0, {getAffineDimExpr(1, context)}, context),
                  AffineMap::getMultiDimIdentityMap(3, context)},
              parallel(3),
              [&](OpBuilder &b, Location bl, ValueRange args) {
                linalg::YieldOp::create(b, bl,
                                        convertFloat(b, bl, args[0], accType));
              })
              .getResult(0);
    } else {
      acc = zeros(rewriter, loc, {n, c, l}, accType);
    }
    // out[n, c, l] += padded[n, c, l + k] * weight[c, 0, k].
    AffineExpr dn, dc, dl, dk;
    bindDims(context, dn, dc, dl, dk);
    SmallVector<AffineMap> maps = {
        AffineMap::get(4, 0, {dn, dc, dl + dk}, context),
        AffineMap::get(4, 0, {dc, getAffineConstantExpr(0, context), dk},
                       context),
        AffineMap::get(4, 0, {dn, dc, dl}, context)};
    SmallVector<utils::IteratorType> iterators = parallel(3);
    iterators.push_back(utils::IteratorType::reduction);
    acc = linalg::GenericOp::create(
              rewriter, loc, TypeRange{acc.getType()},
              ValueRange{padded, weight}, ValueRange{acc}, maps, iterators,
              [&](OpBuilder &b, Location bl, ValueRange args) {
                Value x = convertFloat(b, bl, args[0], accType);
                Value w = convertFloat(b, bl, args[1], accType);
                linalg::YieldOp::create(
                    b, bl,
                    arith::AddFOp::create(b, bl, args[2],
                                          arith::MulFOp::create(b, bl, x, w))
                        .getResult());
              })
              .getResult(0);
    // Rounded to the element type (as the convolution's result is), then
    // SiLU computed in the accumulator type.
    Value output = acc;
    if (silu || accType != elementType) {
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, {n, c, l}, elementType);
      SmallVector<AffineMap> identity(
          2, AffineMap::getMultiDimIdentityMap(3, context));
      output =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{empty.getType()}, ValueRange{acc},
              ValueRange{empty}, identity, parallel(3),
              [&](OpBuilder &b, Location bl, ValueRange args) {
                Value v = convertFloat(b, bl, args[0], elementType);
                if (silu) {
                  Value x = convertFloat(b, bl, v, accType);
                  v = convertFloat(
                      b, bl, arith::MulFOp::create(b, bl, x, sigmoid(b, bl, x)),
                      elementType);
                }
                linalg::YieldOp::create(b, bl, v);
              })
              .getResult(0);
    }
    // The last K - 1 positions: the next step's past state.
    // (Empty for a kernel of one, where the offset would be out of bounds.)
    Value present =
        getConstantIntValue(history) == 0
            ? tensor::EmptyOp::create(rewriter, loc, {n, c, history},
                                      elementType)
                  .getResult()
            : tensor::ExtractSliceOp::create(rewriter, loc, padded, {z, z, l},
                                             {n, c, history}, unit)
                  .getResult();
    rewriter.replaceOp(
        op, {castTo(rewriter, loc, output, op.getOutput().getType()),
             castTo(rewriter, loc, present, op.getPresentState().getType())});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// LinearAttention
//===----------------------------------------------------------------------===//

/// `value` [N, T, H * D] as [N, T, H, D].
Value splitHeads(OpBuilder &b, Location loc, Value value, int64_t heads) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> sizes = sizesOf(b, loc, value);
  OpFoldResult last = sizes[2];
  OpFoldResult d;
  if (std::optional<int64_t> size = getConstantIntValue(last))
    d = b.getIndexAttr(*size / heads);
  else
    d = arith::DivUIOp::create(b, loc, indexValue(b, loc, last),
                               arith::ConstantIndexOp::create(b, loc, heads))
            .getResult();
  SmallVector<OpFoldResult> outSizes = {sizes[0], sizes[1],
                                        b.getIndexAttr(heads), d};
  SmallVector<int64_t> shape;
  for (OpFoldResult size : outSizes)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), value,
      SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}}, outSizes);
}

struct LowerLinearAttention : OpRewritePattern<LinearAttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LinearAttentionOp op,
                                PatternRewriter &rewriter) const override {
    Value query = op.getQuery(), key = op.getKey(), value = op.getValue(),
          past = op.getPastState(), decay = op.getDecay(), beta = op.getBeta();
    for (Value v : {query, key, value, past, decay, beta})
      if (v && !isa<RankedTensorType>(v.getType()))
        return rewriter.notifyMatchFailure(op, "unranked operand");
    for (Type t : op->getResultTypes())
      if (!isa<RankedTensorType>(t))
        return rewriter.notifyMatchFailure(op, "unranked result");
    StringRef rule = op.getUpdateRule();
    bool gating = rule == "gated" || rule == "gated_delta";
    bool delta = rule == "delta" || rule == "gated_delta";
    if (!gating && !delta && rule != "linear")
      return rewriter.notifyMatchFailure(op, "unknown update rule");
    // Rules that do not use decay or beta ignore them.
    if (!gating)
      decay = Value();
    if (!delta)
      beta = Value();
    if ((gating && !decay) || (delta && !beta))
      return rewriter.notifyMatchFailure(op, "missing decay or beta");
    int64_t qHeads = static_cast<int64_t>(op.getQNumHeads());
    int64_t kvHeads = static_cast<int64_t>(op.getKvNumHeads());
    if (qHeads <= 0 || kvHeads <= 0 || qHeads % kvHeads != 0)
      return rewriter.notifyMatchFailure(op, "bad head counts");
    int64_t group = qHeads / kvHeads;
    // Decay per head or per key dimension, beta per head or shared: told
    // apart by the static last size.
    auto lastSize = [](Value v) {
      return cast<RankedTensorType>(v.getType()).getShape().back();
    };
    bool decayPerHead = false, betaShared = false;
    if (decay) {
      if (ShapedType::isDynamic(lastSize(decay)))
        return rewriter.notifyMatchFailure(op, "decay of unknown layout");
      decayPerHead = lastSize(decay) == kvHeads;
    }
    if (beta) {
      if (ShapedType::isDynamic(lastSize(beta)))
        return rewriter.notifyMatchFailure(op, "beta of unknown layout");
      betaShared = lastSize(beta) != kvHeads;
    }

    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    Type f32 = rewriter.getF32Type();
    Type outType =
        cast<RankedTensorType>(op.getOutput().getType()).getElementType();
    Type stateType =
        cast<RankedTensorType>(op.getPresentState().getType()).getElementType();

    Value q4 = splitHeads(rewriter, loc, query, qHeads);
    Value k4 = splitHeads(rewriter, loc, key, kvHeads);
    Value v4 = splitHeads(rewriter, loc, value, kvHeads);
    Value g4 = decay && !decayPerHead
                   ? splitHeads(rewriter, loc, decay, kvHeads)
                   : decay;
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, q4, 0);
    OpFoldResult t = tensor::getMixedSize(rewriter, loc, q4, 1);
    OpFoldResult dk = tensor::getMixedSize(rewriter, loc, q4, 3);
    OpFoldResult dv = tensor::getMixedSize(rewriter, loc, v4, 3);
    OpFoldResult hq = rewriter.getIndexAttr(qHeads);
    OpFoldResult hkv = rewriter.getIndexAttr(kvHeads);

    // The state in f32, [N, H_kv, d_k, d_v].
    Value state;
    if (past) {
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, {n, hkv, dk, dv}, f32);
      SmallVector<AffineMap> identity(
          2, AffineMap::getMultiDimIdentityMap(4, context));
      state =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{empty.getType()}, ValueRange{past},
              ValueRange{empty}, identity, parallel(4),
              [&](OpBuilder &b, Location l, ValueRange args) {
                linalg::YieldOp::create(b, l, convertFloat(b, l, args[0], f32));
              })
              .getResult(0);
    } else {
      state = zeros(rewriter, loc, {n, hkv, dk, dv}, f32);
    }
    // scale = 0 means 1 / sqrt(d_k).
    Value scale;
    double scaleAttr = op.getScale().convertToDouble();
    if (scaleAttr != 0.0) {
      scale = floatConst(rewriter, loc, f32, scaleAttr);
    } else if (std::optional<int64_t> size = getConstantIntValue(dk)) {
      scale = floatConst(rewriter, loc, f32,
                         1.0 / std::sqrt(static_cast<double>(*size)));
    } else {
      Value keySize = arith::IndexCastOp::create(
          rewriter, loc, rewriter.getI64Type(), indexValue(rewriter, loc, dk));
      scale = arith::DivFOp::create(
          rewriter, loc, floatConst(rewriter, loc, f32, 1.0),
          math::SqrtOp::create(
              rewriter, loc,
              arith::SIToFPOp::create(rewriter, loc, f32, keySize)));
    }
    Value outputs =
        tensor::EmptyOp::create(rewriter, loc, {n, t, hq, dv}, outType);

    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto forOp =
        scf::ForOp::create(rewriter, loc, zero, indexValue(rewriter, loc, t),
                           one, ValueRange{state, outputs});
    {
      OpBuilder::InsertionGuard guard(rewriter);
      Block *block = forOp.getBody();
      if (!block->empty())
        rewriter.eraseOp(block->getTerminator());
      rewriter.setInsertionPointToEnd(block);
      Value i = forOp.getInductionVar();
      Value s = forOp.getRegionIterArgs()[0];
      Value out = forOp.getRegionIterArgs()[1];
      // This token's slices: q [N, H_q, d_k], k [N, H_kv, d_k],
      // v [N, H_kv, d_v], decay [N, H_kv(, d_k)], beta [N, H_kv or 1].
      Value qt = extractAlong(rewriter, loc, q4, 1, i);
      Value kt = extractAlong(rewriter, loc, k4, 1, i);
      Value vt = extractAlong(rewriter, loc, v4, 1, i);
      AffineExpr d0, d1, d2, d3;
      bindDims(context, d0, d1, d2, d3);
      AffineMap id4 = AffineMap::getMultiDimIdentityMap(4, context);
      if (decay) {
        // S *= exp(g), in place.
        Value gt = extractAlong(rewriter, loc, g4, 1, i);
        AffineMap gMap = decayPerHead
                             ? AffineMap::get(4, 0, {d0, d1}, context)
                             : AffineMap::get(4, 0, {d0, d1, d2}, context);
        s = linalg::GenericOp::create(
                rewriter, loc, TypeRange{s.getType()}, ValueRange{gt},
                ValueRange{s}, SmallVector<AffineMap>{gMap, id4}, parallel(4),
                [&](OpBuilder &b, Location l, ValueRange args) {
                  Value g = convertFloat(b, l, args[0], f32);
                  linalg::YieldOp::create(
                      b, l,
                      arith::MulFOp::create(b, l, args[1],
                                            math::ExpOp::create(b, l, g))
                          .getResult());
                })
                .getResult(0);
      }
      // The update's value: v, or beta (v - S^T k) with delta.
      Value u = vt;
      AffineMap uMap = AffineMap::get(4, 0, {d0, d1, d3}, context);
      if (delta) {
        // retrieved[n, h, j] = sum_d S[n, h, d, j] k[n, h, d]; iteration
        // space (n, h, j, d).
        Value retrieved = zeros(rewriter, loc, {n, hkv, dv}, f32);
        SmallVector<utils::IteratorType> iterators = parallel(3);
        iterators.push_back(utils::IteratorType::reduction);
        retrieved = linalg::GenericOp::create(
                        rewriter, loc, TypeRange{retrieved.getType()},
                        ValueRange{s, kt}, ValueRange{retrieved},
                        SmallVector<AffineMap>{
                            AffineMap::get(4, 0, {d0, d1, d3, d2}, context),
                            AffineMap::get(4, 0, {d0, d1, d3}, context),
                            AffineMap::get(4, 0, {d0, d1, d2}, context)},
                        iterators,
                        [&](OpBuilder &b, Location l, ValueRange args) {
                          Value k = convertFloat(b, l, args[1], f32);
                          linalg::YieldOp::create(
                              b, l,
                              arith::AddFOp::create(
                                  b, l, args[2],
                                  arith::MulFOp::create(b, l, args[0], k))
                                  .getResult());
                        })
                        .getResult(0);
        Value bt = extractAlong(rewriter, loc, beta, 1, i);
        AffineMap id3 = AffineMap::getMultiDimIdentityMap(3, context);
        AffineMap bMap = AffineMap::get(
            3, 0, {d0, betaShared ? getAffineConstantExpr(0, context) : d1},
            context);
        Value empty = tensor::EmptyOp::create(rewriter, loc, {n, hkv, dv}, f32);
        u = linalg::GenericOp::create(
                rewriter, loc, TypeRange{empty.getType()},
                ValueRange{vt, retrieved, bt}, ValueRange{empty},
                SmallVector<AffineMap>{id3, id3, bMap, id3}, parallel(3),
                [&](OpBuilder &b, Location l, ValueRange args) {
                  Value v = convertFloat(b, l, args[0], f32);
                  Value bv = convertFloat(b, l, args[2], f32);
                  linalg::YieldOp::create(
                      b, l,
                      arith::MulFOp::create(
                          b, l, bv, arith::SubFOp::create(b, l, v, args[1]))
                          .getResult());
                })
                .getResult(0);
      }
      // S += k u^T, in place.
      s = linalg::GenericOp::create(
              rewriter, loc, TypeRange{s.getType()}, ValueRange{kt, u},
              ValueRange{s},
              SmallVector<AffineMap>{
                  AffineMap::get(4, 0, {d0, d1, d2}, context), uMap, id4},
              parallel(4),
              [&](OpBuilder &b, Location l, ValueRange args) {
                Value k = convertFloat(b, l, args[0], f32);
                Value v = convertFloat(b, l, args[1], f32);
                linalg::YieldOp::create(
                    b, l,
                    arith::AddFOp::create(b, l, args[2],
                                          arith::MulFOp::create(b, l, k, v))
                        .getResult());
              })
              .getResult(0);
      // o[n, h, j] = scale * sum_d q[n, h, d] S[n, h / group, d, j];
      // iteration space (n, h, j, d).
      Value o = zeros(rewriter, loc, {n, hq, dv}, f32);
      SmallVector<utils::IteratorType> iterators = parallel(3);
      iterators.push_back(utils::IteratorType::reduction);
      o = linalg::GenericOp::create(
              rewriter, loc, TypeRange{o.getType()}, ValueRange{qt, s},
              ValueRange{o},
              SmallVector<AffineMap>{
                  AffineMap::get(4, 0, {d0, d1, d3}, context),
                  AffineMap::get(4, 0, {d0, d1.floorDiv(group), d3, d2},
                                 context),
                  AffineMap::get(4, 0, {d0, d1, d2}, context)},
              iterators,
              [&](OpBuilder &b, Location l, ValueRange args) {
                Value q = convertFloat(b, l, args[0], f32);
                linalg::YieldOp::create(
                    b, l,
                    arith::AddFOp::create(
                        b, l, args[2], arith::MulFOp::create(b, l, q, args[1]))
                        .getResult());
              })
              .getResult(0);
      Value row = extractAlong(rewriter, loc, out, 1, i);
      AffineMap id3 = AffineMap::getMultiDimIdentityMap(3, context);
      row = linalg::GenericOp::create(
                rewriter, loc, TypeRange{row.getType()}, ValueRange{o},
                ValueRange{row}, SmallVector<AffineMap>{id3, id3}, parallel(3),
                [&](OpBuilder &b, Location l, ValueRange args) {
                  linalg::YieldOp::create(
                      b, l,
                      convertFloat(b, l,
                                   arith::MulFOp::create(b, l, args[0], scale),
                                   outType));
                })
                .getResult(0);
      out = insertAlong(rewriter, loc, row, out, 1, i);
      scf::YieldOp::create(rewriter, loc, ValueRange{s, out});
    }
    // [N, T, H_q, d_v] -> [N, T, H_q * d_v]; the state in its own type.
    Value output = tensor::CollapseShapeOp::create(
        rewriter, loc, forOp.getResult(1),
        SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
    Value present = forOp.getResult(0);
    if (stateType != f32) {
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, {n, hkv, dk, dv}, stateType);
      SmallVector<AffineMap> identity(
          2, AffineMap::getMultiDimIdentityMap(4, context));
      present =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{empty.getType()}, ValueRange{present},
              ValueRange{empty}, identity, parallel(4),
              [&](OpBuilder &b, Location l, ValueRange args) {
                linalg::YieldOp::create(b, l,
                                        convertFloat(b, l, args[0], stateType));
              })
              .getResult(0);
    }
    rewriter.replaceOp(
        op, {castTo(rewriter, loc, output, op.getOutput().getType()),
             castTo(rewriter, loc, present, op.getPresentState().getType())});
    return success();
  }
};

/// Lowers a ds.scan when an op of its body comes up first. The greedy
/// driver reaches the ops of a body before their scan in general (a nested
/// op queues its ancestors, so a scan waits behind the later ops of its
/// body); lowered that way they would not see the shapes the scan passes in
/// (see the marked casts of LowerScan).
struct LowerScanBeforeBody : RewritePattern {
  LowerScanBeforeBody(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/10, context) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    auto scan = op->getParentOfType<ScanOp>();
    if (!scan || !isa<DSDialect>(op->getDialect()))
      return rewriter.notifyMatchFailure(op, "not a ds op of a scan body");
    rewriter.setInsertionPoint(scan);
    return LowerScan(getContext()).matchAndRewrite(scan, rewriter);
  }
};

} // namespace

void populateRecurrentToLinalgPatterns(RewritePatternSet &patterns) {
  // The lowering creates scf ops, which the pass does not declare (see
  // populateControlFlowToLinalgPatterns).
  patterns.getContext()->getOrLoadDialect<scf::SCFDialect>();
  patterns.add<LowerLSTM, LowerGRU, LowerRNN, LowerScan, LowerScanBeforeBody,
               LowerCausalConvWithState, LowerLinearAttention>(
      patterns.getContext());
}

} // namespace ds
