//===- Format.cpp - What ds-run prints ------------------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "Format.h"

#include <cinttypes>
#include <cmath>
#include <cstring>

namespace ds::run {

namespace {

float floatOfBits(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

float halfToFloat(uint16_t half) {
  uint32_t sign = static_cast<uint32_t>(half & 0x8000) << 16;
  uint32_t exponent = (half >> 10) & 0x1f;
  uint32_t mantissa = half & 0x3ff;
  if (exponent == 0x1f) // inf, nan
    return floatOfBits(sign | 0x7f800000u | (mantissa << 13));
  if (exponent == 0) { // zero, subnormal: mantissa * 2^-24
    float magnitude = static_cast<float>(mantissa) * (1.0f / 16777216.0f);
    return sign ? -magnitude : magnitude;
  }
  return floatOfBits(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

/// The value of a float8, float4 or e8m0 byte, for printing: ONNX's
/// formats, with `exponentBits` and `bias`; E5M2 has IEEE infinities and
/// NaNs, E4M3FN one NaN (S.1111.111), the FNUZ formats one NaN (0x80) and
/// no -0, E2M1 only numbers, E8M0 only 2^(e - 127) and NaN (0xFF).
double smallFloatValue(DsDType dtype, uint8_t bits) {
  const double nan = static_cast<double>(floatOfBits(0x7fc00000u));
  if (dtype == DS_DTYPE_FLOAT8E8M0)
    return bits == 0xff ? nan : std::ldexp(1.0, int(bits) - 127);
  int width = 8, exponentBits = 4, bias = 7;
  switch (dtype) {
  case DS_DTYPE_FLOAT8E4M3FNUZ:
    bias = 8;
    break;
  case DS_DTYPE_FLOAT8E5M2:
    exponentBits = 5, bias = 15;
    break;
  case DS_DTYPE_FLOAT8E5M2FNUZ:
    exponentBits = 5, bias = 16;
    break;
  case DS_DTYPE_FLOAT4E2M1:
    width = 4, exponentBits = 2, bias = 1;
    break;
  default:
    break;
  }
  int mantissaBits = width - 1 - exponentBits;
  bool negative = (bits >> (width - 1)) & 1;
  int exponent = (bits >> mantissaBits) & ((1 << exponentBits) - 1);
  int mantissa = bits & ((1 << mantissaBits) - 1);
  bool fnuz =
      dtype == DS_DTYPE_FLOAT8E4M3FNUZ || dtype == DS_DTYPE_FLOAT8E5M2FNUZ;
  if ((fnuz && bits == 0x80) ||
      (dtype == DS_DTYPE_FLOAT8E4M3FN && (bits & 0x7f) == 0x7f) ||
      (dtype == DS_DTYPE_FLOAT8E5M2 && exponent == 31 && mantissa))
    return nan;
  double magnitude =
      dtype == DS_DTYPE_FLOAT8E5M2 && exponent == 31
          ? HUGE_VAL
          : std::ldexp(exponent ? mantissa + (1 << mantissaBits) : mantissa,
                       (exponent ? exponent : 1) - bias - mantissaBits);
  return negative ? -magnitude : magnitude;
}

std::string formatElement(DsDType dtype, const void *data, size_t i) {
  char text[64];
  auto load = [&](auto value) {
    std::memcpy(&value, static_cast<const char *>(data) + i * sizeof value,
                sizeof value);
    return value;
  };
  switch (dtype) {
  case DS_DTYPE_FLOAT32:
    std::snprintf(text, sizeof text, "%g", static_cast<double>(load(float())));
    break;
  case DS_DTYPE_FLOAT64:
    std::snprintf(text, sizeof text, "%g", load(double()));
    break;
  case DS_DTYPE_FLOAT16:
    std::snprintf(text, sizeof text, "%g",
                  static_cast<double>(halfToFloat(load(uint16_t()))));
    break;
  case DS_DTYPE_BFLOAT16:
    std::snprintf(
        text, sizeof text, "%g",
        static_cast<double>(floatOfBits(uint32_t(load(uint16_t())) << 16)));
    break;
  case DS_DTYPE_INT8:
    std::snprintf(text, sizeof text, "%d", load(int8_t()));
    break;
  case DS_DTYPE_INT16:
    std::snprintf(text, sizeof text, "%d", load(int16_t()));
    break;
  case DS_DTYPE_INT32:
    std::snprintf(text, sizeof text, "%" PRId32, load(int32_t()));
    break;
  case DS_DTYPE_INT64:
    std::snprintf(text, sizeof text, "%" PRId64, load(int64_t()));
    break;
  case DS_DTYPE_UINT8:
    std::snprintf(text, sizeof text, "%u", load(uint8_t()));
    break;
  case DS_DTYPE_UINT16:
    std::snprintf(text, sizeof text, "%u", load(uint16_t()));
    break;
  case DS_DTYPE_UINT32:
    std::snprintf(text, sizeof text, "%" PRIu32, load(uint32_t()));
    break;
  case DS_DTYPE_UINT64:
    std::snprintf(text, sizeof text, "%" PRIu64, load(uint64_t()));
    break;
  case DS_DTYPE_BOOL:
    return load(uint8_t()) ? "true" : "false";
  case DS_DTYPE_FLOAT8E4M3FN:
  case DS_DTYPE_FLOAT8E4M3FNUZ:
  case DS_DTYPE_FLOAT8E5M2:
  case DS_DTYPE_FLOAT8E5M2FNUZ:
  case DS_DTYPE_FLOAT4E2M1:
  case DS_DTYPE_FLOAT8E8M0:
    std::snprintf(text, sizeof text, "%g",
                  smallFloatValue(dtype, load(uint8_t())));
    break;
  default:
    return "?";
  }
  return text;
}

} // namespace

std::string formatDims(const int64_t *dims, size_t rank) {
  std::string text = "[";
  for (size_t i = 0; i < rank; ++i)
    text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + "]";
}

std::string formatSpecDims(const DsTensorSpec &spec) {
  std::string text = "[";
  for (size_t i = 0; i < spec.rank; ++i) {
    if (i)
      text += ", ";
    if (spec.dims[i] >= 0)
      text += std::to_string(spec.dims[i]);
    else
      text += *spec.dim_names[i] ? spec.dim_names[i] : "?";
  }
  return text + "]";
}

std::string formatSpec(const DsTensorSpec &spec) {
  return std::string(spec.name) + ": " + ds_dtype_name(spec.dtype) + " " +
         formatSpecDims(spec);
}

std::string formatValues(const DsTensor *tensor, size_t limit) {
  int64_t count = ds_tensor_num_elements(tensor);
  std::string text = "[";
  for (int64_t i = 0; i < count && static_cast<size_t>(i) < limit; ++i)
    text += (i ? ", " : "") + formatElement(ds_tensor_dtype(tensor),
                                            ds_tensor_data(tensor),
                                            static_cast<size_t>(i));
  if (count > 0 && static_cast<uint64_t>(count) > limit)
    text += ", ...";
  return text + "]";
}

void printSignature(std::FILE *out, const DsModel *model) {
  std::fprintf(out, "model '%s'\ninputs:\n", ds_model_name(model));
  for (size_t i = 0; i < ds_model_num_inputs(model); ++i)
    std::fprintf(out, "  #%zu %s\n", i,
                 formatSpec(*ds_model_input(model, i)).c_str());
  std::fprintf(out, "outputs:\n");
  for (size_t j = 0; j < ds_model_num_outputs(model); ++j)
    std::fprintf(out, "  #%zu %s\n", j,
                 formatSpec(*ds_model_output(model, j)).c_str());
  std::fprintf(out, "workspace: %llu bytes\n",
               static_cast<unsigned long long>(ds_model_workspace_bytes(model)));
}

} // namespace ds::run
