//===- RunTest.cpp - Running models and the checks before a run -----------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "TestModels.h"

#include <cstring>

using namespace ds::test;
using ds::runtime::ModelPtr;
using ds::runtime::StatusPtr;
using ds::runtime::TensorPtr;
using testing::HasSubstr;

extern "C" int ds_c_api_smoke(const char *path, char *error, size_t error_size);

namespace {

std::vector<float> iota(size_t count, float start, float step) {
  std::vector<float> values(count);
  for (size_t i = 0; i < count; ++i)
    values[i] = start + step * static_cast<float>(i);
  return values;
}

TEST(Run, AddBorrowedInputs) {
  auto model = load(addModel());
  ASSERT_TRUE(model);
  auto x = iota(12, 0.0f, 1.0f), y = iota(12, 100.0f, -2.0f);
  TensorPtr tx = wrap(DS_DTYPE_FLOAT32, {3, 4}, x),
            ty = wrap(DS_DTYPE_FLOAT32, {3, 4}, y);
  auto outputs = run(model.get(), {tx.get(), ty.get()}, 2);
  ASSERT_EQ(outputs.size(), 1u);
  const DsTensor *z = outputs[0].get();
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(ds_tensor_dtype(z), DS_DTYPE_FLOAT32);
  ASSERT_EQ(ds_tensor_rank(z), 2u);
  EXPECT_EQ(ds_tensor_dims(z)[0], 3);
  EXPECT_EQ(ds_tensor_dims(z)[1], 4);
  EXPECT_EQ(ds_tensor_byte_size(z), 48u);
  const float *values = static_cast<const float *>(ds_tensor_data(z));
  for (size_t i = 0; i < 12; ++i)
    EXPECT_EQ(values[i], x[i] + y[i]) << "element " << i;
}

TEST(Run, AddOwnedInputsAndDefaultOptions) {
  auto model = load(addModel());
  ASSERT_TRUE(model);
  int64_t dims[] = {5, 4};
  DsTensor *x = nullptr, *y = nullptr;
  ASSERT_EQ(StatusPtr(ds_tensor_create(DS_DTYPE_FLOAT32, dims, 2, &x)),
            nullptr);
  ASSERT_EQ(StatusPtr(ds_tensor_create(DS_DTYPE_FLOAT32, dims, 2, &y)),
            nullptr);
  TensorPtr ownedX(x), ownedY(y);
  for (int i = 0; i < 20; ++i) {
    static_cast<float *>(ds_tensor_data(x))[i] = 0.5f * i;
    static_cast<float *>(ds_tensor_data(y))[i] = 3.0f;
  }
  DsTensor *inputs[] = {x, y};
  DsTensor *z = nullptr;
  ASSERT_EQ(StatusPtr(ds_model_run(model.get(), nullptr, inputs, 2, &z, 1)),
            nullptr);
  TensorPtr ownedZ(z);
  EXPECT_EQ(static_cast<float *>(ds_tensor_data(z))[19], 0.5f * 19 + 3.0f);
}

TEST(Run, EmptyBatch) {
  auto model = load(addModel());
  ASSERT_TRUE(model);
  std::vector<float> none;
  auto x = wrap(DS_DTYPE_FLOAT32, {0, 4}, none),
       y = wrap(DS_DTYPE_FLOAT32, {0, 4}, none);
  auto outputs = run(model.get(), {x.get(), y.get()});
  ASSERT_TRUE(outputs[0]);
  EXPECT_EQ(ds_tensor_dims(outputs[0].get())[0], 0);
  EXPECT_EQ(ds_tensor_byte_size(outputs[0].get()), 0u);
}

TEST(Run, OutputOwnership) {
  auto model = load(multiModel());
  ASSERT_TRUE(model);
  long before = liveBlocks(multiModel());
  ASSERT_GE(before, 0);
  std::vector<int64_t> ids = {3, -1, 7};
  TensorPtr input = wrap(DS_DTYPE_INT64, {3}, ids);
  auto outputs = run(model.get(), {input.get()});
  ASSERT_EQ(outputs.size(), 3u);
  ASSERT_TRUE(outputs[0] && outputs[1] && outputs[2]);
  // `doubled` is the model's block, handed over without a copy.
  EXPECT_EQ(liveBlocks(multiModel()), before + 1);
  const auto *doubled =
      static_cast<const int64_t *>(ds_tensor_data(outputs[0].get()));
  EXPECT_EQ(doubled[0], 6);
  EXPECT_EQ(doubled[1], -2);
  EXPECT_EQ(doubled[2], 14);

  // `echo` is the input itself (output_allocs NULL): it must be a copy
  // that survives the input.
  EXPECT_NE(ds_tensor_data(outputs[2].get()), static_cast<void *>(ids.data()));
  input.reset();
  ids.assign(3, 0);
  const auto *echo =
      static_cast<const int64_t *>(ds_tensor_data(outputs[2].get()));
  EXPECT_EQ(echo[0], 3);
  EXPECT_EQ(echo[2], 7);

  // `table/const` is a constant of the library: a copy that survives the
  // model.
  model.reset();
  const auto *table =
      static_cast<const float *>(ds_tensor_data(outputs[1].get()));
  EXPECT_EQ(ds_tensor_dims(outputs[1].get())[1], 3);
  EXPECT_EQ(table[0], 0.5f);
  EXPECT_EQ(table[5], 5.5f);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(table) % 64, 0u);

