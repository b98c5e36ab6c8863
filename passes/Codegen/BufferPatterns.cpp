//===- BufferPatterns.cpp - Bufferized patterns the kernels take over -----===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/BufferPatterns.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace ds;

bool ds::touchesBuffer(Operation *op, Value buffer) {
  SmallVector<Value> aliases = {buffer};
  for (size_t i = 0; i < aliases.size(); ++i) {
    for (Operation *user : aliases[i].getUsers()) {
      if (op->isAncestor(user))
        return true;
      if (isa<ViewLikeOpInterface, memref::CastOp,
              memref::ExtractStridedMetadataOp>(user))
        llvm::append_range(aliases, user->getResults());
    }
  }
  return false;
}

std::optional<APFloat> ds::constantFill(Operation *op, Value buffer) {
  Value value;
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(op)) {
    if (!fill.hasPureBufferSemantics() || fill.getDpsInits()[0] != buffer)
      return std::nullopt;
    value = fill.getDpsInputs()[0];
  } else if (auto map = dyn_cast_or_null<linalg::MapOp>(op)) {
    if (!map.hasPureBufferSemantics() || map.getDpsInits()[0] != buffer ||
        !map.getInputs().empty())
      return std::nullopt;
    value = cast<linalg::YieldOp>(map.getMapper().front().getTerminator())
                .getOperand(0);
  } else {
    return std::nullopt;
  }
  FloatAttr constant;
  if (!matchPattern(value, m_Constant(&constant)))
    return std::nullopt;
  return constant.getValue();
}

bool ds::isZeroFill(Operation *op, Value buffer) {
  std::optional<APFloat> value = constantFill(op, buffer);
  return value && value->isZero();
}

std::optional<PaddedInput>
ds::matchPadding(Value input, Operation *consumer,
                 function_ref<bool(const APFloat &)> isPad) {
  auto alloc = input.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != consumer->getBlock())
    return std::nullopt;
  PaddedInput padded;
  Operation *fill = nullptr;
  memref::SubViewOp subview;
  SmallVector<Operation *> deallocs;
  for (Operation *user : input.getUsers()) {
    if (user == consumer)
      continue;
    if (isa<memref::DeallocOp>(user)) {
      deallocs.push_back(user);
    } else if (std::optional<APFloat> value = constantFill(user, input);
               value && !fill && isPad(*value)) {
      fill = user;
    } else if (auto view = dyn_cast<memref::SubViewOp>(user);
               view && !subview) {
      subview = view;
    } else {
      return std::nullopt;
    }
  }
  if (!fill || !subview || !subview->hasOneUse() ||
      !subview.hasUnitStride())
    return std::nullopt;
  auto copy = dyn_cast<linalg::CopyOp>(*subview->user_begin());
  if (!copy || copy.getDpsInits()[0] != subview.getResult() ||
      copy->getBlock() != consumer->getBlock() ||
      !fill->isBeforeInBlock(copy) || !copy->isBeforeInBlock(consumer))
    return std::nullopt;
  ArrayRef<int64_t> offsets = subview.getStaticOffsets();
  auto sourceType = dyn_cast<MemRefType>(copy.getDpsInputs()[0].getType());
  auto paddedType = cast<MemRefType>(input.getType());
  if (!sourceType || offsets.size() != 4 || offsets[0] != 0 ||
      offsets[1] != 0 || ShapedType::isDynamic(offsets[2]) ||
      ShapedType::isDynamic(offsets[3]) || !sourceType.hasStaticShape() ||
      !paddedType.hasStaticShape() || !sourceType.getElementType().isF32() ||
      sourceType.getRank() != 4 ||
      // Padding of the rows and columns only: a consumer reads the images
      // and channels of the source as those of the padded buffer.
      sourceType.getDimSize(0) != paddedType.getDimSize(0) ||
      sourceType.getDimSize(1) != paddedType.getDimSize(1))
    return std::nullopt;
  padded.source = copy.getDpsInputs()[0];
  // Nothing may write the source between the copy and the consumer.
  for (Operation *op = copy->getNextNode(); op != consumer;
       op = op->getNextNode())
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
        !linalgOp || llvm::is_contained(linalgOp.getDpsInits(), padded.source))
      if (llvm::is_contained(op->getOperands(), padded.source))
        return std::nullopt;
  padded.top = offsets[2];
  padded.left = offsets[3];
  padded.bottom =
      paddedType.getDimSize(2) - sourceType.getDimSize(2) - padded.top;
  padded.right =
      paddedType.getDimSize(3) - sourceType.getDimSize(3) - padded.left;
  padded.ops = {copy, subview, fill};
  llvm::append_range(padded.ops, deallocs);
  padded.ops.push_back(alloc);
  return padded;
}
