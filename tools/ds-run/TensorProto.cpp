//===- TensorProto.cpp - ONNX TensorProto files ---------------------------===//
//
// Part of ds.
//
// A protobuf wire-format reader for the few TensorProto fields that carry
// a dense tensor, so that ds-run needs no protobuf library (it is built for
// boards with nothing but libstdc++). Field numbers are onnx.proto's:
//   1 dims (int64, packed or not)     2 data_type (int32)
//   3 segment (rejected)              4 float_data (packed or not)
//   5 int32_data (also int8/16, uint8/16, bool, float16, bfloat16, float8
//     and e8m0 bits; float4 bits two to a value)
//   7 int64_data                      8 name
//   9 raw_data (little-endian)        10 double_data
//   11 uint64_data (also uint32)      14 data_location (EXTERNAL rejected)
// Other fields (string_data, doc_string, external_data entries, ...) are
// skipped by wire type. ONNX packs FLOAT4E2M1 two to a byte, the first
// element in the low 4 bits (in raw_data and in each int32_data value);
// the runtime holds one a byte, which the reader unpacks to.
//
//===----------------------------------------------------------------------===//

#include "TensorProto.h"
#include "Shape.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "TensorProto data is little-endian: port ds-run to big-endian hosts"
#endif

using ds::runtime::StatusPtr;
using ds::runtime::TensorPtr;

namespace ds::run {

namespace {

enum WireType { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

/// Reads wire-format values from a byte range; every read checks bounds.
class WireReader {
public:
  WireReader(const uint8_t *begin, const uint8_t *end) : p_(begin), end_(end) {}

  bool done() const { return p_ == end_; }

  bool varint(uint64_t &value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_)
        return false;
      uint8_t byte = *p_++;
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80))
        return true;
    }
    return false; // more than 10 bytes
  }
  template <typename T> bool fixed(T &value) {
    if (static_cast<size_t>(end_ - p_) < sizeof(T))
      return false;
    std::memcpy(&value, p_, sizeof(T));
    p_ += sizeof(T);
    return true;
  }
  bool bytes(const uint8_t *&data, size_t &size) {
    uint64_t length = 0;
    if (!varint(length) || length > static_cast<uint64_t>(end_ - p_))
      return false;
    data = p_;
    size = static_cast<size_t>(length);
    p_ += size;
    return true;
  }
  bool skip(uint32_t wireType) {
    uint64_t ignored;
    const uint8_t *data;
    size_t size;
    switch (wireType) {
    case kVarint:
      return varint(ignored);
    case kFixed64:
      return fixed(ignored);
    case kLengthDelimited:
      return bytes(data, size);
    case kFixed32: {
      uint32_t word;
      return fixed(word);
    }
    default: // groups (3, 4) are not used by onnx.proto
      return false;
    }
  }

private:
  const uint8_t *p_;
  const uint8_t *end_;
};

/// The fields read from the message.
struct Fields {
  std::vector<int64_t> dims;
  int64_t dataType = 0;
  std::string name;
  bool haveRaw = false;
  const uint8_t *raw = nullptr;
  size_t rawSize = 0;
  std::vector<float> floats;
  std::vector<int64_t> int32s; // int32_data, before truncation
  std::vector<int64_t> int64s;
  std::vector<double> doubles;
  std::vector<uint64_t> uint64s;
  bool segmented = false;
  int64_t dataLocation = 0;
};

/// A repeated scalar field: one value, or a packed run of them.
template <typename T>
bool repeatedVarint(WireReader &reader, uint32_t wireType,
                    std::vector<T> &out) {
  uint64_t value;
  if (wireType == kVarint) {
    if (!reader.varint(value))
      return false;
    out.push_back(static_cast<T>(value));
    return true;
  }
  const uint8_t *data;
  size_t size;
  if (wireType != kLengthDelimited || !reader.bytes(data, size))
    return false;
  WireReader packed(data, data + size);
  while (!packed.done()) {
    if (!packed.varint(value))
      return false;
    out.push_back(static_cast<T>(value));
  }
  return true;
}

template <typename T>
bool repeatedFixed(WireReader &reader, uint32_t wireType, uint32_t single,
                   std::vector<T> &out) {
  T value;
  if (wireType == single) {
    if (!reader.fixed(value))
      return false;
    out.push_back(value);
    return true;
  }
  const uint8_t *data;
  size_t size;
  if (wireType != kLengthDelimited || !reader.bytes(data, size) ||
      size % sizeof(T) != 0)
    return false;
  size_t start = out.size();
  out.resize(start + size / sizeof(T));
  std::memcpy(out.data() + start, data, size);
  return true;
}

