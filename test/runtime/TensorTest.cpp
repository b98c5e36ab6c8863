//===- TensorTest.cpp - Tensors, element types, statuses ------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "TestModels.h"

#include <cstdint>
#include <cstring>

using namespace ds::test;
using ds::runtime::StatusPtr;
using ds::runtime::TensorPtr;
using testing::HasSubstr;

namespace {

TEST(Tensor, CreateOwnsZeroedAlignedMemory) {
  int64_t dims[] = {3, 5};
  DsTensor *raw = nullptr;
  ASSERT_EQ(StatusPtr(ds_tensor_create(DS_DTYPE_INT16, dims, 2, &raw)),
            nullptr);
  TensorPtr tensor(raw);
  EXPECT_EQ(ds_tensor_dtype(raw), DS_DTYPE_INT16);
  ASSERT_EQ(ds_tensor_rank(raw), 2u);
  EXPECT_EQ(ds_tensor_dims(raw)[0], 3);
  EXPECT_EQ(ds_tensor_dims(raw)[1], 5);
  EXPECT_EQ(ds_tensor_byte_size(raw), 30u);
  EXPECT_EQ(ds_tensor_num_elements(raw), 15);
  auto address = reinterpret_cast<uintptr_t>(ds_tensor_data(raw));
  EXPECT_EQ(address % 64, 0u);
  const auto *bytes = static_cast<const unsigned char *>(ds_tensor_data(raw));
  for (size_t i = 0; i < 30; ++i)
    ASSERT_EQ(bytes[i], 0) << "byte " << i;
}

TEST(Tensor, CreateScalarAndEmpty) {
  DsTensor *scalar = nullptr;
  ASSERT_EQ(StatusPtr(ds_tensor_create(DS_DTYPE_FLOAT64, nullptr, 0, &scalar)),
            nullptr);
  TensorPtr ownedScalar(scalar);
  EXPECT_EQ(ds_tensor_byte_size(scalar), 8u);
  EXPECT_EQ(ds_tensor_num_elements(scalar), 1);
  EXPECT_EQ(ds_tensor_dims(scalar), nullptr);

  // A zero dim empties the tensor even next to a dim that alone would not
  // fit in memory.
  int64_t dims[] = {0, INT64_MAX};
  DsTensor *empty = nullptr;
  ASSERT_EQ(StatusPtr(ds_tensor_create(DS_DTYPE_FLOAT32, dims, 2, &empty)),
            nullptr);
  TensorPtr ownedEmpty(empty);
  EXPECT_EQ(ds_tensor_byte_size(empty), 0u);
  EXPECT_EQ(ds_tensor_num_elements(empty), 0);
  EXPECT_NE(ds_tensor_data(empty), nullptr);
}

TEST(Tensor, CreateRejectsBadArguments) {
  int64_t negative[] = {2, -1};
  DsTensor *tensor = reinterpret_cast<DsTensor *>(0x1);
  StatusPtr status(ds_tensor_create(DS_DTYPE_FLOAT32, negative, 2, &tensor));
  EXPECT_EQ(tensor, nullptr);
  EXPECT_EQ(describe(status.get()), "invalid argument: cannot create a tensor: "
                                    "dim 1 is -1, dims must be >= 0");

  int64_t dims[] = {2};
  status.reset(ds_tensor_create(8 /* ONNX string */, dims, 1, &tensor));
  EXPECT_EQ(describe(status.get()),
            "invalid argument: ds_tensor_create: 8 is not a DsDType");
  status.reset(ds_tensor_create(DS_DTYPE_FLOAT32, nullptr, 1, &tensor));
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INVALID_ARGUMENT);
  status.reset(ds_tensor_create(DS_DTYPE_FLOAT32, dims, 1, nullptr));
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INVALID_ARGUMENT);

  int64_t huge[] = {INT64_MAX / 2, 4};
  status.reset(ds_tensor_create(DS_DTYPE_FLOAT32, huge, 2, &tensor));
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(ds_status_message(status.get()),
              HasSubstr("do not fit in memory"));
}

TEST(Tensor, CreateOutOfMemory) {
  // 2^60 bytes: a valid size_t on 64-bit targets, but beyond any address
  // space, so the allocation fails whatever the overcommit policy.
  int64_t dims[] = {int64_t(1) << 58};
  DsTensor *tensor = nullptr;
  StatusPtr status(ds_tensor_create(DS_DTYPE_FLOAT32, dims, 1, &tensor));
  if (sizeof(size_t) < 8) {
    EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INVALID_ARGUMENT);
    return;
  }
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_OUT_OF_MEMORY);
  EXPECT_THAT(ds_status_message(status.get()), HasSubstr("cannot allocate"));
  EXPECT_EQ(tensor, nullptr);
}

