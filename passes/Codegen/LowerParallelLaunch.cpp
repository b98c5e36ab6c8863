//===- LowerParallelLaunch.cpp - ds-lower-parallel-launch -----------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/ModelABI.h"
#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace ds {
#define GEN_PASS_DEF_LOWERPARALLELLAUNCH
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kDispatch = "__ds_parallel_dispatch";

/// `__ds_parallel_dispatch(task, ctx, count)`: the runtime's parallel_for
/// if it installed one, else the task over the whole range.
LLVM::LLVMFuncOp getOrCreateDispatch(ModuleOp module) {
  if (auto dispatch = module.lookupSymbol<LLVM::LLVMFuncOp>(kDispatch))
    return dispatch;
  MLIRContext *ctx = module.getContext();
  ImplicitLocOpBuilder b(module.getLoc(), ctx);
  b.setInsertionPointToEnd(module.getBody());
  auto ptrTy = LLVM::LLVMPointerType::get(ctx);
  auto i64Ty = IntegerType::get(ctx, 64);
  auto voidTy = LLVM::LLVMVoidType::get(ctx);
  auto taskTy = LLVM::LLVMFunctionType::get(voidTy, {ptrTy, i64Ty, i64Ty});
  auto parallelForTy =
      LLVM::LLVMFunctionType::get(voidTy, {ptrTy, ptrTy, i64Ty});
  auto dispatch = LLVM::LLVMFuncOp::create(b, kDispatch, parallelForTy,
                                           LLVM::Linkage::Internal);
  Block *entry = dispatch.addEntryBlock(b);
  Block *inlineBlock = &dispatch.getBody().emplaceBlock();
  Block *poolBlock = &dispatch.getBody().emplaceBlock();
  Value task = entry->getArgument(0), context = entry->getArgument(1);
  Value count = entry->getArgument(2);

  b.setInsertionPointToStart(entry);
  LLVM::GlobalOp slot = ds::getOrCreateParallelForSlot(module);
  Value parallelFor =
      LLVM::LoadOp::create(b, ptrTy, LLVM::AddressOfOp::create(b, slot));
  Value isNull = LLVM::ICmpOp::create(b, LLVM::ICmpPredicate::eq, parallelFor,
                                      LLVM::ZeroOp::create(b, ptrTy));
  LLVM::CondBrOp::create(b, isNull, inlineBlock, poolBlock);

  b.setInsertionPointToStart(inlineBlock);
  Value zero = LLVM::ConstantOp::create(b, i64Ty, b.getI64IntegerAttr(0));
  LLVM::CallOp::create(b, taskTy, ValueRange{task, context, zero, count});
  LLVM::ReturnOp::create(b, ValueRange());

  b.setInsertionPointToStart(poolBlock);
  LLVM::CallOp::create(b, parallelForTy,
                       ValueRange{parallelFor, task, context, count});
  LLVM::ReturnOp::create(b, ValueRange());
  return dispatch;
}

/// `<body>_task(ctx, begin, end)`: loads the captured values from the
/// record at ctx and runs the body over [begin, end).
LLVM::LLVMFuncOp createTask(ModuleOp module, LLVM::LLVMFuncOp body,
                            LLVM::LLVMStructType recordTy) {
  MLIRContext *ctx = module.getContext();
  ImplicitLocOpBuilder b(body.getLoc(), ctx);
  b.setInsertionPointAfter(body);
  auto ptrTy = LLVM::LLVMPointerType::get(ctx);
  auto i64Ty = IntegerType::get(ctx, 64);
  auto voidTy = LLVM::LLVMVoidType::get(ctx);
  auto task = LLVM::LLVMFuncOp::create(
      b, (body.getName() + "_task").str(),
      LLVM::LLVMFunctionType::get(voidTy, {ptrTy, i64Ty, i64Ty}),
      LLVM::Linkage::Internal);
  Block *entry = task.addEntryBlock(b);
  b.setInsertionPointToStart(entry);
  Type indexTy = body.getFunctionType().getParamType(0);
  SmallVector<Value> args;
  for (unsigned i : {1u, 2u}) {
    Value bound = entry->getArgument(i);
    if (indexTy != i64Ty)
      bound = LLVM::TruncOp::create(b, indexTy, bound);
    args.push_back(bound);
  }
  for (auto [i, type] : llvm::enumerate(recordTy.getBody())) {
    Value field = LLVM::GEPOp::create(
        b, ptrTy, recordTy, entry->getArgument(0),
        ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
    args.push_back(LLVM::LoadOp::create(b, type, field));
  }
  LLVM::CallOp::create(b, body, args);
  LLVM::ReturnOp::create(b, ValueRange());
  return task;
}

struct LowerParallelLaunch
    : ds::impl::LowerParallelLaunchBase<LowerParallelLaunch> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<LLVM::LLVMFuncOp> launches;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (func->hasAttr(ds::kParallelBodyAttr))
        launches.push_back(func);
    if (launches.empty())
      return;

    MLIRContext *ctx = &getContext();
    auto ptrTy = LLVM::LLVMPointerType::get(ctx);
    auto i64Ty = IntegerType::get(ctx, 64);
    LLVM::LLVMFuncOp dispatch = getOrCreateDispatch(module);
    for (LLVM::LLVMFuncOp launch : launches) {
      auto bodyRef =
          launch->getAttrOfType<FlatSymbolRefAttr>(ds::kParallelBodyAttr);
      auto body = bodyRef ? module.lookupSymbol<LLVM::LLVMFuncOp>(bodyRef)
                          : LLVM::LLVMFuncOp();
      if (!body || body.isExternal()) {
        launch.emitError() << "the body of this parallel launch is not a "
                              "function of the module";
        return signalPassFailure();
      }
      // The record holds the launch's operands after the count.
      ArrayRef<Type> params = launch.getFunctionType().getParams();
      auto recordTy =
          LLVM::LLVMStructType::getLiteral(ctx, params.drop_front());
      LLVM::LLVMFuncOp task = createTask(module, body, recordTy);

      SmallVector<LLVM::CallOp> calls;
      module.walk([&](LLVM::CallOp call) {
        if (call.getCallee() == launch.getName())
          calls.push_back(call);
      });
      for (LLVM::CallOp call : calls) {
        ImplicitLocOpBuilder b(call.getLoc(), call);
        Value one = LLVM::ConstantOp::create(b, i64Ty, b.getI64IntegerAttr(1));
        Value record = LLVM::AllocaOp::create(b, ptrTy, recordTy, one);
        for (auto [i, value] :
             llvm::enumerate(call.getArgOperands().drop_front())) {
          Value field = LLVM::GEPOp::create(
              b, ptrTy, recordTy, record,
              ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
          LLVM::StoreOp::create(b, value, field);
        }
        Value count = call.getArgOperands().front();
        if (count.getType() != i64Ty)
          count = LLVM::SExtOp::create(b, i64Ty, count);
        LLVM::CallOp::create(
            b, dispatch,
            ValueRange{LLVM::AddressOfOp::create(b, task), record, count});
        call.erase();
      }
      launch.erase();
    }
  }
};

} // namespace
