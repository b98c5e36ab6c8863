//===- DType.cpp - Element types ------------------------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "ds/runtime/model_abi.h"
#include "ds/runtime/runtime.h"

// runtime.h repeats the ABI's numbering so that clients need not include
// model_abi.h; the two must not drift apart. (Through int: the constants
// are members of two different enums.)
static constexpr bool same(int a, int b) { return a == b; }
static_assert(same(DS_DTYPE_FLOAT32, DS_ABI_FLOAT) &&
                  same(DS_DTYPE_UINT8, DS_ABI_UINT8) &&
                  same(DS_DTYPE_INT8, DS_ABI_INT8) &&
                  same(DS_DTYPE_UINT16, DS_ABI_UINT16) &&
                  same(DS_DTYPE_INT16, DS_ABI_INT16) &&
                  same(DS_DTYPE_INT32, DS_ABI_INT32) &&
                  same(DS_DTYPE_INT64, DS_ABI_INT64) &&
                  same(DS_DTYPE_BOOL, DS_ABI_BOOL) &&
                  same(DS_DTYPE_FLOAT16, DS_ABI_FLOAT16) &&
                  same(DS_DTYPE_FLOAT64, DS_ABI_DOUBLE) &&
                  same(DS_DTYPE_UINT32, DS_ABI_UINT32) &&
                  same(DS_DTYPE_UINT64, DS_ABI_UINT64) &&
                  same(DS_DTYPE_BFLOAT16, DS_ABI_BFLOAT16) &&
                  same(DS_DTYPE_FLOAT8E4M3FN, DS_ABI_FLOAT8E4M3FN) &&
                  same(DS_DTYPE_FLOAT8E4M3FNUZ, DS_ABI_FLOAT8E4M3FNUZ) &&
                  same(DS_DTYPE_FLOAT8E5M2, DS_ABI_FLOAT8E5M2) &&
                  same(DS_DTYPE_FLOAT8E5M2FNUZ, DS_ABI_FLOAT8E5M2FNUZ) &&
                  same(DS_DTYPE_FLOAT4E2M1, DS_ABI_FLOAT4E2M1) &&
                  same(DS_DTYPE_FLOAT8E8M0, DS_ABI_FLOAT8E8M0),
              "runtime.h and model_abi.h number the element types differently");

extern "C" {

DS_API size_t ds_dtype_size(DsDType dtype) {
  switch (dtype) {
  case DS_DTYPE_UINT8:
  case DS_DTYPE_INT8:
  case DS_DTYPE_BOOL:
  case DS_DTYPE_FLOAT8E4M3FN:
  case DS_DTYPE_FLOAT8E4M3FNUZ:
  case DS_DTYPE_FLOAT8E5M2:
  case DS_DTYPE_FLOAT8E5M2FNUZ:
  case DS_DTYPE_FLOAT4E2M1: // one element a byte, unpacked
  case DS_DTYPE_FLOAT8E8M0:
    return 1;
  case DS_DTYPE_UINT16:
  case DS_DTYPE_INT16:
  case DS_DTYPE_FLOAT16:
  case DS_DTYPE_BFLOAT16:
    return 2;
  case DS_DTYPE_FLOAT32:
  case DS_DTYPE_INT32:
  case DS_DTYPE_UINT32:
    return 4;
  case DS_DTYPE_INT64:
  case DS_DTYPE_FLOAT64:
  case DS_DTYPE_UINT64:
    return 8;
  default:
    return 0;
  }
}

DS_API const char *ds_dtype_name(DsDType dtype) {
  switch (dtype) {
  case DS_DTYPE_FLOAT32:
    return "float32";
  case DS_DTYPE_UINT8:
    return "uint8";
  case DS_DTYPE_INT8:
    return "int8";
  case DS_DTYPE_UINT16:
    return "uint16";
  case DS_DTYPE_INT16:
    return "int16";
  case DS_DTYPE_INT32:
    return "int32";
  case DS_DTYPE_INT64:
    return "int64";
  case DS_DTYPE_BOOL:
    return "bool";
  case DS_DTYPE_FLOAT16:
    return "float16";
  case DS_DTYPE_FLOAT64:
    return "float64";
  case DS_DTYPE_UINT32:
    return "uint32";
  case DS_DTYPE_UINT64:
    return "uint64";
  case DS_DTYPE_BFLOAT16:
    return "bfloat16";
  case DS_DTYPE_FLOAT8E4M3FN:
    return "float8_e4m3fn";
  case DS_DTYPE_FLOAT8E4M3FNUZ:
    return "float8_e4m3fnuz";
  case DS_DTYPE_FLOAT8E5M2:
    return "float8_e5m2";
  case DS_DTYPE_FLOAT8E5M2FNUZ:
    return "float8_e5m2fnuz";
  case DS_DTYPE_FLOAT4E2M1:
    return "float4_e2m1fn";
  case DS_DTYPE_FLOAT8E8M0:
    return "float8_e8m0fnu";
  default:
    return "unknown";
  }
}

} // extern "C"