  // `doubled` still needs the library's release: the library stays loaded
  // until the output is freed, and is unloaded with it.
  EXPECT_EQ(liveBlocks(multiModel()), before + 1);
  outputs[0].reset();
  EXPECT_EQ(liveBlocks(multiModel()), -1) << "the library is still loaded";
}

TEST(Run, ReleasesEveryOutputBlock) {
  auto model = load(addModel());
  ASSERT_TRUE(model);
  long before = liveBlocks(addModel());
  ASSERT_GE(before, 0);
  std::vector<float> x(8);
  TensorPtr tx = wrap(DS_DTYPE_FLOAT32, {2, 4}, x);
  {
    auto first = run(model.get(), {tx.get(), tx.get()});
    auto second = run(model.get(), {tx.get(), tx.get()});
    EXPECT_EQ(liveBlocks(addModel()), before + 2);
  }
  EXPECT_EQ(liveBlocks(addModel()), before);
}

TEST(Run, CApiFromC99) {
  char error[256];
  EXPECT_EQ(ds_c_api_smoke(addModel(), error, sizeof error), 0) << error;
}

/// Runs `add` on hand-built inputs; runWith gives the status as
/// "code: message".
class AddChecks : public testing::Test {
protected:
  void SetUp() override {
    model = load(addModel());
    ASSERT_TRUE(model);
  }

  std::string runWith(std::vector<DsTensor *> inputs, size_t numOutputs = 1) {
    std::vector<DsTensor *> outputs(numOutputs,
                                    reinterpret_cast<DsTensor *>(0x1));
    StatusPtr status(ds_model_run(model.get(), nullptr, inputs.data(),
                                  inputs.size(), outputs.data(),
                                  outputs.size()));
    for (DsTensor *output : outputs)
      EXPECT_EQ(output, nullptr) << "an output was left on failure";
    return describe(status.get());
  }

  /// A tensor over `data` with any dims and byte size.
  TensorPtr tensor(DsDType dtype, std::vector<int64_t> dims, size_t bytes) {
    DsTensor *raw = nullptr;
    StatusPtr status(ds_tensor_wrap(dtype, dims.data(), dims.size(),
                                    data.data(), bytes, &raw));
    EXPECT_EQ(status, nullptr) << ds_status_message(status.get());
    return TensorPtr(raw);
  }

  ModelPtr model;
  std::vector<double> data = std::vector<double>(64);
};

TEST_F(AddChecks, InputCount) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  EXPECT_EQ(runWith({x.get()}),
            "invalid argument: model 'add' takes 2 inputs, got 1");
}

TEST_F(AddChecks, OutputCount) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  EXPECT_EQ(runWith({x.get(), x.get()}, 2),
            "invalid argument: model 'add' has 1 outputs, got room for 2");
}

TEST_F(AddChecks, NullInput) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  EXPECT_EQ(runWith({x.get(), nullptr}),
            "invalid argument: input 'y' (#1) is NULL");
}

TEST_F(AddChecks, DType) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  auto y = tensor(DS_DTYPE_INT64, {2, 4}, 64);
  EXPECT_EQ(
      runWith({x.get(), y.get()}),
      "invalid argument: input 'y' (#1): dtype is int64, the model expects "
      "float32");
}

TEST_F(AddChecks, Rank) {
  auto x = tensor(DS_DTYPE_FLOAT32, {8}, 32);
  auto y = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  EXPECT_EQ(runWith({x.get(), y.get()}),
            "invalid argument: input 'x' (#0): rank is 1, the model expects 2");
}

TEST_F(AddChecks, StaticDim) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 5}, 40);
  auto y = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  EXPECT_EQ(
      runWith({x.get(), y.get()}),
      "invalid argument: input 'x' (#0): dim 1 is 5, the model expects 4");
}

TEST_F(AddChecks, NegativeDim) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  auto y = tensor(DS_DTYPE_FLOAT32, {-2, 4}, 32);
  EXPECT_EQ(runWith({x.get(), y.get()}),
            "invalid argument: input 'y' (#1): dim 0 is -2, dims must be >= 0");
}

TEST_F(AddChecks, SymbolicDim) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  auto y = tensor(DS_DTYPE_FLOAT32, {3, 4}, 48);
  EXPECT_EQ(runWith({x.get(), y.get()}),
            "invalid argument: input 'y' (#1): dim 0 ('N') is 3, but input 'x' "
            "(#0) has N = 2");
}