bool parseFields(const std::string &bytes, Fields &fields, std::string &error) {
  const auto *begin = reinterpret_cast<const uint8_t *>(bytes.data());
  WireReader reader(begin, begin + bytes.size());
  while (!reader.done()) {
    uint64_t key;
    if (!reader.varint(key)) {
      error = "not a TensorProto: truncated field key";
      return false;
    }
    auto field = static_cast<uint32_t>(key >> 3);
    auto wireType = static_cast<uint32_t>(key & 7);
    bool ok = true;
    uint64_t value = 0;
    const uint8_t *data = nullptr;
    size_t size = 0;
    switch (field) {
    case 1:
      ok = repeatedVarint(reader, wireType, fields.dims);
      break;
    case 2:
      ok = wireType == kVarint && reader.varint(value);
      fields.dataType = static_cast<int64_t>(value);
      break;
    case 3:
      fields.segmented = true;
      ok = reader.skip(wireType);
      break;
    case 4:
      ok = repeatedFixed(reader, wireType, kFixed32, fields.floats);
      break;
    case 5:
      ok = repeatedVarint(reader, wireType, fields.int32s);
      break;
    case 7:
      ok = repeatedVarint(reader, wireType, fields.int64s);
      break;
    case 8:
      ok = wireType == kLengthDelimited && reader.bytes(data, size);
      if (ok)
        fields.name.assign(reinterpret_cast<const char *>(data), size);
      break;
    case 9:
      ok = wireType == kLengthDelimited &&
           reader.bytes(fields.raw, fields.rawSize);
      fields.haveRaw = true;
      break;
    case 10:
      ok = repeatedFixed(reader, wireType, kFixed64, fields.doubles);
      break;
    case 11:
      ok = repeatedVarint(reader, wireType, fields.uint64s);
      break;
    case 14:
      ok = wireType == kVarint && reader.varint(value);
      fields.dataLocation = static_cast<int64_t>(value);
      break;
    default:
      ok = reader.skip(wireType);
      break;
    }
    if (!ok) {
      error = "not a TensorProto: field " + std::to_string(field) +
              " (wire type " + std::to_string(wireType) +
              ") is malformed or truncated";
      return false;
    }
  }
  return true;
}

const char *onnxTypeName(int64_t dataType) {
  switch (dataType) {
  case 0:
    return "UNDEFINED";
  case 8:
    return "STRING";
  case 14:
    return "COMPLEX64";
  case 15:
    return "COMPLEX128";
  default:
    return nullptr;
  }
}

/// Stores values[i], converted to T, into element i of `out`.
template <typename T, typename Src>
void narrowInto(void *out, const std::vector<Src> &values) {
  auto *dst = static_cast<T *>(out);
  for (size_t i = 0; i < values.size(); ++i)
    dst[i] = static_cast<T>(values[i]);
}

/// The number of values in the typed field that holds `dtype`.
size_t typedValues(const Fields &fields, DsDType dtype) {
  switch (dtype) {
  case DS_DTYPE_FLOAT32:
    return fields.floats.size();
  case DS_DTYPE_FLOAT64:
    return fields.doubles.size();
  case DS_DTYPE_INT64:
    return fields.int64s.size();
  case DS_DTYPE_UINT64:
  case DS_DTYPE_UINT32:
    return fields.uint64s.size();
  default: // ONNX stores the others in int32_data
    return fields.int32s.size();
  }
}

/// Copies the typed field that holds `dtype` into `out`, which has room
/// for typedValues(fields, dtype) elements.
void copyTyped(const Fields &fields, DsDType dtype, void *out) {
  switch (dtype) {
  case DS_DTYPE_FLOAT32:
    return narrowInto<float>(out, fields.floats);
  case DS_DTYPE_FLOAT64:
    return narrowInto<double>(out, fields.doubles);
  case DS_DTYPE_INT64:
    return narrowInto<int64_t>(out, fields.int64s);
  case DS_DTYPE_UINT64:
    return narrowInto<uint64_t>(out, fields.uint64s);
  case DS_DTYPE_UINT32:
    return narrowInto<uint32_t>(out, fields.uint64s);
  case DS_DTYPE_INT32:
    return narrowInto<int32_t>(out, fields.int32s);
  // float16 and bfloat16 as their bits, in the low 16 bits of int32_data.
  case DS_DTYPE_INT16:
  case DS_DTYPE_UINT16:
  case DS_DTYPE_FLOAT16:
  case DS_DTYPE_BFLOAT16:
    return narrowInto<uint16_t>(out, fields.int32s);
  case DS_DTYPE_INT8:
  case DS_DTYPE_UINT8:
  case DS_DTYPE_FLOAT8E4M3FN:
  case DS_DTYPE_FLOAT8E4M3FNUZ:
  case DS_DTYPE_FLOAT8E5M2:
  case DS_DTYPE_FLOAT8E5M2FNUZ:
  case DS_DTYPE_FLOAT8E8M0:
    return narrowInto<uint8_t>(out, fields.int32s);
  case DS_DTYPE_BOOL: {
    auto *dst = static_cast<uint8_t *>(out);
    for (size_t i = 0; i < fields.int32s.size(); ++i)
      dst[i] = fields.int32s[i] != 0;
    return;
  }
  default:
    return;
  }
}

