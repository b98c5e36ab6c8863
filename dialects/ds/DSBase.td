//===- DSBase.td - The ds dialect, its types and base classes -*- tablegen -*-===//
//
// Part of ds. The dialect definition, the element-type constraints that follow
// ONNX, the compute-precision attribute and the base classes of every ds op.
// Op families live in <Family>Ops.td and include this file.
//
//===----------------------------------------------------------------------===//

#ifndef DS_BASE_TD
#define DS_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "dialects/ds/DSInterfaces.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def DS_Dialect : Dialect {
  let name = "ds";
  let cppNamespace = "::ds";
  let summary = "Tensor-level graph dialect of the ds compiler";
  let description = [{
    The `ds` dialect models neural-network graphs at the level of ONNX: ops
    take and return builtin `tensor` values, broadcast like numpy, and carry
    the attributes ONNX gives them in one canonical form per op (the importer
    normalizes the differences between opset versions). Graphs are
    `func.func` bodies.

    Element types follow ONNX: `f16`, `bf16`, `f32`, `f64`; signed integers
    are the signless `i8` to `i64`; unsigned integers are `ui8` to `ui64`;
    booleans are `i1`. ONNX's storage-only float formats are the builtin
    `f8E4M3FN`, `f8E4M3FNUZ`, `f8E5M2`, `f8E5M2FNUZ` (FLOAT8*), `f4E2M1FN`
    (FLOAT4E2M1) and `f8E8M0FNU` (FLOAT8E8M0): ds moves them (the ops that
    only rearrange elements, control flow) and converts them (`ds.cast`), but
    computes in none of them, as in ONNX.

    Every result type can be inferred from the operands and attributes; a
    result type written in the IR may be more or less refined than the
    inferred one (a dimension may be `?` on one side and static on the other)
    but never contradict it.

    Compute ops take an optional `precision` attribute
    (`#ds.precision<fp32|fp16|bf16|tf32>`) that the mixed-precision passes set.

    Weights are `dense_resource` blobs (or `dense` for small constants):
    large models print, parse and copy without touching their bytes.
  }];
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    /// One per op family, defined in the family's source file.
    void registerElementwiseOps();
    void registerContractionOps();
    void registerConvOps();
    void registerNormalizationOps();
    void registerReductionOps();
    void registerTensorOps();
    void registerIndexingOps();
    void registerControlFlowOps();
    void registerSelectionOps();
    void registerRandomOps();
    void registerSignalOps();
    void registerRecurrentOps();
    void registerImageOps();
    void registerAttributes();
    void registerTypes();
    void registerSequenceOps();
  }];
}

include "dialects/ds/DSTypes.td"

//===----------------------------------------------------------------------===//
// Element types and tensor constraints
//===----------------------------------------------------------------------===//

def DS_Float : AnyTypeOf<[F16, BF16, F32, F64], "floating-point">;
def DS_SignedInt : AnyTypeOf<[I8, I16, I32, I64], "signed (signless) integer">;
def DS_UnsignedInt : AnyTypeOf<[UI8, UI16, UI32, UI64], "unsigned integer">;
def DS_Bool : TypeAlias<I1, "bool (i1)">;

defvar DS_FloatTypes = [F16, BF16, F32, F64];
defvar DS_IntTypes = [I8, I16, I32, I64, UI8, UI16, UI32, UI64];
defvar DS_AllTypes = !listconcat(DS_FloatTypes, DS_IntTypes, [I1]);

/// ONNX's float8, float4 and e8m0 formats: stored and converted, never
/// computed in (ONNX allows them in Cast, QuantizeLinear and the ops that
/// only move elements).
defvar DS_StorageFloatTypes = [F8E4M3FN, F8E4M3FNUZ, F8E5M2, F8E5M2FNUZ,
                               F4E2M1FN, F8E8M0FNU];

def DS_Tensor : TensorOf<DS_AllTypes>;
/// The operands of ops that only move, select or convert elements: any
/// element type, the storage-only floats included.
def DS_DataTensor : TensorOf<!listconcat(DS_AllTypes, DS_StorageFloatTypes)>;
def DS_FloatTensor : TensorOf<DS_FloatTypes>;
def DS_IntTensor : TensorOf<DS_IntTypes>;
def DS_NumericTensor : TensorOf<!listconcat(DS_FloatTypes, DS_IntTypes)>;
def DS_BoolTensor : TensorOf<[I1]>;
def DS_IndexTensor : TensorOf<[I32, I64]>;
def DS_I64Tensor : TensorOf<[I64]>;
def DS_SignedNumericTensor : TensorOf<!listconcat(DS_FloatTypes,
                                                  [I8, I16, I32, I64])>;

