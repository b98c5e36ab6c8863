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
#include "passes/Codegen/GemmEpilogue.h"
#include "passes/Codegen/GemmKernel.h"
#include "passes/Codegen/KernelUtils.h"
#include "passes/Codegen/Passes.h"
#include "passes/Codegen/TargetDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SetVector.h"

#include <cstring>

namespace ds {
#define GEN_PASS_DEF_LOWERCONTRACTIONS
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;
using namespace ds;

namespace {

/// The static strides of `type`, if its layout has them all.
std::optional<SmallVector<int64_t>> staticStrides(Value buffer) {
  auto type = dyn_cast<MemRefType>(buffer.getType());
  if (!type)
    return std::nullopt;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)) ||
      llvm::any_of(strides, ShapedType::isDynamic))
    return std::nullopt;
  return strides;
}

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

/// The f32 elements of a constant global's initial value, or nullopt.
std::optional<SmallVector<float>> readGlobalFloats(memref::GlobalOp global) {
  auto type = global.getType();
  if (!global.getConstant() || !type.hasStaticShape() ||
      !type.getElementType().isF32())
    return std::nullopt;
  std::optional<Attribute> initial = global.getInitialValue();
  if (!initial)
    return std::nullopt;
  int64_t count = type.getNumElements();
  SmallVector<float> values;
  if (auto dense = dyn_cast<DenseElementsAttr>(*initial)) {
    values.reserve(count);
    llvm::append_range(values, dense.getValues<float>());
    if (static_cast<int64_t>(values.size()) != count)
      return std::nullopt;
    return values;
  }
  auto resource = dyn_cast<DenseResourceElementsAttr>(*initial);
  if (!resource)
    return std::nullopt;
  AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob || blob->getData().size() != size_t(count) * sizeof(float))
    return std::nullopt;
  values.resize(count);
  std::memcpy(values.data(), blob->getData().data(), count * sizeof(float));
  return values;
}

/// Packs the constant [K, N] matrices of globals into B panels at compile
/// time, once per global and panel width.
class ConstantPacker {
public:
  explicit ConstantPacker(ModuleOp module) : module(module), symbols(module) {}

  /// The packing of `global` (a row-major [K, N] f32 constant) into
  /// `panels` panels of `nr` columns over all K (zero past N), as a new
  /// constant global read at `b`; null if its value cannot be read.
  Value get(OpBuilder &b, Location loc, memref::GlobalOp global,
            int64_t panels, int64_t nr) {
    auto key = std::make_pair(global.getOperation(), nr);
    memref::GlobalOp packed = cache.lookup(key);
    if (!packed) {
      std::optional<SmallVector<float>> values = readGlobalFloats(global);
      if (!values)
        return nullptr;
      int64_t k = global.getType().getDimSize(0);
      int64_t n = global.getType().getDimSize(1);
      SmallVector<float> data(panels * k * nr, 0.0f);
      for (int64_t jp = 0; jp < panels; ++jp)
        for (int64_t q = 0; q < k; ++q)
          for (int64_t jj = 0; jj < nr && jp * nr + jj < n; ++jj)
            data[(jp * k + q) * nr + jj] = (*values)[q * n + jp * nr + jj];
      auto type = MemRefType::get({panels * k * nr}, b.getF32Type());
      auto tensorType = RankedTensorType::get({panels * k * nr}, b.getF32Type());
      std::string name = (global.getSymName() + "_packed").str();
      OpBuilder mb = OpBuilder::atBlockBegin(module.getBody());
      packed = memref::GlobalOp::create(
          mb, global.getLoc(), name, mb.getStringAttr("private"), type,
          DenseResourceElementsAttr::get(
              tensorType, name,
              HeapAsmResourceBlob::allocateAndCopyInferAlign(
                  ArrayRef<float>(data))),
          /*constant=*/true, mb.getI64IntegerAttr(64));
      symbols.insert(packed);
      cache[key] = packed;
      replaced.insert(global);
    }
    return memref::GetGlobalOp::create(b, loc, packed.getType(),
                                       packed.getSymName());
  }