TEST(Tensor, WrapBorrows) {
  std::vector<int32_t> data = {1, 2, 3, 4, 5, 6};
  int64_t dims[] = {2, 3};
  DsTensor *raw = nullptr;
  ASSERT_EQ(StatusPtr(ds_tensor_wrap(DS_DTYPE_INT32, dims, 2, data.data(),
                                     data.size() * 4, &raw)),
            nullptr);
  EXPECT_EQ(ds_tensor_data(raw), data.data());
  EXPECT_EQ(ds_tensor_byte_size(raw), 24u);
  dims[0] = 7; // the tensor keeps its own copy of the dims
  EXPECT_EQ(ds_tensor_dims(raw)[0], 2);
  ds_tensor_free(raw);
  EXPECT_EQ(data[5], 6); // still the caller's
}

TEST(Tensor, WrapRejectsNullData) {
  int64_t dims[] = {2};
  DsTensor *tensor = nullptr;
  StatusPtr status(
      ds_tensor_wrap(DS_DTYPE_FLOAT32, dims, 1, nullptr, 8, &tensor));
  EXPECT_EQ(describe(status.get()),
            "invalid argument: ds_tensor_wrap: `data` is NULL for 8 bytes");
  // An empty tensor needs no data.
  int64_t empty[] = {0};
  status.reset(ds_tensor_wrap(DS_DTYPE_FLOAT32, empty, 1, nullptr, 0, &tensor));
  EXPECT_EQ(status, nullptr);
  ds_tensor_free(tensor);
}

TEST(Tensor, NullQueries) {
  EXPECT_EQ(ds_tensor_rank(nullptr), 0u);
  EXPECT_EQ(ds_tensor_data(nullptr), nullptr);
  EXPECT_EQ(ds_tensor_byte_size(nullptr), 0u);
  EXPECT_EQ(ds_tensor_num_elements(nullptr), 0);
  ds_tensor_free(nullptr);
}

TEST(DType, SizesAndNames) {
  struct Case {
    DsDType dtype;
    size_t size;
    const char *name;
  } cases[] = {
      {DS_DTYPE_FLOAT32, 4, "float32"},   {DS_DTYPE_UINT8, 1, "uint8"},
      {DS_DTYPE_INT8, 1, "int8"},         {DS_DTYPE_UINT16, 2, "uint16"},
      {DS_DTYPE_INT16, 2, "int16"},       {DS_DTYPE_INT32, 4, "int32"},
      {DS_DTYPE_INT64, 8, "int64"},       {DS_DTYPE_BOOL, 1, "bool"},
      {DS_DTYPE_FLOAT16, 2, "float16"},   {DS_DTYPE_FLOAT64, 8, "float64"},
      {DS_DTYPE_UINT32, 4, "uint32"},     {DS_DTYPE_UINT64, 8, "uint64"},
      {DS_DTYPE_BFLOAT16, 2, "bfloat16"},
      {DS_DTYPE_FLOAT8E4M3FN, 1, "float8_e4m3fn"},
      {DS_DTYPE_FLOAT8E4M3FNUZ, 1, "float8_e4m3fnuz"},
      {DS_DTYPE_FLOAT8E5M2, 1, "float8_e5m2"},
      {DS_DTYPE_FLOAT8E5M2FNUZ, 1, "float8_e5m2fnuz"},
      {DS_DTYPE_FLOAT4E2M1, 1, "float4_e2m1fn"}, // one a byte, unpacked
      {DS_DTYPE_FLOAT8E8M0, 1, "float8_e8m0fnu"},
  };
  for (const Case &c : cases) {
    EXPECT_EQ(ds_dtype_size(c.dtype), c.size) << c.name;
    EXPECT_STREQ(ds_dtype_name(c.dtype), c.name);
  }
  for (DsDType unknown : {0, 8, 14, 21, 22, 25, -1}) {
    EXPECT_EQ(ds_dtype_size(unknown), 0u) << unknown;
    EXPECT_STREQ(ds_dtype_name(unknown), "unknown");
  }
}

TEST(Status, NullIsSuccess) {
  EXPECT_EQ(ds_status_code(nullptr), DS_STATUS_OK);
  EXPECT_STREQ(ds_status_message(nullptr), "");
  EXPECT_STREQ(ds_status_code_name(DS_STATUS_INCOMPATIBLE), "incompatible");
  ds_status_free(nullptr);
}

} // namespace
