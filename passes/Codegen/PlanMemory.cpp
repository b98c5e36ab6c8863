//===- PlanMemory.cpp - ds-plan-memory ------------------------------------===//
//
// Part of ds.
//
// A static memory plan: the buffers of static size that a function
// allocates at its top level and that do not outlive it share one
// workspace, at byte offsets chosen so that buffers live at the same time
// never overlap.
//
// Liveness is measured in the positions of the function's top-level ops:
// a buffer lives from its `memref.alloc` to the last top-level op that
// reads or writes it or one of its aliases (a use inside a nested region
// counts at the top-level op that holds it). Its `memref.dealloc`s, which
// the deallocation pipeline puts at the end of the block, are erased and
// do not count. Offsets are assigned greedily: each buffer at the lowest
// 64-byte aligned offset where it fits beside the buffers already placed
// whose lifetimes overlap its own, in the best of a few orders.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/ModelABI.h"
#include "passes/Codegen/ModelSignature.h"
#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <algorithm>

namespace ds {
#define GEN_PASS_DEF_PLANMEMORY
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

/// The alignment of every buffer in the workspace, and of the workspace.
constexpr int64_t kAlignment = 64;

int64_t alignUp(int64_t value) {
  return (value + kAlignment - 1) / kAlignment * kAlignment;
}

/// A buffer the plan places.
struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0; // rounded up to kAlignment
  int64_t start = 0; // top-level position of the alloc
  int64_t end = 0;   // top-level position of the last use
  int64_t offset = -1;
  SmallVector<memref::DeallocOp> deallocs;

  bool livesWith(const Buffer &other) const {
    return start <= other.end && other.start <= end;
  }
};

/// Whether `op` makes its memref results aliases of its operand `use`.
bool isAliasingUse(Operation *op, OpOperand &use) {
  if (isa<memref::CastOp, memref::ExtractStridedMetadataOp,
          memref::TransposeOp>(op))
    return true;
  if (auto view = dyn_cast<ViewLikeOpInterface>(op))
    return view.getViewSource() == use.get();
  return false;
}

/// The size in bytes of `alloc`'s buffer, or nothing when the plan cannot
/// place it: a dynamic shape, a layout or memory space that a
/// `memref.view` of the workspace cannot produce, an alignment the
/// workspace does not give.
std::optional<int64_t> plannableBytes(memref::AllocOp alloc,
                                      const DataLayout &layout) {
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      type.getMemorySpace() || !alloc.getSymbolOperands().empty())
    return std::nullopt;
  if (alloc.getAlignment() && *alloc.getAlignment() > kAlignment)
    return std::nullopt;
  Type element = type.getElementType();
  if (auto vector = dyn_cast<VectorType>(element)) {
    if (vector.isScalable())
      return std::nullopt;
    element = vector.getElementType();
  }
  if (!isa<IntegerType, FloatType, IndexType>(element))
    return std::nullopt;
  int64_t elementBytes = layout.getTypeSize(type.getElementType());
  return alignUp(std::max<int64_t>(type.getNumElements() * elementBytes, 1));
}