  /// Erases the globals that were packed and are no longer read.
  void eraseUnused() {
    // The views made of them before their packing was chosen.
    SmallVector<Operation *> dead;
    module.walk([&](Operation *op) {
      if (isa<memref::GetGlobalOp, memref::ExtractStridedMetadataOp,
              memref::ReinterpretCastOp>(op))
        dead.push_back(op);
    });
    for (Operation *op : llvm::reverse(dead))
      if (op->use_empty())
        op->erase();
    for (memref::GlobalOp global : replaced)
      if (SymbolTable::symbolKnownUseEmpty(global, module))
        global->erase();
  }

private:
  ModuleOp module;
  SymbolTable symbols;
  llvm::DenseMap<std::pair<Operation *, int64_t>, memref::GlobalOp> cache;
  llvm::SetVector<memref::GlobalOp> replaced;
};

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
  if (auto get = bBuffer.getDefiningOp<memref::GetGlobalOp>(); get && !batched) {
    auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
        op, get.getNameAttr());
    if (global && global.getConstant() && global.getType().getLayout().isIdentity())
      p.packedConstantB = [&packer, global](OpBuilder &nb, Location nloc,
                                            int64_t panels,
                                            int64_t nr) -> Value {
        return packer.get(nb, nloc, global, panels, nr);
      };
  }
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