//===----------------------------------------------------------------------===//
// Compute precision
//===----------------------------------------------------------------------===//

def DS_Precision : I32EnumAttr<"Precision", "compute precision of an op", [
    I32EnumAttrCase<"FP32", 0, "fp32">,
    I32EnumAttrCase<"FP16", 1, "fp16">,
    I32EnumAttrCase<"BF16", 2, "bf16">,
    I32EnumAttrCase<"TF32", 3, "tf32">
  ]> {
  let cppNamespace = "::ds";
  let genSpecializedAttr = 0;
}

def DS_PrecisionAttr : EnumAttr<DS_Dialect, DS_Precision, "precision"> {
  let summary = "Precision in which an op computes";
  let description = [{
    `fp32`, `fp16` and `bf16` compute in that floating-point type; `tf32`
    computes products with 10-bit mantissas and accumulates in fp32 (tensor
    cores). Operands and results keep their types; lowerings insert the
    conversions.

    ```mlir
    %0 = ds.matmul %a, %b {precision = #ds.precision<bf16>}
        : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
    ```
  }];
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class DS_Op<string mnemonic, list<Trait> traits = []>
    : Op<DS_Dialect, mnemonic, traits>;

def DS_VerifyInferredTypes : NativeOpTrait<"VerifyInferredTypes"> {
  let cppNamespace = "::ds::OpTrait";
}

/// Result types are inferred in C++: `decl` declares (or defines inline)
///   static LogicalResult inferReturnTypes(MLIRContext *, ds::ErrorSink,
///                                         Adaptor, SmallVectorImpl<Type> &);
/// which reports errors with emitOptionalError(location, ...). A written
/// result type must be compatible with (not equal to) the inferred one: `?`
/// matches any size, and an unranked tensor any rank.
///
/// The verifier (ds::OpTrait::VerifyInferredTypes, after the op's own
/// verify()) runs the inference with the op as ErrorSink, so that a shape
/// error is one diagnostic naming the op and the violated constraint.
class DS_InferTypesBase<code decl> : TraitList<[
  DS_VerifyInferredTypes,
  DeclareOpInterfaceMethods<InferTypeOpInterface>,
  NativeOpTrait<"InferTypeOpAdaptor", [], decl # [{
    static bool isCompatibleReturnTypes(::mlir::TypeRange l,
                                        ::mlir::TypeRange r) {
      return ::ds::areCompatibleResultTypes(l, r);
    }
  }], [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        ::mlir::ValueRange operands, ::mlir::DictionaryAttr attributes,
        ::mlir::OpaqueProperties properties, ::mlir::RegionRange regions,
        ::llvm::SmallVectorImpl<::mlir::Type> &inferredReturnTypes) {
      $cppClass::Adaptor adaptor(operands, attributes, properties, regions);
      return $cppClass::inferReturnTypes(context, ::ds::ErrorSink(location),
                                         adaptor, inferredReturnTypes);
    }
  }]>
]>;

/// Inference defined out of line, in the family's .cpp file.
def DS_InferTypes : DS_InferTypesBase<[{
    static ::llvm::LogicalResult
    inferReturnTypes(::mlir::MLIRContext *context, ::ds::ErrorSink location,
                     Adaptor adaptor,
                     ::llvm::SmallVectorImpl<::mlir::Type> &inferredReturnTypes);
}]>;

/// Inference given inline by a C++ statement `body` that may use `context`,
/// `location`, `adaptor` and `inferredReturnTypes`.
class DS_InferTypesWith<code body> : DS_InferTypesBase<[{
    static ::llvm::LogicalResult
    inferReturnTypes(::mlir::MLIRContext *context, ::ds::ErrorSink location,
                     Adaptor adaptor,
                     ::llvm::SmallVectorImpl<::mlir::Type> &inferredReturnTypes) {
      }] # body # [{
    }
}]>;

/// An op whose float arithmetic may run in a lower precision: it carries the
/// optional `precision` attribute and implements ComputePrecisionOpInterface.
/// Its arguments must end with DS_PrecisionArg.
class DS_ComputeOp<string mnemonic, list<Trait> traits = []>
    : DS_Op<mnemonic, traits # [DS_ComputePrecisionOpInterface]>;

defvar DS_PrecisionArg = (ins OptionalAttr<DS_PrecisionAttr>:$precision);

/// The generic assembly of ds ops: operands, attributes, functional type.
defvar DS_FunctionalFormat =
    "operands attr-dict `:` functional-type(operands, results)";

#endif // DS_BASE_TD
