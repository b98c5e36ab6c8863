//===- LowerContractions.cpp - ds-lower-contractions ----------------------===//
//
// Part of ds.
//
// Matches the contractions of bufferized linalg (matmul, batch_matmul and
// the 2-D NCHW convolution) and emits them as packed, register-tiled GEMM
// loops (GemmKernel.h). A convolution is the GEMM
//   out[n][f][o] += filter[f][c, kh, kw] * im2col(input[n])[c, kh, kw][o]
// whose B operand is read from the input through the window, never
// materialized.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/BufferPatterns.h"
#include "passes/Codegen/ConstantPacker.h"
#include "passes/Codegen/GemmEpilogue.h"
#include "passes/Codegen/GemmKernel.h"
#include "passes/Codegen/KernelUtils.h"
#include "passes/Codegen/Passes.h"
#include "passes/Codegen/TargetDescription.h"
#include "passes/Codegen/Winograd.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SetVector.h"

#include <tuple>

namespace ds {
#define GEN_PASS_DEF_LOWERCONTRACTIONS
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;
using namespace ds;

namespace {

bool isSupportedElement(Type type) { return type.isF32(); }

bool allSupported(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics())
    return false;
  return llvm::all_of(op->getOperands(), [](Value operand) {
    auto type = dyn_cast<MemRefType>(operand.getType());
    return type && isSupportedElement(type.getElementType());
  });
}

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

Value dim(OpBuilder &b, Location loc, Value buffer, int64_t d) {
  return b.createOrFold<memref::DimOp>(loc, buffer, d);
}

int64_t staticDim(Value buffer, int64_t d) {
  int64_t size = cast<MemRefType>(buffer.getType()).getDimSize(d);
  return ShapedType::isDynamic(size) ? -1 : size;
}

/// linalg.matmul and linalg.batch_matmul with their default maps: the
/// operands' last two dims are [M, K], [K, N] and [M, N]; `batched` puts a
/// batch dim before them.
LogicalResult lowerMatmul(OpBuilder &b, linalg::LinalgOp op, bool batched,
                          const TargetDescription &target,
                          ConstantPacker &packer,
                          SmallVectorImpl<Operation *> &erase) {
  Location loc = op.getLoc();
  Value aBuffer = op.getDpsInputs()[0], bBuffer = op.getDpsInputs()[1];
  Value cBuffer = op.getDpsInits()[0];
  std::optional<SmallVector<int64_t>> cStrides = staticStrides(cBuffer);
  if (!cStrides || cStrides->back() != 1)
    return failure();
  int64_t lead = batched ? 1 : 0;
  SmallVector<Value> aStrides, bStrides, cStrideValues, sizes;
  GemmProblem p;
  p.a = flattenBuffer(b, loc, aBuffer, aStrides, sizes);
  p.batch = batched ? sizes[0] : indexConstant(b, loc, 1);
  p.m = sizes[lead];
  p.k = sizes[lead + 1];
  p.b = flattenBuffer(b, loc, bBuffer, bStrides, sizes);
  p.n = sizes[lead + 1];
  Value zero = indexConstant(b, loc, 0);
  p.aBatchStride = batched ? aStrides[0] : zero;
  p.bBatchStride = batched ? bStrides[0] : zero;
  p.aRowStride = aStrides[lead];
  p.aColStride = aStrides[lead + 1];
  Value bRow = bStrides[lead], bCol = bStrides[lead + 1];
  p.bRowOffset = [bRow](OpBuilder &nb, Location nloc, Value q) -> Value {
    return nb.createOrFold<arith::MulIOp>(nloc, q, bRow);
  };
  p.bColOffset = [bCol](OpBuilder &nb, Location nloc, Value j) -> Value {
    return nb.createOrFold<arith::MulIOp>(nloc, j, bCol);
  };
  // A weight: a constant global, row-major.
  if (memref::GlobalOp global = constantGlobalOf(bBuffer, op);
      global && !batched)
    p.packedConstantB = [&packer, global](OpBuilder &nb, Location nloc,
                                            int64_t panels,
                                            int64_t nr) -> Value {
      return packer.get(nb, nloc, global, panels, nr);
    };
  p.staticM = staticDim(cBuffer, lead);
  p.staticN = staticDim(cBuffer, lead + 1);
  p.staticBatch = batched ? staticDim(cBuffer, 0) : 1;
  ResultDims dims;
  dims.batch = batched ? 0 : -1;
  dims.row = lead;
  dims.columns = {lead + 1};
  GemmTiling tiling =
      deriveGemmTiling(target, /*elementBytes=*/4, p.staticM, p.staticN);
  fuseIntoGemm(b, op, dims, tiling.lanes, p, erase);
  if (!p.c) {
    p.c = flattenBuffer(b, loc, cBuffer, cStrideValues, sizes);
    p.cBatchStride = batched ? cStrideValues[0] : zero;
    p.cRowStride = cStrideValues[lead];
  }
  emitGemm(b, loc, p, tiling);
  return success();
}

/// The lanes that the micro-kernels of an M x N product of f32 compute
/// per row: whole panels, and a last one of at most one vector counted as
/// 1.5 vectors (its one-vector kernel runs slower per lane).
int64_t gemmLanes(const TargetDescription &target, int64_t m, int64_t n) {
  GemmTiling tiling = deriveGemmTiling(target, /*elementBytes=*/4, m, n);
  int64_t rest = n % tiling.nr, lanes = n - rest;
  if (rest > tiling.lanes || (rest > 0 && tiling.vectors == 1))
    return lanes + tiling.nr;
  return rest > 0 ? lanes + tiling.lanes * 3 / 2 : lanes;
}

/// Tap q of a KH x KW window as (channel, y, x): q = (c*KH + y)*KW + x.
std::tuple<Value, Value, Value> splitTap(OpBuilder &b, Location loc, Value q,
                                         int64_t kh, int64_t kw) {
  IndexMath im{b, loc};
  Value tap = b.createOrFold<arith::RemUIOp>(loc, q, im.c(kh * kw));
  return {b.createOrFold<arith::DivUIOp>(loc, q, im.c(kh * kw)),
          b.createOrFold<arith::DivUIOp>(loc, tap, im.c(kw)),
          b.createOrFold<arith::RemUIOp>(loc, tap, im.c(kw))};
}

/// A copy of the NCHW f32 buffer `input` (static shape, width W) whose
/// rows hold their even columns, then their odd ones: column x at
/// (x % 2) * ceil(W / 2) + x / 2. One pass: an scf.parallel over (n, c, y)
/// and a loop per half.
Value deinterleaveColumns(OpBuilder &b, Location loc, Value input) {
  auto type = cast<MemRefType>(input.getType());
  int64_t w = type.getDimSize(3), half = (w + 1) / 2;
  Value copy = memref::AllocOp::create(
      b, loc,
      MemRefType::get({type.getDimSize(0), type.getDimSize(1),
                       type.getDimSize(2), 2 * half},
                      type.getElementType()));
  IndexMath im{b, loc};
  Value c0 = im.c(0), c1 = im.c(1);
  scf::ParallelOp::create(
      b, loc, ValueRange{c0, c0, c0},
      ValueRange{im.c(type.getDimSize(0)), im.c(type.getDimSize(1)),
                 im.c(type.getDimSize(2))},
      ValueRange{c1, c1, c1},
      [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
        IndexMath in{nb, nloc};
        for (int64_t parity : {0, 1}) {
          int64_t count = parity ? w / 2 : half;
          scf::ForOp::create(
              nb, nloc, in.c(0), in.c(count), in.c(1), ValueRange{},
              [&](OpBuilder &lb, Location lloc, Value x, ValueRange) {
                IndexMath il{lb, lloc};
                Value from = il.add(il.mul(x, il.c(2)), il.c(parity));
                Value to = il.add(x, il.c(parity * half));
                Value v = memref::LoadOp::create(
                    lb, lloc, input, ValueRange{ivs[0], ivs[1], ivs[2], from});
                memref::StoreOp::create(lb, lloc, v, copy,
                                        ValueRange{ivs[0], ivs[1], ivs[2], to});
                scf::YieldOp::create(lb, lloc);
              });
        }
      });
  return copy;
}

/// Where `result` (a convolution's result buffer, which the kernel of
/// `producer` will only store) is only copied into the interior of a
/// zero-padded buffer that another op reads (PaddedInput): that padding,
/// with the padded buffer's allocation and fill moved before `producer`,
/// and the copy, its subview and `result`'s buffer appended to `erase`
/// (dead once the kernel stores into the padded buffer); nullopt
/// otherwise, and where the padded buffer's reader reads its padding
/// implicitly (`readsPadding`: the buffer goes). The copy had cost as much
/// as the fill and, at 2 threads, a loop of its own per layer.
std::optional<PaddedInput>
paddedCopyOf(Value result, Operation *producer,
             SmallVectorImpl<Operation *> &erase,
             function_ref<bool(Operation *)> readsPadding) {
  auto alloc = result.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getNumOperands() != 0 ||
      alloc->getBlock() != producer->getBlock())
    return std::nullopt;
  linalg::CopyOp copy;
  // Deallocations, and the flat view of it that the caller made for C
  // (to be replaced).
  llvm::SetVector<Operation *> dead;
  for (Operation *user : result.getUsers()) {
    if (user == producer || llvm::is_contained(erase, user))
      continue;
    if (isa<memref::DeallocOp>(user)) {
      dead.insert(user);
      continue;
    }
    if (isa<memref::ExtractStridedMetadataOp>(user)) {
      for (Operation *view : user->getUsers())
        if (!isa<memref::ReinterpretCastOp>(view) || !view->use_empty())
          return std::nullopt;
      dead.insert(user->getUsers().begin(), user->getUsers().end());
      dead.insert(user);
      continue;
    }
    auto asCopy = dyn_cast<linalg::CopyOp>(user);
    if (!asCopy || copy || asCopy.getDpsInputs()[0] != result)
      return std::nullopt;
    copy = asCopy;
  }
  if (!copy)
    return std::nullopt;
  auto view = copy.getDpsInits()[0].getDefiningOp<memref::SubViewOp>();
  if (!view)
    return std::nullopt;
  Value paddedBuffer = view.getSource();
  // The padded buffer's reader: its one user besides its fill (a
  // linalg.fill or a linalg.map of a constant), the view and
  // deallocations.
  Operation *consumer = nullptr;
  for (Operation *user : paddedBuffer.getUsers()) {
    if (user == view || isa<memref::DeallocOp>(user) ||
        constantFill(user, paddedBuffer))
      continue;
    if (consumer)
      return std::nullopt;
    consumer = user;
  }
  if (!consumer || readsPadding(consumer))
    return std::nullopt;
  std::optional<PaddedInput> padded = matchPadding(
      paddedBuffer, consumer, [](const APFloat &v) { return v.isZero(); });
  if (!padded || padded->source != result || padded->ops[0] != copy ||
      cast<MemRefType>(paddedBuffer.getType()).getRank() != 4 ||
      !cast<MemRefType>(paddedBuffer.getType()).getLayout().isIdentity())
    return std::nullopt;
  // ops: copy, subview, fill, deallocations..., allocation.
  Operation *fill = padded->ops[2];
  Operation *paddedAlloc = padded->ops.back();
  paddedAlloc->moveBefore(producer);
  fill->moveBefore(producer);
  erase.push_back(copy);
  erase.push_back(view);
  llvm::append_range(erase, dead);
  erase.push_back(alloc);
  return padded;
}

