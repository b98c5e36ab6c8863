//===- ConstantPacker.cpp - Weights laid out at compile time -------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/ConstantPacker.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <cstring>

using namespace mlir;
using namespace ds;

memref::GlobalOp ds::constantGlobalOf(Value buffer, Operation *from) {
  auto get = buffer.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return nullptr;
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      from, get.getNameAttr());
  if (!global || !global.getConstant() ||
      !global.getType().getLayout().isIdentity())
    return nullptr;
  return global;
}

std::optional<SmallVector<float>>
ds::readGlobalFloats(memref::GlobalOp global) {
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

Value ConstantPacker::get(OpBuilder &b, Location loc, memref::GlobalOp global,
                          int64_t panels, int64_t nr) {
  return derive(
      b, loc, global, "columns" + std::to_string(nr), "_packed",
      [&](ArrayRef<float> values) -> std::optional<SmallVector<float>> {
        int64_t k = global.getType().getDimSize(0);
        int64_t n = global.getType().getDimSize(1);
        SmallVector<float> data(panels * k * nr, 0.0f);
        for (int64_t jp = 0; jp < panels; ++jp)
          for (int64_t q = 0; q < k; ++q)
            for (int64_t jj = 0; jj < nr && jp * nr + jj < n; ++jj)
              data[(jp * k + q) * nr + jj] = values[q * n + jp * nr + jj];
        return data;
      });
}

Value ConstantPacker::getRows(OpBuilder &b, Location loc,
                              memref::GlobalOp global, int64_t m, int64_t mr) {
  return derive(
      b, loc, global, "rows" + std::to_string(mr), "_rows",
      [&](ArrayRef<float> values) -> std::optional<SmallVector<float>> {
        if (m <= 0 || int64_t(values.size()) % m != 0)
          return std::nullopt;
        int64_t k = int64_t(values.size()) / m;
        int64_t panels = (m + mr - 1) / mr;
        SmallVector<float> data(panels * k * mr, 0.0f);
        for (int64_t i = 0; i < m; ++i)
          for (int64_t q = 0; q < k; ++q)
            data[((i / mr) * k + q) * mr + i % mr] = values[i * k + q];
        return data;
      });
}

Value ConstantPacker::derive(OpBuilder &b, Location loc,
                             memref::GlobalOp global, const std::string &key,
                             StringRef suffix, Layout layout) {
  auto cached = cache.find({global.getOperation(), key});
  memref::GlobalOp packed = cached == cache.end() ? nullptr : cached->second;
  if (!packed) {
    std::optional<SmallVector<float>> values = readGlobalFloats(global);
    if (!values)
      return nullptr;
    std::optional<SmallVector<float>> data = layout(*values);
    if (!data)
      return nullptr;
    packed = makeGlobal(global, (global.getSymName() + suffix).str(), *data,
                        b.getF32Type());
    cache[{global.getOperation(), key}] = packed;
    replaced.insert(global);
  }
  return memref::GetGlobalOp::create(b, loc, packed.getType(),
                                     packed.getSymName());
}

void ConstantPacker::eraseUnused() {
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

memref::GlobalOp ConstantPacker::makeGlobal(memref::GlobalOp like,
                                            const std::string &name,
                                            ArrayRef<float> data, Type f32) {
  int64_t size = data.size();
  auto type = MemRefType::get({size}, f32);
  auto tensorType = RankedTensorType::get({size}, f32);
  OpBuilder mb = OpBuilder::atBlockBegin(module.getBody());
  auto packed = memref::GlobalOp::create(
      mb, like.getLoc(), name, mb.getStringAttr("private"), type,
      DenseResourceElementsAttr::get(
          tensorType, name,
          HeapAsmResourceBlob::allocateAndCopyInferAlign(data)),
      /*constant=*/true, mb.getI64IntegerAttr(64));
  symbols.insert(packed);
  return packed;
}
