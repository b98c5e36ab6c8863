//===- DSTypes.td - Types of the ds dialect -----------------*- tablegen -*-===//
//
// Part of ds. Tensors are builtin; ONNX's sequences and optionals are ds
// types.
//
//===----------------------------------------------------------------------===//

#ifndef DS_TYPES_TD
#define DS_TYPES_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

class DS_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<DS_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def DS_SequenceType : DS_Type<"Sequence", "seq"> {
  let summary = "An ordered list of tensors of one element type";
  let description = [{
    ONNX's `seq(tensor(T))`: a list, possibly empty, of tensors with element
    type T. The parameter is the type every element is known to have (`?`
    for sizes that differ between elements, unranked when ranks differ).

    ```mlir
    !ds.seq<tensor<?x3xf32>>
    ```
  }];
  let parameters = (ins "::mlir::TensorType":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
}

def DS_OptionalType : DS_Type<"Optional", "opt"> {
  let summary = "A value that may be absent";
  let description = [{
    ONNX's `optional(T)` for a tensor or sequence type T.

    ```mlir
    !ds.opt<tensor<2xf32>>
    !ds.opt<!ds.seq<tensor<*xi64>>>
    ```
  }];
  let parameters = (ins "::mlir::Type":$valueType);
  let assemblyFormat = "`<` $valueType `>`";
  let genVerifyDecl = 1;
}

def DS_AnySequence : Type<CPred<"::llvm::isa<::ds::SequenceType>($_self)">,
                          "sequence of tensors", "::ds::SequenceType">;
def DS_AnyOptional : Type<CPred<"::llvm::isa<::ds::OptionalType>($_self)">,
                          "optional value", "::ds::OptionalType">;

#endif // DS_TYPES_TD