/// linalg.conv_2d_nchw_fchw on a padded input: filter [F, C, KH, KW] is A
/// (its [C, KH, KW] dims contiguous), the output [N, F, OH, OW] is C (its
/// [OH, OW] dims contiguous), and B is the input read through the window.
LogicalResult lowerConv(OpBuilder &b, linalg::Conv2DNchwFchwOp op,
                        const TargetDescription &target,
                        ConstantPacker &packer,
                        SmallVectorImpl<Operation *> &erase,
                        function_ref<bool(Operation *)> readsPadding) {
  Location loc = op.getLoc();
  Value input = op.getDpsInputs()[0], filter = op.getDpsInputs()[1];
  Value output = op.getDpsInits()[0];
  auto filterType = cast<MemRefType>(filter.getType());
  int64_t kh = filterType.getDimSize(2), kw = filterType.getDimSize(3);
  int64_t ow = staticDim(output, 3);
  std::optional<SmallVector<int64_t>> fStrides = staticStrides(filter);
  std::optional<SmallVector<int64_t>> oStrides = staticStrides(output);
  if (ShapedType::isDynamic(kh) || ShapedType::isDynamic(kw) || ow < 0 ||
      !fStrides || !oStrides || (*fStrides)[3] != 1 ||
      (*fStrides)[2] != kw || (*fStrides)[1] != kh * kw ||
      (*oStrides)[3] != 1 || (*oStrides)[2] != ow)
    return failure();
  SmallVector<int64_t> strides(op.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(op.getDilations().getValues<int64_t>());

  int64_t dh = dilations[0], dw = dilations[1];
  int64_t sh = strides[0], sw = strides[1];
  auto inputType = cast<MemRefType>(input.getType());
  // At stride 1 over an input of contiguous rows (padding materialized),
  // B is read in place: the GEMM's columns are the output positions laid
  // out along the input's rows (see GemmProblem::bDirect).
  std::optional<SmallVector<int64_t>> iStaticStrides = staticStrides(input);
  int64_t inputW = inputType.getRank() == 4 ? inputType.getDimSize(3) : -1;
  bool direct = sh == 1 && sw == 1 && iStaticStrides && inputW > 0 &&
                (*iStaticStrides)[3] == 1 && (*iStaticStrides)[2] == inputW &&
                ow == inputW - (kw - 1) * dw;
  int64_t staticM = staticDim(output, 1), staticOH = staticDim(output, 2);
  if (direct && inputW > ow) {
    // The wide output computes inputW - ow columns per row that are not
    // stored. Worth it (no packing; B stays the size of the input) while
    // its lanes are few more than the packed product's; measured on
    // ResNet-18 and SqueezeNet: 56 of 58 columns and 7 of 9 win, 28 of 30
    // and 13 of 15 lose.
    direct = staticM > 0 && staticOH > 0 &&
             double(gemmLanes(target, staticM, (staticOH - 1) * inputW + ow)) <=
                 1.05 * double(gemmLanes(target, staticM, staticOH * ow));
  }

  // A constant filter is tiled along M where that fills vectors as well
  // or better (N = 49 or 196 in vectors of 16; M = 256 or 512): the filter
  // packed at compile time, the input read in place (padding
  // materialized, any stride), no packing in the run.
  memref::GlobalOp filterGlobal = constantGlobalOf(filter, op);
  bool alongM = false;
  GemmTiling mTiling;
  if (filterGlobal && staticM > 0 && staticOH > 0 && iStaticStrides &&
      inputW > 0 && target.vectorBits >= 128) {
    int64_t n = staticOH * ow, depth = (*fStrides)[0];
    mTiling = deriveGemmTilingAlongM(target, /*elementBytes=*/4, staticM, n,
                                     depth);
    double nWork =
        double(staticM) *
        double(direct ? gemmLanes(target, staticM, (staticOH - 1) * inputW + ow)
                      : gemmLanes(target, staticM, n));
    // Measured alone against the N-vector tiling (AVX-512): every window
    // wider than 1x1 or strided that it computes no more than 2% more
    // lanes for ran as fast or faster, e.g. ResNet-18's 3x3 layers (96%
    // to 77% of the lanes) 5% to 23%, its first convolution (K = 147,
    // about the same lanes) 8%, its strided 1x1 ones (no packing) 10%,
    // SqueezeNet's 3x3 ones 0-5%. A 1x1 window at stride 1 reads B in
    // place with extra columns and ran 5-80% slower along M
    // (MobileNetV2's and SqueezeNet's pointwise layers), even for N = 49.
    bool pointwise = kh == 1 && kw == 1 && sh == 1 && sw == 1;
    double share = paddedWork(mTiling, staticM, n) / nWork;
    // The filter packed now (once: the kernel's packing reuses it), and
    // only where its values can be read.
    alongM = !pointwise && share <= 1.02 &&
             packer.getRows(b, loc, filterGlobal, staticM, mTiling.mr);
    if (alongM)
      direct = false;
  }

  // Otherwise B is packed from the input. Padding that stays within the
  // window's extent is read implicitly (B's column offsets then still grow
  // along the output); the padded copy goes. Strided windows keep the
  // padded copy: packing B's columns at a step of 2 or more with padding
  // masks costs more than the copy (the copy of ResNet's first input
  // halves its 7x7 convolution's packing time).
  std::optional<PaddedInput> padded;
  if (!direct && !alongM) {
    padded =
        matchPadding(input, op, [](const APFloat &v) { return v.isZero(); });
    if (padded && (padded->top + padded->bottom > (kh - 1) * dh ||
                   padded->left + padded->right > (kw - 1) * dw || sw > 1))
      padded.reset();
  }
  int64_t top = padded ? padded->top : 0, left = padded ? padded->left : 0;
  // Stride 2 along the rows of a window wider than 1: B is read from a
  // copy of the input whose rows are split into their even and odd columns
  // (deinterleaveColumns), where B's columns along an output row are
  // consecutive: the packing copies them as vectors instead of two loads
  // and a shuffle each (SqueezeNet's first convolution: 5% of the run
  // less). A 1x1 window reads the even columns only and keeps the strided
  // packing.
  Value deinterleaved;
  int64_t half = 0;
  if (!direct && !alongM && !padded && sw == 2 && dw == 1 && kw > 1 &&
      inputType.hasStaticShape() && inputType.getRank() == 4) {
    half = (inputType.getDimSize(3) + 1) / 2;
    deinterleaved = deinterleaveColumns(b, loc, input);
  }
  Value source = deinterleaved ? deinterleaved
                 : padded      ? padded->source
                               : input;

  SmallVector<Value> iStrides, fStrideValues, oStrideValues, sizes;
  GemmProblem p;
  p.a = flattenBuffer(b, loc, filter, fStrideValues, sizes);
  p.m = sizes[0];
  Value channels = sizes[1];
  p.b = flattenBuffer(b, loc, source, iStrides, sizes);
  p.batch = sizes[0];
  if (padded) {
    p.inputH = sizes[2];
    p.inputW = sizes[3];
  }
  IndexMath im{b, loc};
  p.k = im.mul(channels, im.c(kh * kw));
  p.aBatchStride = im.c(0);
  p.aRowStride = fStrideValues[0];
  p.aColStride = im.c(1);
  p.bBatchStride = iStrides[0];
  p.taskMacs = int64_t(1) << 21;
  p.staticBatch = staticDim(output, 0);
  p.staticM = staticM;
  Value sC = iStrides[1], sH = iStrides[2], sW = iStrides[3];
  // Row q of B is the tap (c, y, x) of the window: offset c*sC + y*dh*sH +
  // column(x)*sW, column(x) = x*dw, or in the deinterleaved copy the
  // column x / 2 of the half of x's parity.
  bool split = static_cast<bool>(deinterleaved);
  p.bRowOffset = [=](OpBuilder &nb, Location nloc, Value q) -> Value {
    IndexMath in{nb, nloc};
    auto [channel, y, x] = splitTap(nb, nloc, q, kh, kw);
    Value column =
        split ? in.add(in.mul(nb.createOrFold<arith::RemUIOp>(nloc, x, in.c(2)),
                              in.c(half)),
                       nb.createOrFold<arith::DivUIOp>(nloc, x, in.c(2)))
              : in.mul(x, in.c(dw));
    return in.add(in.add(in.mul(channel, sC), in.mul(in.mul(y, in.c(dh)), sH)),
                  in.mul(column, sW));
  };
  if (std::optional<SmallVector<int64_t>> st = staticStrides(source))
    p.staticRowOffset = [=, st = *st](int64_t q) -> int64_t {
      int64_t channel = q / (kh * kw), y = q % (kh * kw) / kw, x = q % kw;
      int64_t column = split ? (x % 2) * half + x / 2 : x * dw;
      return channel * st[1] + y * dh * st[2] + column * st[3];
    };
  bool extraColumns = false;
  if (direct) {
    // Output rows 0 .. OH - 2 wide, the last one only as long as C's.
    p.n = im.add(im.mul(im.sub(dim(b, loc, output, 2), im.c(1)),
                        im.c(inputW)),
                 im.c(ow));
    p.staticN = staticOH < 0 ? -1 : (staticOH - 1) * inputW + ow;
    p.bDirect = true;
    p.wideRow = inputW;
    p.realRow = ow;
    // A constant filter of a window without extra columns (1x1) is packed
    // at compile time where the tiling sums the columns past its whole
    // panels as extra columns (N = 49 in panels of 48).
    extraColumns = filterGlobal && inputW == ow && staticM > 0;
  } else {
    // Static (ow is): a dynamic OH is the only size read from the output.
    p.n = im.mul(dim(b, loc, output, 2), im.c(ow));
    p.staticN = staticOH < 0 ? -1 : staticOH * ow;
    // Column j of B is the output position (oy, ox): the window's corner
    // at (oy*sh - top)*sH + (ox*sw - left)*sW, or (oy*sh)*sH + ox in the
    // deinterleaved copy.
    p.bColOffset = [=](OpBuilder &nb, Location nloc, Value j) -> Value {
      IndexMath in{nb, nloc};
      Value oy = nb.createOrFold<arith::DivUIOp>(nloc, j, in.c(ow));
      Value ox = nb.createOrFold<arith::RemUIOp>(nloc, j, in.c(ow));
      Value y = in.sub(in.mul(oy, in.c(sh)), in.c(top));
      Value x = split ? ox : in.sub(in.mul(ox, in.c(sw)), in.c(left));
      return in.add(in.mul(y, sH), in.mul(x, sW));
    };
  }
  if (alongM)
    p.streamA = streamsPastCaches(
        target, filterGlobal.getType().getNumElements() * 4);
  if (extraColumns || alongM) {
    memref::GlobalOp global = filterGlobal;
    p.packedConstantA = [&packer, global, staticM](OpBuilder &nb, Location nloc,
                                                   int64_t mr) -> Value {
      return packer.getRows(nb, nloc, global, staticM, mr);
    };
  }
  if (padded) {
    // The window corner of column j and the tap of row q, in (y, x).
    p.bColCorner = [=](OpBuilder &nb, Location nloc,
                       Value j) -> std::pair<Value, Value> {
      IndexMath in{nb, nloc};
      Value oy = nb.createOrFold<arith::DivUIOp>(nloc, j, in.c(ow));
      Value ox = nb.createOrFold<arith::RemUIOp>(nloc, j, in.c(ow));
      return {in.sub(in.mul(oy, in.c(sh)), in.c(top)),
              in.sub(in.mul(ox, in.c(sw)), in.c(left))};
    };
    p.bRowTap = [=](OpBuilder &nb, Location nloc,
                    Value q) -> std::pair<Value, Value> {
      IndexMath in{nb, nloc};
      auto [channel, y, x] = splitTap(nb, nloc, q, kh, kw);
      (void)channel;
      return {in.mul(y, in.c(dh)), in.mul(x, in.c(dw))};
    };
    llvm::append_range(erase, padded->ops);
  }
  ResultDims dims;
  dims.batch = 0;
  dims.row = 1;
  dims.columns = {2, 3};
  GemmTiling tiling = alongM ? mTiling
                              : deriveGemmTiling(target, /*elementBytes=*/4,
                                                 p.staticM, p.staticN,
                                                 extraColumns);
  SmallVector<Value> reads;
  if (padded)
    reads.push_back(padded->source);
  Value result = fuseIntoGemm(b, op, dims, tiling.lanes, p, erase, reads);
  if (!p.c) {
    p.c = flattenBuffer(b, loc, output, oStrideValues, sizes);
    p.cBatchStride = oStrideValues[0];
    p.cRowStride = oStrideValues[1];
    result = output;
  }
  // Along M, C is only stored once: where the result is only copied into
  // the interior of a zero-padded buffer (the next convolution's input),
  // the kernel stores into that buffer instead.
  if (alongM && p.zeroInit && !p.accum)
    if (std::optional<PaddedInput> next =
            paddedCopyOf(result, op, erase, readsPadding)) {
      Value paddedBuffer = next->ops.back()->getResult(0);
      SmallVector<Value> pStrides, pSizes;
      p.c = flattenBuffer(b, loc, paddedBuffer, pStrides, pSizes);
      p.cBatchStride = pStrides[0];
      p.cRowStride = pStrides[1];
      auto type = cast<MemRefType>(paddedBuffer.getType());
      p.cRowLength = ow;
      p.cRowPitch = type.getDimSize(3);
      p.cOffset = next->top * p.cRowPitch + next->left;
    }
  emitGemm(b, loc, p, tiling);
  if (deinterleaved)
    memref::DeallocOp::create(b, loc, deinterleaved);
  return success();
}

struct LowerContractions
    : ds::impl::LowerContractionsBase<LowerContractions> {
  using Base::Base;

  void runOnOperation() override {
    TargetDescription target = targetOfOptions(
        vectorBits, vectorRegisters, l1CacheBytes, l2CacheBytes);

    ModuleOp module = getOperation();
    ConstantPacker packer(module);
    // Convolutions that read their input's padding implicitly: a producer
    // must not store into their padded buffer (which then goes).
    auto readsPadding = [&](Operation *consumer) {
      auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(consumer);
      return winograd && conv && winogradReadsPadding(conv, target);
    };
    SmallVector<linalg::LinalgOp> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isa<linalg::MatmulOp, linalg::BatchMatmulOp,
              linalg::Conv2DNchwFchwOp>(op) &&
          allSupported(op))
        candidates.push_back(op);
    });
    for (linalg::LinalgOp op : candidates) {
      OpBuilder b(op);
      LogicalResult lowered = failure();
      SmallVector<Operation *> erase;
      if (auto matmul = dyn_cast<linalg::MatmulOp>(*op)) {
        if (!matmul.hasUserDefinedMaps())
          lowered = lowerMatmul(b, op, /*batched=*/false, target, packer, erase);
      } else if (auto batched = dyn_cast<linalg::BatchMatmulOp>(*op)) {
        if (!batched.hasUserDefinedMaps())
          lowered = lowerMatmul(b, op, /*batched=*/true, target, packer, erase);
      } else if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(*op)) {
        if (winograd)
          lowered = lowerConvWinograd(b, conv, target, packer, erase);
        if (failed(lowered))
          lowered = lowerConv(b, conv, target, packer, erase, readsPadding);
      }
      if (failed(lowered))
        continue;
      op->erase();
      // The fused generic and fill, then C's deallocations and allocation.
      for (Operation *dead : erase)
        dead->erase();
    }
    // Buffers left only filled and freed (zeros that products copied from
    // before their fill was dropped).
    SmallVector<memref::AllocOp> allocs;
    getOperation()->walk([&](memref::AllocOp alloc) { allocs.push_back(alloc); });
    for (memref::AllocOp alloc : allocs) {
      bool dead = llvm::all_of(alloc->getUsers(), [&](Operation *user) {
        auto fill = dyn_cast<linalg::FillOp>(user);
        return (fill && fill.hasPureBufferSemantics() &&
                fill.getDpsInits()[0] == alloc.getResult()) ||
               isa<memref::DeallocOp>(user);
      });
      if (!dead)
        continue;
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        user->erase();
      alloc->erase();
    }
    packer.eraseUnused();
  }
};

} // namespace
