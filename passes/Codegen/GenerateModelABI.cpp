//===- GenerateModelABI.cpp - ds-generate-model-abi -----------------------===//
//
// Part of ds.
//
// Emits, in the LLVM dialect, what runtime/include/ds/runtime/model_abi.h
// specifies. The layouts built here must match the C structures there:
//
//   DsAbiTensor = { ptr name, i32 dtype, i32 rank, ptr dims, ptr dim_names }
//   DsAbiModel  = { i32 abi_version, i32 num_inputs, i32 num_outputs,
//                   i32 reserved, ptr name, ptr inputs, ptr outputs,
//                   ptr run, ptr release, ptr parallel_for,
//                   i64 workspace_bytes }
//   run(ptr inputs, ptr input_dims, ptr outputs, ptr output_allocs,
//       ptr output_dims, ptr workspace)
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/ModelABI.h"
#include "passes/Codegen/ModelSignature.h"
#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"

namespace ds {
#define GEN_PASS_DEF_GENERATEMODELABI
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

/// The allocated pointer MLIR's LLVM lowering gives a memref.get_global
/// (the data is a constant of the library, not a heap block).
constexpr int64_t kGlobalAllocSentinel = 0xdeadbeef;

class ABIEmitter {
public:
  ABIEmitter(ModuleOp module, const ds::ModelSignature &signature,
             LLVM::LLVMFuncOp entry, unsigned indexBits,
             std::optional<int64_t> workspaceBytes)
      : module(module), signature(signature), entry(entry),
        workspaceBytes(workspaceBytes),
        b(module.getLoc(), module.getContext()) {
    MLIRContext *ctx = module.getContext();
    ptrTy = LLVM::LLVMPointerType::get(ctx);
    i32Ty = IntegerType::get(ctx, 32);
    i64Ty = IntegerType::get(ctx, 64);
    indexTy = IntegerType::get(ctx, indexBits);
    tensorTy = LLVM::LLVMStructType::getLiteral(
        ctx, {ptrTy, i32Ty, i32Ty, ptrTy, ptrTy});
    modelTy = LLVM::LLVMStructType::getLiteral(
        ctx, {i32Ty, i32Ty, i32Ty, i32Ty, ptrTy, ptrTy, ptrTy, ptrTy, ptrTy,
              ptrTy, i64Ty});
  }

  LogicalResult emit();

private:
  void atModuleEnd() { b.setInsertionPointToEnd(module.getBody()); }
  std::string uniqueName(StringRef base) {
    return ("__ds_" + base + "_" + llvm::Twine(counter++)).str();
  }
  Value constant(Type type, int64_t value) {
    return LLVM::ConstantOp::create(b, type, b.getIntegerAttr(type, value));
  }
  Value address(LLVM::GlobalOp global) {
    return LLVM::AddressOfOp::create(b, global);
  }
  Value address(LLVM::LLVMFuncOp func) {
    return LLVM::AddressOfOp::create(b, func);
  }
  Value nullPtr() { return LLVM::ZeroOp::create(b, ptrTy); }

  /// A constant global whose initializer `init` builds (at the builder's
  /// insertion point inside the initializer region).
  LLVM::GlobalOp
  initializedGlobal(Type type, StringRef name, bool isConstant,
                    llvm::function_ref<Value()> init);
  LLVM::GlobalOp string(StringRef value);
  LLVM::GlobalOp tensorTable(ArrayRef<ds::TensorSignature> tensors);
  LLVM::LLVMFuncOp emitRun();
  LLVM::LLVMFuncOp emitRelease();
  void emitModel(LLVM::LLVMFuncOp run, LLVM::LLVMFuncOp release);
  Type llvmElementType(Type type) const {
    if (auto integer = dyn_cast<IntegerType>(type))
      return IntegerType::get(type.getContext(), integer.getWidth());
    // Floats LLVM lacks (float8, float4, e8m0) are integers of their width
    // there, as the LLVM lowering of memrefs stores them.
    if (auto floatType = dyn_cast<FloatType>(type);
        floatType && !LLVM::isCompatibleFloatingPointType(floatType))
      return IntegerType::get(type.getContext(), floatType.getWidth());
    return type;
  }