/// Follows `buffer.alloc`'s aliases to its uses: fills in `end` (the last
/// top-level op that reads or writes it) and the deallocs, and returns false
/// when the buffer escapes (returned, yielded, passed to a call, stored,
/// freed by another op, or taken by an op the plan does not know).
bool analyzeUses(Buffer &buffer, Block &block,
                 const DenseMap<Operation *, int64_t> &positions) {
  SmallVector<Value> worklist = {buffer.alloc.getResult()};
  buffer.end = buffer.start;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      Operation *top = block.findAncestorOpInBlock(*user);
      if (!top)
        return false;
      auto extend = [&] {
        buffer.end = std::max(buffer.end, positions.lookup(top));
      };
      // The deallocation pipeline frees buffers at the end of their block,
      // after their last use; the plan replaces the frees, so they do not
      // extend a lifetime.
      if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
        buffer.deallocs.push_back(dealloc);
        continue;
      }
      // The address as an integer: fine where it is only compared (the
      // ownership checks of lowered deallocs) or stored for such checks;
      // anything else could reach the data through it.
      if (auto pointer = dyn_cast<memref::ExtractAlignedPointerAsIndexOp>(user)) {
        if (!llvm::all_of(pointer->getUsers(), [](Operation *op) {
              return isa<arith::CmpIOp, memref::StoreOp>(op);
            }))
          return false;
        extend();
        continue;
      }
      if (isAliasingUse(user, use)) {
        // An alias is live where it is used; the metadata of one (offset,
        // sizes, strides) counts as a use of the buffer.
        for (Value result : user->getResults()) {
          if (isa<BaseMemRefType>(result.getType()))
            worklist.push_back(result);
          else if (!result.use_empty())
            extend();
        }
        continue;
      }
      extend();
      // Anything that hands the buffer on: returns, yields, branches,
      // calls, and ops that produce memrefs the plan cannot follow.
      if (user->hasTrait<OpTrait::IsTerminator>() ||
          isa<CallOpInterface>(user) ||
          llvm::any_of(user->getResultTypes(), [](Type type) {
            return !isa<IntegerType, IndexType, FloatType, VectorType>(type);
          }))
        return false;
      if (auto store = dyn_cast<memref::StoreOp>(user);
          store && store.getValueToStore() == use.get())
        return false;
      // Ops that free it, or may (bufferization.dealloc, before its
      // lowering; ops of unknown effects), would free the workspace.
      if (mightHaveEffect<MemoryEffects::Free>(user))
        return false;
      // An op that reads or writes the buffer (linalg, loads, stores,
      // copies, memref.dim).
    }
  }
  return true;
}

/// Places the buffers in the order given, each at the lowest offset where
/// it overlaps no placed buffer that lives at the same time; returns the
/// workspace size.
int64_t placeFirstFit(ArrayRef<Buffer *> order) {
  SmallVector<Buffer *> placed;
  int64_t size = 0;
  for (Buffer *buffer : order) {
    SmallVector<std::pair<int64_t, int64_t>> taken;
    for (Buffer *other : placed)
      if (other->livesWith(*buffer))
        taken.push_back({other->offset, other->offset + other->bytes});
    llvm::sort(taken);
    int64_t offset = 0;
    for (auto [begin, end] : taken) {
      if (offset + buffer->bytes <= begin)
        break;
      offset = std::max(offset, end);
    }
    buffer->offset = offset;
    size = std::max(size, offset + buffer->bytes);
    placed.push_back(buffer);
  }
  return size;
}

/// Places the buffers; returns the workspace size. First fit in a few
/// orders (largest first, longest-lived first, program order), keeping the
/// smallest workspace: none of them is best for every program.
int64_t assignOffsets(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> bySize, byLife, byStart;
  for (Buffer &buffer : buffers)
    byStart.push_back(&buffer);
  bySize = byLife = byStart;
  llvm::stable_sort(bySize, [](const Buffer *a, const Buffer *b) {
    return a->bytes > b->bytes;
  });
  llvm::stable_sort(byLife, [](const Buffer *a, const Buffer *b) {
    int64_t lifeA = a->end - a->start, lifeB = b->end - b->start;
    if (lifeA != lifeB)
      return lifeA > lifeB;
    return a->bytes > b->bytes;
  });
  int64_t best = -1;
  SmallVector<int64_t> offsets;
  for (ArrayRef<Buffer *> order :
       {ArrayRef(bySize), ArrayRef(byLife), ArrayRef(byStart)}) {
    int64_t size = placeFirstFit(order);
    if (best >= 0 && size >= best)
      continue;
    best = size;
    offsets.clear();
    for (Buffer &buffer : buffers)
      offsets.push_back(buffer.offset);
  }
  for (auto [buffer, offset] : llvm::zip(buffers, offsets))
    buffer.offset = offset;
  return best;
}

/// The most bytes that are live at once: no plan can do with less.
int64_t peakLiveBytes(ArrayRef<Buffer> buffers) {
  SmallVector<std::pair<int64_t, int64_t>> events; // (position, +/- bytes)
  for (const Buffer &buffer : buffers) {
    events.push_back({buffer.start, buffer.bytes});
    events.push_back({buffer.end + 1, -buffer.bytes});
  }
  llvm::sort(events);
  int64_t live = 0, peak = 0;
  for (auto [position, delta] : events) {
    live += delta;
    peak = std::max(peak, live);
  }
  return peak;
}

