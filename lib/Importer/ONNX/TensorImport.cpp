//===- TensorImport.cpp - ONNX types and tensors as MLIR --------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "lib/Importer/ONNX/TensorImport.h"

#include "dialects/ds/DSDialect.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SwapByteOrder.h"

#include <cstring>

using namespace mlir;

namespace ds::onnx_import {

std::string dataTypeName(int32_t dataType) {
  if (onnx::TensorProto_DataType_IsValid(dataType))
    return onnx::TensorProto_DataType_Name(
        static_cast<onnx::TensorProto_DataType>(dataType));
  return "unknown data type " + std::to_string(dataType);
}

FailureOr<Type> convertElementType(int32_t dataType, MLIRContext *context,
                                   Location loc, StringRef what) {
  auto sint = [&](unsigned width) { return IntegerType::get(context, width); };
  auto uint = [&](unsigned width) {
    return IntegerType::get(context, width, IntegerType::Unsigned);
  };
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return Type(Float32Type::get(context));
  case onnx::TensorProto::DOUBLE:
    return Type(Float64Type::get(context));
  case onnx::TensorProto::FLOAT16:
    return Type(Float16Type::get(context));
  case onnx::TensorProto::BFLOAT16:
    return Type(BFloat16Type::get(context));
  case onnx::TensorProto::INT8:
    return Type(sint(8));
  case onnx::TensorProto::INT16:
    return Type(sint(16));
  case onnx::TensorProto::INT32:
    return Type(sint(32));
  case onnx::TensorProto::INT64:
    return Type(sint(64));
  case onnx::TensorProto::UINT8:
    return Type(uint(8));
  case onnx::TensorProto::UINT16:
    return Type(uint(16));
  case onnx::TensorProto::UINT32:
    return Type(uint(32));
  case onnx::TensorProto::UINT64:
    return Type(uint(64));
  case onnx::TensorProto::BOOL:
    return Type(sint(1));
  case onnx::TensorProto::FLOAT8E4M3FN:
    return Type(Float8E4M3FNType::get(context));
  case onnx::TensorProto::FLOAT8E4M3FNUZ:
    return Type(Float8E4M3FNUZType::get(context));
  case onnx::TensorProto::FLOAT8E5M2:
    return Type(Float8E5M2Type::get(context));
  case onnx::TensorProto::FLOAT8E5M2FNUZ:
    return Type(Float8E5M2FNUZType::get(context));
  case onnx::TensorProto::FLOAT4E2M1:
    return Type(Float4E2M1FNType::get(context));
  case onnx::TensorProto::FLOAT8E8M0:
    return Type(Float8E8M0FNUType::get(context));
  default:
    return emitError(loc) << what << " has element type "
                          << dataTypeName(dataType)
                          << ", which ds does not support";
  }
}

int32_t getDataType(Type type) {
  if (type.isF32())
    return onnx::TensorProto::FLOAT;
  if (type.isF64())
    return onnx::TensorProto::DOUBLE;
  if (type.isF16())
    return onnx::TensorProto::FLOAT16;
  if (type.isBF16())
    return onnx::TensorProto::BFLOAT16;
  if (isa<Float8E4M3FNType>(type))
    return onnx::TensorProto::FLOAT8E4M3FN;
  if (isa<Float8E4M3FNUZType>(type))
    return onnx::TensorProto::FLOAT8E4M3FNUZ;
  if (isa<Float8E5M2Type>(type))
    return onnx::TensorProto::FLOAT8E5M2;
  if (isa<Float8E5M2FNUZType>(type))
    return onnx::TensorProto::FLOAT8E5M2FNUZ;
  if (isa<Float4E2M1FNType>(type))
    return onnx::TensorProto::FLOAT4E2M1;
  if (isa<Float8E8M0FNUType>(type))
    return onnx::TensorProto::FLOAT8E8M0;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return onnx::TensorProto::UNDEFINED;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 1:
    return onnx::TensorProto::BOOL;
  case 8:
    return isUnsigned ? onnx::TensorProto::UINT8 : onnx::TensorProto::INT8;
  case 16:
    return isUnsigned ? onnx::TensorProto::UINT16 : onnx::TensorProto::INT16;
  case 32:
    return isUnsigned ? onnx::TensorProto::UINT32 : onnx::TensorProto::INT32;
  case 64:
    return isUnsigned ? onnx::TensorProto::UINT64 : onnx::TensorProto::INT64;
  default:
    return onnx::TensorProto::UNDEFINED;
  }
}