/// Unpacks `count` 4-bit elements from `packed` (two a byte, the first in
/// the low bits) into one byte each.
void unpack4Bit(const uint8_t *packed, uint64_t count, void *out) {
  auto *dst = static_cast<uint8_t *>(out);
  for (uint64_t i = 0; i < count; ++i)
    dst[i] = (packed[i / 2] >> (i % 2 ? 4 : 0)) & 0xF;
}

} // namespace

bool readTensorProto(const std::string &path, TensorPtr &out, std::string &name,
                     std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  std::string bytes((std::istreambuf_iterator<char>(file)),
                    std::istreambuf_iterator<char>());
  if (file.bad()) {
    error = "cannot read the file";
    return false;
  }
  Fields fields;
  if (!parseFields(bytes, fields, error))
    return false;
  if (fields.segmented) {
    error = "segmented TensorProtos are not supported";
    return false;
  }
  if (fields.dataLocation == 1) {
    error = "the tensor's data is external; save it with the data inline";
    return false;
  }
  auto dtype = static_cast<DsDType>(fields.dataType);
  if (fields.dataType != dtype || ds_dtype_size(dtype) == 0) {
    const char *typeName = onnxTypeName(fields.dataType);
    error = "data_type " + std::to_string(fields.dataType) +
            (typeName ? std::string(" (") + typeName + ")" : std::string()) +
            " is not supported";
    return false;
  }
  uint64_t bytesNeeded = 0;
  if (!byteSizeOf(dtype, fields.dims, bytesNeeded, error))
    return false;
  uint64_t elements = bytesNeeded / ds_dtype_size(dtype);
  bool packed = dtype == DS_DTYPE_FLOAT4E2M1;
  // What the message holds: bytes of raw_data, values of int32_data.
  uint64_t stored = packed ? (elements + 1) / 2 : bytesNeeded;
  // Compare what the message holds with the dims before allocating.
  if (fields.haveRaw && fields.rawSize != stored) {
    error = "raw_data holds " + std::to_string(fields.rawSize) +
            " bytes, dims need " + std::to_string(stored) + " of " +
            ds_dtype_name(dtype) + (packed ? " (two a byte)" : "");
    return false;
  }
  size_t typedCount = 0;
  if (!fields.haveRaw) {
    typedCount = typedValues(fields, dtype);
    if (packed && typedCount != stored) {
      error = "holds " + std::to_string(typedCount) + " values of " +
              ds_dtype_name(dtype) + ", its dims need " +
              std::to_string(stored) + " (two a value)";
      return false;
    }
    if (!packed && typedCount != elements) {
      error = "holds " + std::to_string(typedCount) + " values of " +
              ds_dtype_name(dtype) + ", its dims need " +
              std::to_string(elements);
      return false;
    }
  }
  DsTensor *tensor = nullptr;
  StatusPtr status(
      ds_tensor_create(dtype, fields.dims.data(), fields.dims.size(), &tensor));
  if (status) {
    error = ds_status_message(status.get());
    return false;
  }
  TensorPtr result(tensor);
  if (packed) {
    std::vector<uint8_t> pairs;
    if (fields.haveRaw)
      pairs.assign(fields.raw, fields.raw + stored);
    else
      for (int64_t value : fields.int32s)
        pairs.push_back(static_cast<uint8_t>(value));
    unpack4Bit(pairs.data(), elements, ds_tensor_data(tensor));
  } else if (fields.haveRaw) {
    if (bytesNeeded)
      std::memcpy(ds_tensor_data(tensor), fields.raw, bytesNeeded);
  } else {
    copyTyped(fields, dtype, ds_tensor_data(tensor));
  }
  name = std::move(fields.name);
  out = std::move(result);
  return true;
}

} // namespace ds::run