/// The buffers of `func` that the plan places, with their liveness.
SmallVector<Buffer> collectBuffers(func::FuncOp func) {
  SmallVector<Buffer> buffers;
  if (func.isExternal() || !func.getBody().hasOneBlock())
    return buffers;
  Block &block = func.getBody().front();
  DataLayout layout = DataLayout::closest(func);
  DenseMap<Operation *, int64_t> positions;
  int64_t position = 0;
  for (Operation &op : block)
    positions[&op] = position++;
  for (auto alloc : block.getOps<memref::AllocOp>()) {
    std::optional<int64_t> bytes = plannableBytes(alloc, layout);
    if (!bytes)
      continue;
    Buffer buffer;
    buffer.alloc = alloc;
    buffer.bytes = *bytes;
    buffer.start = positions.lookup(alloc);
    if (analyzeUses(buffer, block, positions))
      buffers.push_back(std::move(buffer));
  }
  return buffers;
}

/// Replaces every buffer by a view of `workspace` at its offset.
void rewriteBuffers(MutableArrayRef<Buffer> buffers, Value workspace) {
  for (Buffer &buffer : buffers) {
    OpBuilder b(buffer.alloc);
    Location loc = buffer.alloc.getLoc();
    Value shift = arith::ConstantIndexOp::create(b, loc, buffer.offset);
    Value view = memref::ViewOp::create(b, loc, buffer.alloc.getType(),
                                        workspace, shift, ValueRange());
    for (memref::DeallocOp dealloc : buffer.deallocs)
      dealloc.erase();
    buffer.alloc.replaceAllUsesWith(view);
    buffer.alloc.erase();
  }
}

struct PlanMemory : ds::impl::PlanMemoryBase<PlanMemory> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    // The model's entry takes its workspace from the caller (the model
    // ABI's run); other functions allocate theirs once per call.
    StringRef entry;
    if (module->hasAttr(ds::kModelAttrName)) {
      FailureOr<ds::ModelSignature> signature = ds::readModelSignature(module);
      if (failed(signature))
        return signalPassFailure();
      entryName = signature->entry;
      entry = entryName;
    }
    auto i64 = IntegerType::get(ctx, 64);
    for (auto func : module.getOps<func::FuncOp>()) {
      SmallVector<Buffer> buffers = collectBuffers(func);
      if (buffers.empty())
        continue;
      int64_t size = assignOffsets(buffers);
      if (remarks) {
        int64_t total = 0;
        for (const Buffer &buffer : buffers)
          total += buffer.bytes;
        func.emitRemark() << "planned " << buffers.size() << " buffers of "
                          << total << " bytes in a workspace of " << size
                          << " bytes (at most " << peakLiveBytes(buffers)
                          << " bytes live at once)";
      }
      func->setAttr(ds::kWorkspaceBytesAttr, IntegerAttr::get(i64, size));

      Block &block = func.getBody().front();
      auto workspaceType =
          MemRefType::get({ShapedType::kDynamic}, IntegerType::get(ctx, 8));
      bool fromCaller = func.getSymName() == entry &&
                        SymbolTable::symbolKnownUseEmpty(func, module);
      Value workspace;
      if (fromCaller) {
        unsigned index = func.getNumArguments();
        if (failed(func.insertArgument(index, workspaceType, DictionaryAttr(),
                                       func.getLoc())))
          return signalPassFailure();
        workspace = func.getArgument(index);
        module->setAttr(ds::kWorkspaceBytesAttr, IntegerAttr::get(i64, size));
      } else {
        OpBuilder b = OpBuilder::atBlockBegin(&block);
        Value bytes = arith::ConstantIndexOp::create(b, func.getLoc(), size);
        workspace = memref::AllocOp::create(b, func.getLoc(), workspaceType,
                                            ValueRange{bytes},
                                            b.getI64IntegerAttr(kAlignment));
        b.setInsertionPoint(block.getTerminator());
        memref::DeallocOp::create(b, func.getLoc(), workspace);
      }
      rewriteBuffers(buffers, workspace);
    }
  }

  std::string entryName;
};

} // namespace