FailureOr<Type> convertType(const onnx::TypeProto &type, MLIRContext *context,
                            Location loc, StringRef what) {
  switch (type.value_case()) {
  case onnx::TypeProto::kTensorType:
    break;
  case onnx::TypeProto::kSequenceType: {
    FailureOr<Type> element = convertType(type.sequence_type().elem_type(),
                                          context, loc, what);
    if (failed(element))
      return failure();
    if (!isa<TensorType>(*element))
      return emitError(loc) << what << " is a sequence of " << *element
                            << ": ds supports sequences of tensors only";
    return Type(SequenceType::get(context, cast<TensorType>(*element)));
  }
  case onnx::TypeProto::kOptionalType: {
    FailureOr<Type> value = convertType(type.optional_type().elem_type(),
                                        context, loc, what);
    if (failed(value))
      return failure();
    return Type(OptionalType::get(context, *value));
  }
  case onnx::TypeProto::kMapType:
    return emitError(loc) << what << " is a map, which ds does not support";
  case onnx::TypeProto::kSparseTensorType:
    return emitError(loc)
           << what << " is a sparse tensor, which ds does not support";
  default:
    return emitError(loc) << what << " has no type";
  }
  const onnx::TypeProto::Tensor &tensor = type.tensor_type();
  FailureOr<Type> elementType =
      convertElementType(tensor.elem_type(), context, loc, what);
  if (failed(elementType))
    return failure();
  if (!tensor.has_shape())
    return Type(UnrankedTensorType::get(*elementType));
  SmallVector<int64_t> shape;
  for (const onnx::TensorShapeProto::Dimension &dim : tensor.shape().dim()) {
    if (dim.has_dim_value()) {
      if (dim.dim_value() < 0)
        return emitError(loc)
               << what << " has a negative size " << dim.dim_value();
      shape.push_back(dim.dim_value());
    } else {
      shape.push_back(ShapedType::kDynamic);
    }
  }
  return Type(RankedTensorType::get(shape, *elementType));
}

namespace {
/// The bytes of a tensor, little-endian, one element after another (one
/// byte per bool, and per f4E2M1FN in its low 4 bits, as MLIR stores 4-bit
/// elements), with whatever keeps them alive.
struct TensorBytes {
  RankedTensorType type;
  unsigned byteWidth = 0;
  ArrayRef<char> data;
  std::vector<char> storage; // When converted from typed storage.
  /// What owns `data` when it is not `storage`: the mapped external file or
  /// the parsed model. A blob that points into it keeps it alive.
  std::shared_ptr<const void> owner;
};
} // namespace

static unsigned getByteWidth(Type elementType) {
  unsigned bits = elementType.getIntOrFloatBitWidth();
  return bits < 8 ? 1 : bits / 8;
}

/// ONNX packs FLOAT4E2M1 two to a byte, element 2i in the low 4 bits and
/// element 2i + 1 in the high 4 bits (in raw_data, external data and each
/// int32_data entry alike).
static bool isPacked4Bit(int32_t dataType) {
  return dataType == onnx::TensorProto::FLOAT4E2M1;
}

/// One byte per element from `packed` (two 4-bit elements a byte).
static std::vector<char> unpack4Bit(ArrayRef<uint8_t> packed,
                                    uint64_t numElements) {
  std::vector<char> out(numElements);
  for (uint64_t i = 0; i < numElements; ++i)
    out[i] = static_cast<char>((packed[i / 2] >> (i % 2 ? 4 : 0)) & 0xF);
  return out;
}

/// Copies `values` (typed storage) into `out`, element by element narrowed
/// to `byteWidth` little-endian bytes.
template <typename T>
static void packValues(const google::protobuf::RepeatedField<T> &values,
                       unsigned byteWidth, std::vector<char> &out) {
  out.resize(static_cast<size_t>(values.size()) * byteWidth);
  for (int i = 0; i < values.size(); ++i) {
    T value = values.Get(i);
    std::memcpy(out.data() + static_cast<size_t>(i) * byteWidth, &value,
                std::min<size_t>(byteWidth, sizeof(T)));
  }
}

static LogicalResult readExternal(const onnx::TensorProto &tensor,
                                  ImportContext &ctx, Location loc,
                                  size_t expectedBytes, TensorBytes &bytes) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    StringRef value = entry.value();
    if (entry.key() == "location") {
      location = entry.value();
    } else if (entry.key() == "offset" || entry.key() == "length") {
      uint64_t number;
      if (value.getAsInteger(10, number))
        return emitError(loc) << "tensor '" << tensor.name()
                              << "' has a non-numeric external data "
                              << entry.key() << " '" << value << "'";
      if (entry.key() == "offset")
        offset = number;
      else
        length = number;
    }
  }
  if (location.empty())
    return emitError(loc) << "tensor '" << tensor.name()
                          << "' is stored externally but names no location";
  std::shared_ptr<llvm::MemoryBuffer> file = ctx.getExternalFile(location, loc);
  if (!file)
    return failure();
  uint64_t fileSize = file->getBufferSize();
  uint64_t size = length.value_or(fileSize > offset ? fileSize - offset : 0);
  if (offset > fileSize || size > fileSize - offset)
    return emitError(loc) << "tensor '" << tensor.name() << "' reads bytes ["
                          << offset << ", " << offset + size
                          << ") of external data file '" << location
                          << "', which has " << fileSize << " bytes";
  if (size != expectedBytes)
    return emitError(loc) << "tensor '" << tensor.name() << "' needs "
                          << expectedBytes
                          << " bytes but its external data has " << size;
  bytes.data = ArrayRef<char>(file->getBufferStart() + offset, size);
  bytes.owner = std::move(file);
  return success();
}