TEST(Run, SymbolicDimWithinOneInput) {
  auto model = load(squareModel());
  ASSERT_TRUE(model);
  std::vector<float> data(6);
  TensorPtr m = wrap(DS_DTYPE_FLOAT32, {2, 3}, data);
  DsTensor *inputs[] = {m.get()};
  DsTensor *out = nullptr;
  StatusPtr status(ds_model_run(model.get(), nullptr, inputs, 1, &out, 1));
  EXPECT_EQ(
      describe(status.get()),
      "invalid argument: input 'm' (#0): dim 1 ('S') is 3, but its dim 0 has "
      "S = 2");
  m = wrap(DS_DTYPE_FLOAT32, {2, 2}, data);
  inputs[0] = m.get();
  status.reset(ds_model_run(model.get(), nullptr, inputs, 1, &out, 1));
  EXPECT_EQ(status, nullptr) << ds_status_message(status.get());
  ds_tensor_free(out);
}

TEST_F(AddChecks, DataSize) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  auto y = tensor(DS_DTYPE_FLOAT32, {2, 4}, 31);
  EXPECT_EQ(runWith({x.get(), y.get()}),
            "invalid argument: input 'y' (#1): holds 31 bytes, dims [2, 4] of "
            "float32 need 32");
}

TEST_F(AddChecks, LargerBufferIsFine) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  auto y = tensor(DS_DTYPE_FLOAT32, {2, 4}, 64);
  DsTensor *inputs[] = {x.get(), y.get()};
  DsTensor *z = nullptr;
  EXPECT_EQ(StatusPtr(ds_model_run(model.get(), nullptr, inputs, 2, &z, 1)),
            nullptr);
  ds_tensor_free(z);
}

TEST_F(AddChecks, DimsTooLarge) {
  auto x = tensor(DS_DTYPE_FLOAT32, {INT64_MAX / 2, 4}, 32);
  auto y = tensor(DS_DTYPE_FLOAT32, {INT64_MAX / 2, 4}, 32);
  EXPECT_THAT(
      runWith({x.get(), y.get()}),
      HasSubstr("input 'x' (#0): dims [4611686018427387903, 4] of float32 "
                "do not fit in memory"));
}

TEST_F(AddChecks, NullArguments) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  DsTensor *inputs[] = {x.get(), x.get()};
  DsTensor *z = nullptr;
  StatusPtr status(ds_model_run(nullptr, nullptr, inputs, 2, &z, 1));
  EXPECT_EQ(describe(status.get()),
            "invalid argument: ds_model_run: `model` is NULL");
  status.reset(ds_model_run(model.get(), nullptr, nullptr, 2, &z, 1));
  EXPECT_EQ(describe(status.get()),
            "invalid argument: ds_model_run: `inputs` is NULL");
  status.reset(ds_model_run(model.get(), nullptr, inputs, 2, nullptr, 1));
  EXPECT_EQ(describe(status.get()),
            "invalid argument: ds_model_run: `outputs` is NULL");
}

TEST_F(AddChecks, RunOptions) {
  auto x = tensor(DS_DTYPE_FLOAT32, {2, 4}, 32);
  DsTensor *inputs[] = {x.get(), x.get()};
  DsTensor *z = nullptr;
  DsRunOptions options = {}; // struct_size 0: never initialized
  StatusPtr status(ds_model_run(model.get(), &options, inputs, 2, &z, 1));
  EXPECT_THAT(describe(status.get()),
              HasSubstr("DsRunOptions.struct_size is 0"));
  ds_run_options_init(&options);
  options.num_threads = -1;
  status.reset(ds_model_run(model.get(), &options, inputs, 2, &z, 1));
  EXPECT_EQ(
      describe(status.get()),
      "invalid argument: DsRunOptions.num_threads is -1, it must be in [0, "
      "1024] (0: one per hardware thread)");
  options.num_threads = DS_MAX_THREADS + 1;
  status.reset(ds_model_run(model.get(), &options, inputs, 2, &z, 1));
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(z, nullptr);
}

TEST(Run, ModelBreakingItsSignature) {
  auto model = load(badOutputModel());
  ASSERT_TRUE(model);
  long before = liveBlocks(badOutputModel());
  std::vector<float> x(3);
  TensorPtr input = wrap(DS_DTYPE_FLOAT32, {3}, x);
  DsTensor *inputs[] = {input.get()};
  DsTensor *y = reinterpret_cast<DsTensor *>(0x1);
  StatusPtr status(ds_model_run(model.get(), nullptr, inputs, 1, &y, 1));
  EXPECT_EQ(
      describe(status.get()),
      "internal: model 'bad_output' returned output 'y' (#0) with dims [4], "
      "its signature says [3]");
  EXPECT_EQ(y, nullptr);
  // The refused block went back to the library.
  EXPECT_EQ(liveBlocks(badOutputModel()), before);
}

} // namespace
