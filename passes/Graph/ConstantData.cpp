//===- ConstantData.cpp - Reading and writing ds constants ----------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Graph/ConstantData.h"

#include "dialects/ds/DSOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <cstring>

using namespace mlir;

bool ds::isFoldableElement(Type type) { return type.isF32() || type.isF64(); }

/// The elements of a constant f32 or f64 tensor, in double and row-major
/// order (a splat expanded); nullopt if `value` is not such a constant.
std::optional<SmallVector<double>> ds::readConstant(Value value) {
  auto constant = value.getDefiningOp<ds::ConstantOp>();
  if (!constant)
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape() ||
      !isFoldableElement(type.getElementType()))
    return std::nullopt;
  bool isF32 = type.getElementType().isF32();
  int64_t count = type.getNumElements();
  SmallVector<double> values;
  values.reserve(count);
  Attribute attr = constant.getValue();
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    if (isF32)
      llvm::append_range(values, dense.getValues<float>());
    else
      llvm::append_range(values, dense.getValues<double>());
    return values;
  }
  auto resource = dyn_cast<DenseResourceElementsAttr>(attr);
  if (!resource)
    return std::nullopt;
  AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return std::nullopt;
  ArrayRef<char> data = blob->getData();
  size_t width = isF32 ? sizeof(float) : sizeof(double);
  if (data.size() != static_cast<size_t>(count) * width)
    return std::nullopt;
  for (int64_t i = 0; i < count; ++i) {
    if (isF32) {
      float element;
      std::memcpy(&element, data.data() + i * width, width);
      values.push_back(element);
    } else {
      double element;
      std::memcpy(&element, data.data() + i * width, width);
      values.push_back(element);
    }
  }
  return values;
}

/// A ds.constant of `type` holding `values` rounded to its element type:
/// a dense literal when small, else a new resource blob named after
/// `nameHint`.
Value ds::makeConstant(OpBuilder &rewriter, Location loc,
                       RankedTensorType type, ArrayRef<double> values,
                       StringRef nameHint) {
  ElementsAttr attr;
  if (type.getElementType().isF32()) {
    SmallVector<float> rounded(values.begin(), values.end());
    if (type.getNumElements() <= kMaxDenseElements)
      attr = DenseElementsAttr::get(type, ArrayRef<float>(rounded));
    else
      attr = DenseResourceElementsAttr::get(
          type, nameHint,
          HeapAsmResourceBlob::allocateAndCopyInferAlign(
              ArrayRef<float>(rounded)));
  } else {
    if (type.getNumElements() <= kMaxDenseElements)
      attr = DenseElementsAttr::get(type, values);
    else
      attr = DenseResourceElementsAttr::get(
          type, nameHint, HeapAsmResourceBlob::allocateAndCopyInferAlign(values));
  }
  return ds::ConstantOp::create(rewriter, loc, type, attr);
}

/// A name for the folded form of the constant `value`.
std::string ds::foldedName(Value value, StringRef fallback) {
  if (auto constant = value.getDefiningOp<ds::ConstantOp>())
    if (auto resource =
            dyn_cast<DenseResourceElementsAttr>(constant.getValue()))
      return (resource.getRawHandle().getKey() + "_folded").str();
  return (fallback + "_folded").str();
}