static FailureOr<TensorBytes> readTensor(const onnx::TensorProto &tensor,
                                         ImportContext &ctx, Location loc) {
  if (!llvm::sys::IsLittleEndianHost)
    return emitError(loc)
           << "importing ONNX tensors needs a little-endian host";
  std::string what = ("tensor '" + tensor.name() + "'");
  FailureOr<Type> elementType =
      convertElementType(tensor.data_type(), ctx.getContext(), loc, what);
  if (failed(elementType))
    return failure();
  SmallVector<int64_t> shape;
  uint64_t numElements = 1;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0)
      return emitError(loc) << what << " has a negative size " << dim;
    if (dim != 0 && numElements > (uint64_t(1) << 62) / uint64_t(dim))
      return emitError(loc) << what << " has too many elements";
    numElements *= static_cast<uint64_t>(dim);
    shape.push_back(dim);
  }
  TensorBytes bytes;
  bytes.type = RankedTensorType::get(shape, *elementType);
  bytes.byteWidth = getByteWidth(*elementType);
  size_t expectedBytes = numElements * bytes.byteWidth;

  if (isPacked4Bit(tensor.data_type())) {
    // Read the packed bytes as they are stored, then unpack them.
    size_t packedBytes = (numElements + 1) / 2;
    std::vector<uint8_t> packed;
    if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
      TensorBytes external;
      if (failed(readExternal(tensor, ctx, loc, packedBytes, external)))
        return failure();
      packed.assign(external.data.begin(), external.data.end());
    } else if (tensor.has_raw_data()) {
      if (tensor.raw_data().size() != packedBytes)
        return emitError(loc) << what << " has " << tensor.raw_data().size()
                              << " bytes of raw data for " << numElements
                              << " 4-bit elements packed two to a byte";
      packed.assign(tensor.raw_data().begin(), tensor.raw_data().end());
    } else {
      if (static_cast<uint64_t>(tensor.int32_data_size()) != packedBytes)
        return emitError(loc) << what << " has " << tensor.int32_data_size()
                              << " int32_data values for " << numElements
                              << " 4-bit elements packed two to a value";
      for (int32_t value : tensor.int32_data())
        packed.push_back(static_cast<uint8_t>(value));
    }
    bytes.storage = unpack4Bit(packed, numElements);
    bytes.data = bytes.storage;
    return bytes;
  }

  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    if (failed(readExternal(tensor, ctx, loc, expectedBytes, bytes)))
      return failure();
    return bytes;
  }
  if (tensor.has_raw_data()) {
    if (tensor.raw_data().size() != expectedBytes)
      return emitError(loc) << what << " has " << tensor.raw_data().size()
                            << " bytes of raw data for " << numElements
                            << " elements of " << bytes.byteWidth << " bytes";
    // Zero-copy: the bytes stay in the parsed model, which the blob keeps.
    bytes.data = ArrayRef<char>(tensor.raw_data().data(), expectedBytes);
    bytes.owner = ctx.getModelOwner();
    return bytes;
  }
  int64_t count = -1;
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    packValues(tensor.float_data(), 4, bytes.storage);
    count = tensor.float_data_size();
    break;
  case onnx::TensorProto::DOUBLE:
    packValues(tensor.double_data(), 8, bytes.storage);
    count = tensor.double_data_size();
    break;
  case onnx::TensorProto::INT64:
    packValues(tensor.int64_data(), 8, bytes.storage);
    count = tensor.int64_data_size();
    break;
  case onnx::TensorProto::UINT32:
  case onnx::TensorProto::UINT64:
    packValues(tensor.uint64_data(), bytes.byteWidth, bytes.storage);
    count = tensor.uint64_data_size();
    break;
  default: // 8- to 32-bit integers, bool, float16, bfloat16 and float8 bits.
    packValues(tensor.int32_data(), bytes.byteWidth, bytes.storage);
    count = tensor.int32_data_size();
    break;
  }
  if (static_cast<uint64_t>(count) != numElements)
    return emitError(loc) << what << " has " << count << " values for "
                          << numElements << " elements";
  bytes.data = bytes.storage;
  return bytes;
}

