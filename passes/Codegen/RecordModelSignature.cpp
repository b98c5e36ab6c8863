//===- RecordModelSignature.cpp - ds-record-model-signature ---------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/ModelSignature.h"
#include "passes/Codegen/Passes.h"

#include "mlir/IR/Builders.h"

namespace ds {
#define GEN_PASS_DEF_RECORDMODELSIGNATURE
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

/// One input or output as a dictionary; null after an error on `func`.
DictionaryAttr describe(func::FuncOp func, Type type, DictionaryAttr attrs,
                        StringRef kind, unsigned index) {
  Builder b(func.getContext());
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !ds::abiDTypeCode(tensor.getElementType())) {
    func.emitError() << kind << " #" << index << " has type " << type
                     << ", which a compiled model cannot take or return "
                        "(ranked tensors of the ONNX numeric types only)";
    return {};
  }
  StringAttr name = attrs ? attrs.getAs<StringAttr>("ds.name") : StringAttr();
  if (!name)
    name = b.getStringAttr(kind + llvm::Twine(index));
  ArrayAttr dimNames = attrs ? attrs.getAs<ArrayAttr>("ds.dim_names")
                             : ArrayAttr();
  if (!dimNames || dimNames.size() != static_cast<size_t>(tensor.getRank()))
    dimNames = b.getStrArrayAttr(
        SmallVector<StringRef>(tensor.getRank(), StringRef()));
  return b.getDictionaryAttr({b.getNamedAttr("name", name),
                              b.getNamedAttr("type", TypeAttr::get(tensor)),
                              b.getNamedAttr("dim_names", dimNames)});
}

struct RecordModelSignature
    : ds::impl::RecordModelSignatureBase<RecordModelSignature> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    func::FuncOp entryFunc;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      if (!entry.empty() ? func.getSymName() != entry : !func.isPublic())
        continue;
      if (entryFunc) {
        module.emitError() << "several public functions could be the model "
                              "('"
                           << entryFunc.getSymName() << "', '"
                           << func.getSymName()
                           << "'): name one as the entry";
        return signalPassFailure();
      }
      entryFunc = func;
    }
    if (!entryFunc) {
      if (entry.empty())
        module.emitError() << "no public function to compile as the model";
      else
        module.emitError() << "no function '" << entry << "' in the module";
      return signalPassFailure();
    }

    Builder b(module.getContext());
    FunctionType type = entryFunc.getFunctionType();
    SmallVector<Attribute> inputs, outputs;
    for (auto [i, input] : llvm::enumerate(type.getInputs())) {
      DictionaryAttr attr = describe(entryFunc, input, entryFunc.getArgAttrDict(i),
                                     "input", i);
      if (!attr)
        return signalPassFailure();
      inputs.push_back(attr);
    }
    for (auto [i, output] : llvm::enumerate(type.getResults())) {
      DictionaryAttr attr = describe(
          entryFunc, output, entryFunc.getResultAttrDict(i), "output", i);
      if (!attr)
        return signalPassFailure();
      outputs.push_back(attr);
    }
    // The names now live in the record; LLVM has no use for them on the
    // arguments.
    for (unsigned i = 0, e = entryFunc.getNumArguments(); i < e; ++i)
      for (StringRef name : {"ds.name", "ds.dim_names"})
        entryFunc.removeArgAttr(i, name);
    for (unsigned i = 0, e = entryFunc.getNumResults(); i < e; ++i)
      for (StringRef name : {"ds.name", "ds.dim_names"})
        entryFunc.removeResultAttr(i, StringAttr::get(&getContext(), name));
    module->setAttr(
        ds::kModelAttrName,
        b.getDictionaryAttr(
            {b.getNamedAttr("entry", b.getStringAttr(entryFunc.getSymName())),
             b.getNamedAttr("inputs", b.getArrayAttr(inputs)),
             b.getNamedAttr("outputs", b.getArrayAttr(outputs))}));
  }
};

} // namespace