  ModuleOp module;
  const ds::ModelSignature &signature;
  LLVM::LLVMFuncOp entry;
  /// The entry's workspace (ds-plan-memory), when it takes one: its last
  /// argument, a memref<?xi8> of this many bytes.
  std::optional<int64_t> workspaceBytes;
  ImplicitLocOpBuilder b;
  Type ptrTy, i32Ty, i64Ty, indexTy;
  LLVM::LLVMStructType tensorTy, modelTy;
  unsigned counter = 0;
};

LLVM::GlobalOp
ABIEmitter::initializedGlobal(Type type, StringRef name, bool isConstant,
                              llvm::function_ref<Value()> init) {
  OpBuilder::InsertionGuard guard(b);
  atModuleEnd();
  auto global = LLVM::GlobalOp::create(b, type, isConstant,
                                       LLVM::Linkage::Internal, name,
                                       Attribute());
  b.setInsertionPointToStart(&global.getInitializerRegion().emplaceBlock());
  LLVM::ReturnOp::create(b, init());
  return global;
}

LLVM::GlobalOp ABIEmitter::string(StringRef value) {
  OpBuilder::InsertionGuard guard(b);
  atModuleEnd();
  std::string data = value.str();
  data.push_back('\0');
  auto type = LLVM::LLVMArrayType::get(IntegerType::get(b.getContext(), 8),
                                       data.size());
  return LLVM::GlobalOp::create(b, type, /*isConstant=*/true,
                                LLVM::Linkage::Private, uniqueName("str"),
                                b.getStringAttr(data));
}

LLVM::GlobalOp
ABIEmitter::tensorTable(ArrayRef<ds::TensorSignature> tensors) {
  if (tensors.empty())
    return {};
  // The leaves first (names, dims, dim names), then the table that points
  // to them.
  struct Leaves {
    LLVM::GlobalOp name, dims, dimNames;
  };
  SmallVector<Leaves> leaves;
  for (const ds::TensorSignature &tensor : tensors) {
    Leaves leaf;
    leaf.name = string(tensor.name);
    int64_t rank = tensor.type.getRank();
    if (rank) {
      SmallVector<int64_t> sizes;
      for (int64_t dim : tensor.type.getShape())
        sizes.push_back(ShapedType::isDynamic(dim) ? -1 : dim);
      {
        OpBuilder::InsertionGuard guard(b);
        atModuleEnd();
        leaf.dims = LLVM::GlobalOp::create(
            b, LLVM::LLVMArrayType::get(i64Ty, rank), /*isConstant=*/true,
            LLVM::Linkage::Private, uniqueName("dims"),
            DenseElementsAttr::get(RankedTensorType::get({rank}, i64Ty),
                                   ArrayRef(sizes)));
      }
      SmallVector<LLVM::GlobalOp> names;
      for (const std::string &name : tensor.dimNames)
        names.push_back(string(name));
      auto namesTy = LLVM::LLVMArrayType::get(ptrTy, rank);
      leaf.dimNames =
          initializedGlobal(namesTy, uniqueName("dim_names"), true, [&] {
            Value array = LLVM::UndefOp::create(b, namesTy);
            for (auto [k, name] : llvm::enumerate(names))
              array = LLVM::InsertValueOp::create(b, array, address(name),
                                                  int64_t(k));
            return array;
          });
    }
    leaves.push_back(leaf);
  }

  auto tableTy = LLVM::LLVMArrayType::get(tensorTy, tensors.size());
  auto table = initializedGlobal(tableTy, uniqueName("tensors"), true, [&] {
    Value result = LLVM::UndefOp::create(b, tableTy);
    for (auto [i, tensor] : llvm::enumerate(tensors)) {
      const Leaves &leaf = leaves[i];
      Value row = LLVM::UndefOp::create(b, tensorTy);
      auto set = [&](int64_t field, Value value) {
        row = LLVM::InsertValueOp::create(b, row, value, field);
      };
      set(0, address(leaf.name));
      set(1, constant(i32Ty, ds::abiDTypeCode(tensor.type.getElementType())));
      set(2, constant(i32Ty, tensor.type.getRank()));
      set(3, leaf.dims ? address(leaf.dims) : nullPtr());
      set(4, leaf.dimNames ? address(leaf.dimNames) : nullPtr());
      result = LLVM::InsertValueOp::create(b, result, row, int64_t(i));
    }
    return result;
  });
  return table;
}

LLVM::LLVMFuncOp ABIEmitter::emitRun() {
  OpBuilder::InsertionGuard guard(b);
  atModuleEnd();
  auto type = LLVM::LLVMFunctionType::get(
      LLVM::LLVMVoidType::get(b.getContext()),
      {ptrTy, ptrTy, ptrTy, ptrTy, ptrTy, ptrTy});
  auto run = LLVM::LLVMFuncOp::create(b, "__ds_run", type,
                                      LLVM::Linkage::Internal);
  Block *body = run.addEntryBlock(b);
  b.setInsertionPointToStart(body);
  Value inputs = body->getArgument(0), inputDims = body->getArgument(1);
  Value outputs = body->getArgument(2), allocs = body->getArgument(3);
  Value outputDims = body->getArgument(4);
  Value workspace = body->getArgument(5);

  auto element = [&](Value base, Type type, int64_t index) {
    return LLVM::GEPOp::create(b, ptrTy, type, base,
                               ArrayRef<LLVM::GEPArg>{index});
  };
  auto toIndex = [&](Value v) -> Value {
    if (v.getType() == indexTy)
      return v;
    return LLVM::TruncOp::create(b, indexTy, v);
  };
  auto fromIndex = [&](Value v) -> Value {
    if (v.getType() == i64Ty)
      return v;
    return LLVM::SExtOp::create(b, i64Ty, v);
  };

  // The entry's arguments: per input, the expanded memref descriptor
  // (allocated, aligned, offset, sizes..., strides...) of a dense buffer.
  SmallVector<Value> args, inputPtrs;
  int64_t dimOffset = 0;
  for (auto [i, tensor] : llvm::enumerate(signature.inputs)) {
    Value data = LLVM::LoadOp::create(b, ptrTy, element(inputs, ptrTy, i));
    inputPtrs.push_back(data);
    int64_t rank = tensor.type.getRank();
    SmallVector<Value> sizes, strides(rank);
    for (int64_t k = 0; k < rank; ++k)
      sizes.push_back(toIndex(LLVM::LoadOp::create(
          b, i64Ty, element(inputDims, i64Ty, dimOffset + k))));
    Value stride = constant(indexTy, 1);
    for (int64_t k = rank - 1; k >= 0; --k) {
      strides[k] = stride;
      if (k)
        stride = LLVM::MulOp::create(b, stride, sizes[k]);
    }
    args.append({data, data, constant(indexTy, 0)});
    args.append(sizes);
    args.append(strides);
    dimOffset += rank;
  }
  // The workspace: the descriptor of a dense memref<?xi8>.
  if (workspaceBytes)
    args.append({workspace, workspace, constant(indexTy, 0),
                 constant(indexTy, *workspaceBytes), constant(indexTy, 1)});
  auto call = LLVM::CallOp::create(b, entry, args);

  Value sentinel = constant(indexTy, kGlobalAllocSentinel);
  SmallVector<Value> ownedAllocs;
  dimOffset = 0;
  for (auto [j, tensor] : llvm::enumerate(signature.outputs)) {
    Value desc = call.getResult();
    if (signature.outputs.size() > 1)
      desc = LLVM::ExtractValueOp::create(b, desc, int64_t(j));
    Value alloc = LLVM::ExtractValueOp::create(b, desc, int64_t(0));
    Value aligned = LLVM::ExtractValueOp::create(b, desc, int64_t(1));
    Value offset = LLVM::ExtractValueOp::create(b, desc, int64_t(2));
    Value data = LLVM::GEPOp::create(
        b, ptrTy, llvmElementType(tensor.type.getElementType()), aligned,
        ValueRange{offset});
    LLVM::StoreOp::create(b, data, element(outputs, ptrTy, j));

    // Not the caller's to free: a constant, an input, or a block that an
    // earlier output already hands over.
    Value allocInt = LLVM::PtrToIntOp::create(b, indexTy, alloc);
    Value borrowed = LLVM::ICmpOp::create(b, LLVM::ICmpPredicate::eq,
                                          allocInt, sentinel);
    for (Value other : llvm::concat<Value>(inputPtrs, ownedAllocs))
      borrowed = LLVM::OrOp::create(
          b, borrowed,
          LLVM::ICmpOp::create(b, LLVM::ICmpPredicate::eq, alloc, other));
    Value owned = LLVM::SelectOp::create(b, borrowed, nullPtr(), alloc);
    LLVM::StoreOp::create(b, owned, element(allocs, ptrTy, j));
    ownedAllocs.push_back(alloc);

    for (int64_t k = 0, rank = tensor.type.getRank(); k < rank; ++k) {
      Value size = LLVM::ExtractValueOp::create(b, desc, ArrayRef<int64_t>{3, k});
      LLVM::StoreOp::create(b, fromIndex(size),
                            element(outputDims, i64Ty, dimOffset + k));
    }
    dimOffset += tensor.type.getRank();
  }
  LLVM::ReturnOp::create(b, ValueRange());
  return run;
}

LLVM::LLVMFuncOp ABIEmitter::emitRelease() {
  OpBuilder::InsertionGuard guard(b);
  atModuleEnd();
  auto voidTy = LLVM::LLVMVoidType::get(b.getContext());
  auto free = module.lookupSymbol<LLVM::LLVMFuncOp>("free");
  if (!free)
    free = LLVM::LLVMFuncOp::create(
        b, "free", LLVM::LLVMFunctionType::get(voidTy, {ptrTy}));
  auto release = LLVM::LLVMFuncOp::create(
      b, "__ds_release", LLVM::LLVMFunctionType::get(voidTy, {ptrTy}),
      LLVM::Linkage::Internal);
  Block *body = release.addEntryBlock(b);
  b.setInsertionPointToStart(body);
  LLVM::CallOp::create(b, free, body->getArgument(0));
  LLVM::ReturnOp::create(b, ValueRange());
  return release;
}

void ABIEmitter::emitModel(LLVM::LLVMFuncOp run, LLVM::LLVMFuncOp release) {
  LLVM::GlobalOp name = string(signature.entry);
  LLVM::GlobalOp inputs = tensorTable(signature.inputs);
  LLVM::GlobalOp outputs = tensorTable(signature.outputs);
  LLVM::GlobalOp slot = ds::getOrCreateParallelForSlot(module);
  auto model = initializedGlobal(modelTy, "__ds_model", true, [&] {
    Value result = LLVM::UndefOp::create(b, modelTy);
    SmallVector<Value> fields = {
        constant(i32Ty, ds::kModelABIVersion),
        constant(i32Ty, signature.inputs.size()),
        constant(i32Ty, signature.outputs.size()),
        constant(i32Ty, 0),
        address(name),
        inputs ? address(inputs) : nullPtr(),
        outputs ? address(outputs) : nullPtr(),
        address(run),
        address(release),
        address(slot),
        constant(i64Ty, workspaceBytes.value_or(0))};
    for (auto [i, field] : llvm::enumerate(fields))
      result = LLVM::InsertValueOp::create(b, result, field, int64_t(i));
    return result;
  });

  atModuleEnd();
  auto get = LLVM::LLVMFuncOp::create(
      b, ds::kModelEntrySymbol, LLVM::LLVMFunctionType::get(ptrTy, {}));
  b.setInsertionPointToStart(get.addEntryBlock(b));
  LLVM::ReturnOp::create(b, address(model));
}

LogicalResult ABIEmitter::emit() {
  // The lowered entry takes each input as an expanded descriptor and
  // returns the outputs' descriptors; check that before relying on it.
  size_t expected = 0;
  for (const ds::TensorSignature &tensor : signature.inputs)
    expected += 3 + 2 * tensor.type.getRank();
  if (workspaceBytes)
    expected += 5;
  LLVM::LLVMFunctionType type = entry.getFunctionType();
  size_t results = isa<LLVM::LLVMVoidType>(type.getReturnType()) ? 0 : 1;
  if (type.getNumParams() != expected ||
      results != std::min<size_t>(signature.outputs.size(), 1))
    return entry.emitError()
           << "the lowered model function " << type
           << " does not match the recorded signature (" << signature.inputs.size()
           << " inputs, " << signature.outputs.size()
           << " outputs as memref descriptors"
           << (workspaceBytes ? ", and a workspace" : "") << ")";

  // Everything but ds_model_get is internal to the library.
  for (auto func : module.getOps<LLVM::LLVMFuncOp>())
    if (!func.isExternal())
      func.setLinkage(LLVM::Linkage::Internal);
  for (auto global : module.getOps<LLVM::GlobalOp>())
    if (global.getLinkage() == LLVM::Linkage::External &&
        !global.getInitializerRegion().empty())
      global.setLinkage(LLVM::Linkage::Internal);

  LLVM::LLVMFuncOp run = emitRun();
  LLVM::LLVMFuncOp release = emitRelease();
  emitModel(run, release);
  return success();
}

struct GenerateModelABI : ds::impl::GenerateModelABIBase<GenerateModelABI> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<ds::ModelSignature> signature = ds::readModelSignature(module);
    if (failed(signature))
      return signalPassFailure();
    auto entry = module.lookupSymbol<LLVM::LLVMFuncOp>(signature->entry);
    if (!entry || entry.isExternal()) {
      module.emitError() << "no lowered function '" << signature->entry
                         << "' (run ds-generate-model-abi after the lowering "
                            "to the LLVM dialect)";
      return signalPassFailure();
    }
    if (module.lookupSymbol(ds::kModelEntrySymbol)) {
      module.emitError() << "the module already defines '"
                         << ds::kModelEntrySymbol << "'";
      return signalPassFailure();
    }
    unsigned indexBits =
        DataLayout(module).getTypeSizeInBits(IndexType::get(&getContext()));
    std::optional<int64_t> workspaceBytes;
    if (Attribute attr = module->getAttr(ds::kWorkspaceBytesAttr)) {
      auto bytes = dyn_cast<IntegerAttr>(attr);
      if (!bytes || bytes.getInt() < 0) {
        module.emitError() << "'" << ds::kWorkspaceBytesAttr
                           << "' must be a non-negative integer";
        return signalPassFailure();
      }
      workspaceBytes = bytes.getInt();
    }
    if (failed(ABIEmitter(module, *signature, entry, indexBits, workspaceBytes)
                   .emit()))
      return signalPassFailure();
  }
};

} // namespace

LLVM::GlobalOp ds::getOrCreateParallelForSlot(ModuleOp module) {
  if (auto slot = module.lookupSymbol<LLVM::GlobalOp>(kParallelForSlot))
    return slot;
  ImplicitLocOpBuilder b(module.getLoc(), module.getContext());
  b.setInsertionPointToStart(module.getBody());
  auto ptrTy = LLVM::LLVMPointerType::get(module.getContext());
  auto slot = LLVM::GlobalOp::create(b, ptrTy, /*isConstant=*/false,
                                     LLVM::Linkage::Internal,
                                     kParallelForSlot, Attribute());
  b.setInsertionPointToStart(&slot.getInitializerRegion().emplaceBlock());
  LLVM::ReturnOp::create(b, LLVM::ZeroOp::create(b, ptrTy).getResult());
  return slot;
}