/// A resource key the IR parser reads back: letters, digits and '_'.
static std::string resourceKey(StringRef name) {
  std::string key = name.empty() ? "tensor" : name.str();
  for (char &c : key)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  if (llvm::isDigit(key.front()))
    key.insert(key.begin(), '_');
  return key;
}

static ElementsAttr makeAttr(TensorBytes &bytes, StringRef name,
                             ImportContext &ctx) {
  RankedTensorType type = bytes.type;
  if (type.getElementType().isInteger(1)) {
    SmallVector<bool> values;
    values.reserve(bytes.data.size());
    for (char c : bytes.data)
      values.push_back(c != 0);
    return DenseElementsAttr::get(type, values);
  }
  // float4 stays dense however large: LLVM's translation of a resource
  // needs byte-sized elements, and float4 becomes i4 there.
  if (type.getNumElements() <= ctx.getOptions().maxDenseElements ||
      isa<Float4E2M1FNType>(type.getElementType()))
    return DenseElementsAttr::getFromRawBuffer(type, bytes.data);
  AsmResourceBlob blob;
  auto address = reinterpret_cast<uintptr_t>(bytes.data.data());
  if (bytes.owner && address % bytes.byteWidth == 0) {
    // Zero-copy: the blob keeps the owner of the bytes alive.
    blob = AsmResourceBlob(
        bytes.data, bytes.byteWidth,
        [owner = bytes.owner](void *, size_t, size_t) {},
        /*dataIsMutable=*/false);
  } else {
    blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes.data,
                                                         bytes.byteWidth);
  }
  return DenseResourceElementsAttr::get(type, resourceKey(name),
                                        std::move(blob));
}

FailureOr<ElementsAttr> convertTensor(const onnx::TensorProto &tensor,
                                      ImportContext &ctx, Location loc) {
  FailureOr<TensorBytes> bytes = readTensor(tensor, ctx, loc);
  if (failed(bytes))
    return failure();
  return makeAttr(*bytes, tensor.name(), ctx);
}

FailureOr<ElementsAttr>
convertSparseTensor(const onnx::SparseTensorProto &sparse, ImportContext &ctx,
                    Location loc) {
  const onnx::TensorProto &valuesProto = sparse.values();
  std::string what = "sparse tensor '" + valuesProto.name() + "'";
  FailureOr<TensorBytes> values = readTensor(valuesProto, ctx, loc);
  FailureOr<TensorBytes> indices = readTensor(sparse.indices(), ctx, loc);
  if (failed(values) || failed(indices))
    return failure();
  if (sparse.indices().data_type() != onnx::TensorProto::INT64)
    return emitError(loc) << what << " has indices of type "
                          << dataTypeName(sparse.indices().data_type())
                          << ", expected INT64";
  SmallVector<int64_t> shape(sparse.dims().begin(), sparse.dims().end());
  int64_t numElements = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return emitError(loc) << what << " has a negative size " << dim;
    numElements *= dim;
  }
  int64_t nnz = values->type.getNumElements();
  int64_t rank = static_cast<int64_t>(shape.size());
  ArrayRef<int64_t> idx(reinterpret_cast<const int64_t *>(indices->data.data()),
                        indices->type.getNumElements());
  bool linear = indices->type.getRank() == 1;
  if (int64_t(idx.size()) != (linear ? nnz : nnz * rank))
    return emitError(loc) << what << " has " << idx.size() << " indices for "
                          << nnz << " values";
  TensorBytes dense;
  dense.type = RankedTensorType::get(shape, values->type.getElementType());
  dense.byteWidth = values->byteWidth;
  dense.storage.assign(static_cast<size_t>(numElements) * dense.byteWidth, 0);
  for (int64_t i = 0; i < nnz; ++i) {
    int64_t flat = 0;
    if (linear) {
      flat = idx[i];
    } else {
      for (int64_t d = 0; d < rank; ++d) {
        int64_t index = idx[i * rank + d];
        if (index < 0 || index >= shape[d])
          return emitError(loc) << what << " has index " << index
                                << " out of range in dimension " << d;
        flat = flat * shape[d] + index;
      }
    }
    if (flat < 0 || flat >= numElements)
      return emitError(loc)
             << what << " has index " << flat << " out of range for "
             << numElements << " elements";
    std::memcpy(dense.storage.data() + flat * dense.byteWidth,
                values->data.data() + i * dense.byteWidth, dense.byteWidth);
  }
  dense.data = dense.storage;
  return makeAttr(dense, valuesProto.name(), ctx);
}

} // namespace ds::onnx_import