/// linalg.conv_2d_nchw_fchw on a padded input: filter [F, C, KH, KW] is A
/// (its [C, KH, KW] dims contiguous), the output [N, F, OH, OW] is C (its
/// [OH, OW] dims contiguous), and B is the input read through the window.
LogicalResult lowerConv(OpBuilder &b, linalg::Conv2DNchwFchwOp op,
                        const TargetDescription &target,
                        SmallVectorImpl<Operation *> &erase) {
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

  // Padding that stays within the window's extent is read implicitly (B's
  // column offsets then still grow along the output); the padded copy
  // goes.
  std::optional<PaddedInput> padded =
      matchPadding(input, op, [](const APFloat &v) { return v.isZero(); });
  if (padded && (padded->top + padded->bottom > (kh - 1) * dilations[0] ||
                 padded->left + padded->right > (kw - 1) * dilations[1]))
    padded.reset();
  // Strided windows keep the padded copy: packing B's columns at a step
  // of 2 or more with padding masks costs more than the copy (the copy of
  // ResNet's first input halves its 7x7 convolution's packing time).
  if (padded && strides[1] > 1)
    padded.reset();
  int64_t top = padded ? padded->top : 0, left = padded ? padded->left : 0;

  SmallVector<Value> iStrides, fStrideValues, oStrideValues, sizes;
  GemmProblem p;
  p.a = flattenBuffer(b, loc, filter, fStrideValues, sizes);
  p.m = sizes[0];
  Value channels = sizes[1];
  p.b = flattenBuffer(b, loc, padded ? padded->source : input, iStrides,
                      sizes);
  p.batch = sizes[0];
  if (padded) {
    p.inputH = sizes[2];
    p.inputW = sizes[3];
  }
  Value zero = indexConstant(b, loc, 0), one = indexConstant(b, loc, 1);
  // Static (ow is): a dynamic OH is the only size read from the output.
  p.n = b.createOrFold<arith::MulIOp>(loc, dim(b, loc, output, 2),
                                      indexConstant(b, loc, ow));
  p.k = b.createOrFold<arith::MulIOp>(loc, channels,
                                      indexConstant(b, loc, kh * kw));
  p.aBatchStride = zero;
  p.aRowStride = fStrideValues[0];
  p.aColStride = one;
  p.bBatchStride = iStrides[0];
  Value sC = iStrides[1], sH = iStrides[2], sW = iStrides[3];
  int64_t dh = dilations[0], dw = dilations[1];
  int64_t sh = strides[0], sw = strides[1];
  // Row q of B is the tap (c, y, x) of the window: offset c*sC + y*dh*sH +
  // x*dw*sW.
  p.bRowOffset = [=](OpBuilder &nb, Location nloc, Value q) -> Value {
    auto c = [&](int64_t v) { return indexConstant(nb, nloc, v); };
    auto mul = [&](Value x, Value y) {
      return nb.createOrFold<arith::MulIOp>(nloc, x, y);
    };
    Value channel = nb.createOrFold<arith::DivUIOp>(nloc, q, c(kh * kw));
    Value tap = nb.createOrFold<arith::RemUIOp>(nloc, q, c(kh * kw));
    Value y = nb.createOrFold<arith::DivUIOp>(nloc, tap, c(kw));
    Value x = nb.createOrFold<arith::RemUIOp>(nloc, tap, c(kw));
    Value offset = nb.createOrFold<arith::AddIOp>(
        nloc, mul(channel, sC), mul(mul(y, c(dh)), sH));
    return nb.createOrFold<arith::AddIOp>(nloc, offset,
                                          mul(mul(x, c(dw)), sW));
  };
  // Column j of B is the output position (oy, ox): the window's corner at
  // oy*sh*sH + ox*sw*sW.
  p.bColOffset = [=](OpBuilder &nb, Location nloc, Value j) -> Value {
    auto c = [&](int64_t v) { return indexConstant(nb, nloc, v); };
    auto mul = [&](Value x, Value y) {
      return nb.createOrFold<arith::MulIOp>(nloc, x, y);
    };
    Value oy = nb.createOrFold<arith::DivUIOp>(nloc, j, c(ow));
    Value ox = nb.createOrFold<arith::RemUIOp>(nloc, j, c(ow));
    Value y = nb.createOrFold<arith::SubIOp>(nloc, mul(oy, c(sh)), c(top));
    Value x = nb.createOrFold<arith::SubIOp>(nloc, mul(ox, c(sw)), c(left));
    return nb.createOrFold<arith::AddIOp>(nloc, mul(y, sH), mul(x, sW));
  };
  if (padded) {
    // The window corner of column j and the tap of row q, in (y, x).
    p.bColCorner = [=](OpBuilder &nb, Location nloc,
                       Value j) -> std::pair<Value, Value> {
      auto c = [&](int64_t v) { return indexConstant(nb, nloc, v); };
      Value oy = nb.createOrFold<arith::DivUIOp>(nloc, j, c(ow));
      Value ox = nb.createOrFold<arith::RemUIOp>(nloc, j, c(ow));
      return {nb.createOrFold<arith::SubIOp>(
                  nloc, nb.createOrFold<arith::MulIOp>(nloc, oy, c(sh)),
                  c(top)),
              nb.createOrFold<arith::SubIOp>(
                  nloc, nb.createOrFold<arith::MulIOp>(nloc, ox, c(sw)),
                  c(left))};
    };
    p.bRowTap = [=](OpBuilder &nb, Location nloc,
                    Value q) -> std::pair<Value, Value> {
      auto c = [&](int64_t v) { return indexConstant(nb, nloc, v); };
      Value tap = nb.createOrFold<arith::RemUIOp>(nloc, q, c(kh * kw));
      Value y = nb.createOrFold<arith::DivUIOp>(nloc, tap, c(kw));
      Value x = nb.createOrFold<arith::RemUIOp>(nloc, tap, c(kw));
      return {nb.createOrFold<arith::MulIOp>(nloc, y, c(dh)),
              nb.createOrFold<arith::MulIOp>(nloc, x, c(dw))};
    };
    llvm::append_range(erase, padded->ops);
  }
  // Stride 2 along the rows of a window wider than 1: the input's rows
  // are split into their even and odd columns first (a deinterleaved copy,
  // one pass over the input), so that B's columns along an output row are
  // consecutive in it and the packing copies them as vectors instead of
  // two loads and a shuffle each (SqueezeNet's first convolution: 5% of
  // the run less). A 1x1 window reads the even columns only and keeps the
  // strided packing.
  Value deinterleaved;
  auto inputType = cast<MemRefType>(input.getType());
  if (!padded && sw == 2 && dw == 1 && kw > 1 &&
      inputType.hasStaticShape() && inputType.getRank() == 4) {
    int64_t n = inputType.getDimSize(0), c = inputType.getDimSize(1);
    int64_t h = inputType.getDimSize(2), w = inputType.getDimSize(3);
    int64_t half = (w + 1) / 2;
    deinterleaved = memref::AllocOp::create(
        b, loc, MemRefType::get({n, c, h, 2 * half}, b.getF32Type()));
    Value c0 = indexConstant(b, loc, 0), c1 = indexConstant(b, loc, 1);
    scf::ParallelOp::create(
        b, loc, ValueRange{c0, c0, c0},
        ValueRange{indexConstant(b, loc, n), indexConstant(b, loc, c),
                   indexConstant(b, loc, h)},
        ValueRange{c1, c1, c1},
        [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
          auto copyHalf = [&](int64_t parity, int64_t count) {
            scf::ForOp::create(
                nb, nloc, indexConstant(nb, nloc, 0),
                indexConstant(nb, nloc, count), indexConstant(nb, nloc, 1),
                ValueRange{},
                [&](OpBuilder &lb, Location lloc, Value x, ValueRange) {
                  Value from = arith::AddIOp::create(
                      lb, lloc,
                      arith::MulIOp::create(lb, lloc, x,
                                            indexConstant(lb, lloc, 2)),
                      indexConstant(lb, lloc, parity));
                  Value to = arith::AddIOp::create(
                      lb, lloc, x, indexConstant(lb, lloc, parity * half));
                  Value v = memref::LoadOp::create(
                      lb, lloc, input,
                      ValueRange{ivs[0], ivs[1], ivs[2], from});
                  memref::StoreOp::create(
                      lb, lloc, v, deinterleaved,
                      ValueRange{ivs[0], ivs[1], ivs[2], to});
                  scf::YieldOp::create(lb, lloc);
                });
          };
          copyHalf(0, half);
          copyHalf(1, w / 2);
        });
    SmallVector<Value> dStrides;
    p.b = flattenBuffer(b, loc, deinterleaved, dStrides, sizes);
    p.bBatchStride = dStrides[0];
    Value dC = dStrides[1], dH = dStrides[2];
    p.bRowOffset = [=](OpBuilder &nb, Location nloc, Value q) -> Value {
      auto c = [&](int64_t v) { return indexConstant(nb, nloc, v); };
      auto mul = [&](Value x, Value y) {
        return nb.createOrFold<arith::MulIOp>(nloc, x, y);
      };
      auto add = [&](Value x, Value y) {
        return nb.createOrFold<arith::AddIOp>(nloc, x, y);
      };
      Value channel = nb.createOrFold<arith::DivUIOp>(nloc, q, c(kh * kw));
      Value tap = nb.createOrFold<arith::RemUIOp>(nloc, q, c(kh * kw));
      Value y = nb.createOrFold<arith::DivUIOp>(nloc, tap, c(kw));
      Value x = nb.createOrFold<arith::RemUIOp>(nloc, tap, c(kw));
      // Tap x of the window: column x / 2 of the half of its parity.
      Value column = add(mul(nb.createOrFold<arith::RemUIOp>(nloc, x, c(2)),
                             c(half)),
                         nb.createOrFold<arith::DivUIOp>(nloc, x, c(2)));
      return add(add(mul(channel, dC), mul(mul(y, c(dh)), dH)), column);
    };
    p.bColOffset = [=](OpBuilder &nb, Location nloc, Value j) -> Value {
      auto c = [&](int64_t v) { return indexConstant(nb, nloc, v); };
      auto mul = [&](Value x, Value y) {
        return nb.createOrFold<arith::MulIOp>(nloc, x, y);
      };
      Value oy = nb.createOrFold<arith::DivUIOp>(nloc, j, c(ow));
      Value ox = nb.createOrFold<arith::RemUIOp>(nloc, j, c(ow));
      return nb.createOrFold<arith::AddIOp>(nloc, mul(mul(oy, c(sh)), dH),
                                            ox);
    };
  }
  p.staticBatch = staticDim(output, 0);
  p.staticM = staticDim(output, 1);
  int64_t oh = staticDim(output, 2);
  p.staticN = oh < 0 ? -1 : oh * ow;
  ResultDims dims;
  dims.batch = 0;
  dims.row = 1;
  dims.columns = {2, 3};
  GemmTiling tiling =
      deriveGemmTiling(target, /*elementBytes=*/4, p.staticM, p.staticN);
  SmallVector<Value> reads;
  if (padded)
    reads.push_back(padded->source);
  fuseIntoGemm(b, op, dims, tiling.lanes, p, erase, reads);
  if (!p.c) {
    p.c = flattenBuffer(b, loc, output, oStrideValues, sizes);
    p.cBatchStride = oStrideValues[0];
    p.cRowStride = oStrideValues[1];
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
        lowered = lowerConv(b, conv, target, erase);
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
