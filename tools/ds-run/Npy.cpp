//===- Npy.cpp - NumPy .npy files -----------------------------------------===//
//
// Part of ds.
//
// The format: "\x93NUMPY", a major and minor version byte, the header
// length (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), then the
// header, a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and a newline, then the raw data.
//
//===----------------------------------------------------------------------===//

#include "Npy.h"
#include "Shape.h"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sys/stat.h>
#include <vector>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ds-run reads and writes little-endian data as is: port it to big-endian"
#endif

using ds::runtime::StatusPtr;
using ds::runtime::TensorPtr;

namespace ds::run {

namespace {

constexpr char kMagic[] = "\x93NUMPY";

/// `text` from a file, fit for a message: other bytes than printable ASCII
/// become \xNN.
std::string printable(const std::string &text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      out += escaped;
    }
  }
  return out;
}
constexpr size_t kMagicSize = 6;

struct FileCloser {
  void operator()(std::FILE *file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

/// The header fields ds-run needs.
struct Header {
  std::string descr;
  bool fortranOrder = false;
  bool haveDescr = false, haveOrder = false, haveShape = false;
  std::vector<int64_t> shape;
};

/// A parser for the one dict literal .npy headers hold: string keys; string,
/// boolean and int-tuple values.
class HeaderParser {
public:
  explicit HeaderParser(const std::string &text) : text_(text) {}

  bool parse(Header &header, std::string &error) {
    if (!consume('{'))
      return fail("the header is not a dict", error);
    while (!consume('}')) {
      std::string key;
      if (!string(key) || !consume(':'))
        return fail("the header is not a dict of 'key': value", error);
      if (key == "descr") {
        if (!string(header.descr)) {
          skipSpace();
          if (pos_ < text_.size() && text_[pos_] == '[')
            return fail("structured dtypes are not supported", error);
          return fail("'descr' is not a string", error);
        }
        header.haveDescr = true;
      } else if (key == "fortran_order") {
        if (!boolean(header.fortranOrder))
          return fail("'fortran_order' is not True or False", error);
        header.haveOrder = true;
      } else if (key == "shape") {
        if (!tuple(header.shape))
          return fail("'shape' is not a tuple of sizes", error);
        header.haveShape = true;
      } else {
        return fail("unexpected key '" + printable(key) + "'", error);
      }
      if (!consume(',') && !peek('}'))
        return fail("the header is not a dict", error);
    }
    if (!header.haveDescr || !header.haveOrder || !header.haveShape)
      return fail("'descr', 'fortran_order' or 'shape' is missing", error);
    return true;
  }

private:
  static bool fail(const std::string &why, std::string &error) {
    error = "bad .npy header: " + why;
    return false;
  }
  void skipSpace() {
    while (pos_ < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
  }
  bool peek(char c) {
    skipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  bool consume(char c) {
    if (!peek(c))
      return false;
    ++pos_;
    return true;
  }
  bool string(std::string &out) {
    skipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      return false;
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string::npos)
      return false;
    out = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return true;
  }
  bool word(const char *w) {
    skipSpace();
    size_t n = std::strlen(w);
    if (text_.compare(pos_, n, w) != 0)
      return false;
    pos_ += n;
    return true;
  }
  bool boolean(bool &out) {
    if (word("True"))
      return out = true, true;
    if (word("False"))
      return out = false, true;
    return false;
  }
  bool tuple(std::vector<int64_t> &out) {
    if (!consume('('))
      return false;
    while (!consume(')')) {
      skipSpace();
      size_t start = pos_;
      int64_t value = 0;
      while (pos_ < text_.size() &&
             std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        int digit = text_[pos_++] - '0';
        if (value > (INT64_MAX - digit) / 10)
          return false;
        value = value * 10 + digit;
      }
      if (pos_ == start)
        return false;
      if (pos_ < text_.size() && text_[pos_] == 'L') // Python 2's long
        ++pos_;
      out.push_back(value);
      if (!consume(',') && !peek(')'))
        return false;
    }
    return true;
  }

  const std::string &text_;
  size_t pos_ = 0;
};

struct DescrEntry {
  const char *code; // kind and size, without the byte order
  DsDType dtype;
};
constexpr DescrEntry kDescrs[] = {
    {"f4", DS_DTYPE_FLOAT32}, {"f8", DS_DTYPE_FLOAT64},
    {"f2", DS_DTYPE_FLOAT16}, {"i1", DS_DTYPE_INT8},
    {"i2", DS_DTYPE_INT16},   {"i4", DS_DTYPE_INT32},
    {"i8", DS_DTYPE_INT64},   {"u1", DS_DTYPE_UINT8},
    {"u2", DS_DTYPE_UINT16},  {"u4", DS_DTYPE_UINT32},
    {"u8", DS_DTYPE_UINT64},  {"b1", DS_DTYPE_BOOL},
};

bool dtypeOfDescr(const std::string &descr, DsDType &dtype,
                  std::string &error) {
  if (descr.size() < 2) {
    error = "unsupported dtype '" + printable(descr) + "'";
    return false;
  }
  char order = descr[0];
  std::string code = descr.substr(1);
  for (const DescrEntry &entry : kDescrs) {
    if (code != entry.code)
      continue;
    if (order == '>' && ds_dtype_size(entry.dtype) > 1) {
      error = "big-endian data ('" + descr +
              "') is not supported: save the array with "
              "arr.astype(arr.dtype.newbyteorder('<'))";
      return false;
    }
    if (order != '<' && order != '|' && order != '=' && order != '>')
      break;
    dtype = entry.dtype;
    return true;
  }
  error = "unsupported dtype '" + printable(descr) + "'";
  return false;
}

const char *descrOf(DsDType dtype) {
  switch (dtype) {
  case DS_DTYPE_FLOAT32:
    return "<f4";
  case DS_DTYPE_FLOAT64:
    return "<f8";
  case DS_DTYPE_FLOAT16:
    return "<f2";
  case DS_DTYPE_INT8:
    return "|i1";
  case DS_DTYPE_INT16:
    return "<i2";
  case DS_DTYPE_INT32:
    return "<i4";
  case DS_DTYPE_INT64:
    return "<i8";
  case DS_DTYPE_UINT8:
  // NumPy has no float8, float4 or e8m0 either: their bits as uint8 (float4
  // one element a byte, in the low 4 bits), as ml_dtypes arrays view.
  case DS_DTYPE_FLOAT8E4M3FN:
  case DS_DTYPE_FLOAT8E4M3FNUZ:
  case DS_DTYPE_FLOAT8E5M2:
  case DS_DTYPE_FLOAT8E5M2FNUZ:
  case DS_DTYPE_FLOAT4E2M1:
  case DS_DTYPE_FLOAT8E8M0:
    return "|u1";
  case DS_DTYPE_UINT16:
  case DS_DTYPE_BFLOAT16: // NumPy has no bfloat16: its bits as uint16
    return "<u2";
  case DS_DTYPE_UINT32:
    return "<u4";
  case DS_DTYPE_UINT64:
    return "<u8";
  case DS_DTYPE_BOOL:
    return "|b1";
  default:
    return nullptr;
  }
}

uint32_t readLittleEndian(const unsigned char *bytes, size_t count) {
  uint32_t value = 0;
  for (size_t i = 0; i < count; ++i)
    value |= static_cast<uint32_t>(bytes[i]) << (8 * i);
  return value;
}

} // namespace

bool readNpy(const std::string &path, DsDType expected, TensorPtr &out,
             std::string &error) {
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  unsigned char prefix[kMagicSize + 2];
  if (std::fread(prefix, 1, sizeof prefix, file.get()) != sizeof prefix ||
      std::memcmp(prefix, kMagic, kMagicSize) != 0) {
    error = "not a .npy file (no \\x93NUMPY magic)";
    return false;
  }
  unsigned major = prefix[kMagicSize];
  if (major < 1 || major > 3) {
    error = "unsupported .npy format version " + std::to_string(major) + "." +
            std::to_string(prefix[kMagicSize + 1]);
    return false;
  }
  size_t lengthBytes = major == 1 ? 2 : 4;
  unsigned char lengthField[4];
  if (std::fread(lengthField, 1, lengthBytes, file.get()) != lengthBytes) {
    error = "truncated .npy header";
    return false;
  }
  uint32_t headerLength = readLittleEndian(lengthField, lengthBytes);
  // Real headers are a few hundred bytes; a huge length is a corrupt file.
  if (headerLength > (1u << 24)) {
    error = "bad .npy header length " + std::to_string(headerLength);
    return false;
  }
  std::string text(headerLength, '\0');
  if (std::fread(text.data(), 1, headerLength, file.get()) != headerLength) {
    error = "truncated .npy header";
    return false;
  }

  Header header;
  if (!HeaderParser(text).parse(header, error))
    return false;
  if (header.fortranOrder) {
    error = "Fortran-order arrays are not supported: save "
            "np.ascontiguousarray(arr)";
    return false;
  }
  DsDType dtype = 0;
  if (!dtypeOfDescr(header.descr, dtype, error))
    return false;
  if (dtype == DS_DTYPE_UINT16 && expected == DS_DTYPE_BFLOAT16)
    dtype = DS_DTYPE_BFLOAT16;
  if (dtype == DS_DTYPE_UINT8 && ds_dtype_size(expected) == 1 &&
      expected != DS_DTYPE_INT8 && expected != DS_DTYPE_BOOL)
    dtype = expected; // float8, float4 and e8m0 bits

  uint64_t bytes = 0;
  if (!byteSizeOf(dtype, header.shape, bytes, error))
    return false;
  struct stat info;
  if (fstat(fileno(file.get()), &info) != 0) {
    error = std::string("cannot read: ") + std::strerror(errno);
    return false;
  }
  uint64_t dataStart = kMagicSize + 2 + lengthBytes + headerLength;
  uint64_t held = static_cast<uint64_t>(info.st_size) > dataStart
                      ? static_cast<uint64_t>(info.st_size) - dataStart
                      : 0;
  if (held != bytes) {
    error = "holds " + std::to_string(held) +
            " bytes of data, its shape needs " + std::to_string(bytes);
    return false;
  }

  DsTensor *tensor = nullptr;
  StatusPtr status(ds_tensor_create(dtype, header.shape.data(),
                                    header.shape.size(), &tensor));
  if (status) {
    error = ds_status_message(status.get());
    return false;
  }
  TensorPtr result(tensor);
  if (std::fread(ds_tensor_data(tensor), 1, bytes, file.get()) != bytes) {
    error = std::string("cannot read the data: ") + std::strerror(errno);
    return false;
  }
  if (dtype == DS_DTYPE_FLOAT4E2M1) {
    const auto *data = static_cast<const uint8_t *>(ds_tensor_data(tensor));
    for (uint64_t i = 0; i < bytes; ++i)
      if (data[i] > 0xF) {
        error = "element " + std::to_string(i) + " is " +
                std::to_string(data[i]) +
                ": float4_e2m1fn holds one element a byte, in its low 4 bits";
        return false;
      }
  }
  out = std::move(result);
  return true;
}

bool writeNpy(const std::string &path, const DsTensor *tensor,
              std::string &error) {
  const char *descr = descrOf(ds_tensor_dtype(tensor));
  if (!descr) {
    error = std::string("cannot write dtype ") +
            ds_dtype_name(ds_tensor_dtype(tensor));
    return false;
  }
  std::string shape = "(";
  const int64_t *dims = ds_tensor_dims(tensor);
  size_t rank = ds_tensor_rank(tensor);
  for (size_t i = 0; i < rank; ++i)
    shape += std::to_string(dims[i]) + (rank == 1 || i + 1 < rank ? ", " : "");
  if (rank == 1)
    shape.pop_back(); // "(3,)"
  shape += ")";
  std::string text = std::string("{'descr': '") + descr +
                     "', 'fortran_order': False, 'shape': " + shape + ", }";
  // NumPy pads the header with spaces and a newline so that the data starts
  // at a multiple of 64 bytes.
  bool wide = text.size() + 64 > 65535; // the padded length must fit 2 bytes
  size_t prefix = kMagicSize + 2 + (wide ? 4 : 2);
  size_t total = prefix + text.size() + 1;
  text.append((64 - total % 64) % 64, ' ');
  text += '\n';

  File file(std::fopen(path.c_str(), "wb"));
  if (!file) {
    error = std::string("cannot create: ") + std::strerror(errno);
    return false;
  }
  std::string head(kMagic, kMagicSize);
  head += static_cast<char>(wide ? 2 : 1);
  head += '\0';
  uint32_t length = static_cast<uint32_t>(text.size());
  for (size_t i = 0; i < (wide ? 4u : 2u); ++i)
    head += static_cast<char>((length >> (8 * i)) & 0xff);
  head += text;
  size_t bytes = ds_tensor_byte_size(tensor);
  if (std::fwrite(head.data(), 1, head.size(), file.get()) != head.size() ||
      std::fwrite(ds_tensor_data(tensor), 1, bytes, file.get()) != bytes ||
      std::fflush(file.get()) != 0) {
    error = std::string("cannot write: ") + std::strerror(errno);
    return false;
  }
  return true;
}

} // namespace ds::run
