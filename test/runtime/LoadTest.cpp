//===- LoadTest.cpp - Loading models and reading their signature ----------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "TestModels.h"

#include "ds/runtime/model_abi.h"

#include <cstdio>
#include <fstream>

using namespace ds::test;
using ds::runtime::StatusPtr;
using testing::HasSubstr;

namespace {

StatusPtr loadFails(const std::string &path) {
  DsModel *model = reinterpret_cast<DsModel *>(0x1);
  StatusPtr status(ds_model_load(path.c_str(), &model));
  EXPECT_EQ(model, nullptr);
  return status;
}

TEST(Load, Signature) {
  auto model = load(addModel());
  ASSERT_TRUE(model);
  EXPECT_STREQ(ds_model_name(model.get()), "add");
  ASSERT_EQ(ds_model_num_inputs(model.get()), 2u);
  ASSERT_EQ(ds_model_num_outputs(model.get()), 1u);
  const DsTensorSpec *y = ds_model_input(model.get(), 1);
  ASSERT_NE(y, nullptr);
  EXPECT_STREQ(y->name, "y");
  EXPECT_EQ(y->dtype, DS_DTYPE_FLOAT32);
  ASSERT_EQ(y->rank, 2u);
  EXPECT_EQ(y->dims[0], -1);
  EXPECT_EQ(y->dims[1], 4);
  EXPECT_STREQ(y->dim_names[0], "N");
  EXPECT_STREQ(y->dim_names[1], "");
  const DsTensorSpec *z = ds_model_output(model.get(), 0);
  ASSERT_NE(z, nullptr);
  EXPECT_STREQ(z->name, "z");
  EXPECT_EQ(ds_model_input(model.get(), 2), nullptr);
  EXPECT_EQ(ds_model_output(model.get(), 1), nullptr);
}

TEST(Load, SignatureOfSeveralDTypes) {
  auto model = load(multiModel());
  ASSERT_TRUE(model);
  EXPECT_EQ(ds_model_input(model.get(), 0)->dtype, DS_DTYPE_INT64);
  ASSERT_EQ(ds_model_num_outputs(model.get()), 3u);
  const DsTensorSpec *table = ds_model_output(model.get(), 1);
  EXPECT_STREQ(table->name, "table/const");
  EXPECT_EQ(table->dtype, DS_DTYPE_FLOAT32);
  EXPECT_EQ(table->dims[0], 2);
  EXPECT_EQ(table->dims[1], 3);
}

TEST(Load, IndexByName) {
  auto model = load(multiModel());
  ASSERT_TRUE(model);
  size_t index = 99;
  EXPECT_EQ(StatusPtr(ds_model_output_index(model.get(), "echo", &index)),
            nullptr);
  EXPECT_EQ(index, 2u);
  EXPECT_EQ(StatusPtr(ds_model_input_index(model.get(), "ids", &index)),
            nullptr);
  EXPECT_EQ(index, 0u);
  StatusPtr missing(ds_model_input_index(model.get(), "echo", &index));
  EXPECT_EQ(ds_status_code(missing.get()), DS_STATUS_NOT_FOUND);
  EXPECT_STREQ(ds_status_message(missing.get()),
               "model 'multi' has no input named 'echo' (its inputs: ids)");
  StatusPtr null(ds_model_output_index(model.get(), nullptr, &index));
  EXPECT_EQ(ds_status_code(null.get()), DS_STATUS_INVALID_ARGUMENT);
}

TEST(Load, MissingFile) {
  StatusPtr status = loadFails("no/such/model.so");
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_NOT_FOUND);
  EXPECT_STREQ(ds_status_message(status.get()),
               "cannot open model library 'no/such/model.so': No such file or "
               "directory");
}

TEST(Load, Directory) {
  StatusPtr status = loadFails(testing::TempDir());
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_NOT_FOUND);
  EXPECT_THAT(ds_status_message(status.get()), HasSubstr("not a file"));
}

TEST(Load, NotALibrary) {
  std::string path = testing::TempDir() + "ds_runtime_not_a_library.so";
  std::ofstream(path) << "this is text, not ELF\n";
  StatusPtr status = loadFails(path);
  std::remove(path.c_str());
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INCOMPATIBLE);
  EXPECT_THAT(ds_status_message(status.get()),
              HasSubstr("cannot load model library '" + path + "': "));
}

TEST(Load, NoEntrySymbol) {
  StatusPtr status = loadFails(noSymbolModel());
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INCOMPATIBLE);
  EXPECT_EQ(ds_status_message(status.get()),
            "'" + std::string(noSymbolModel()) +
                "' is not a ds model library: it does not export ds_model_get");
}

TEST(Load, AbiVersionMismatch) {
  StatusPtr status = loadFails(badAbiModel());
  EXPECT_EQ(ds_status_code(status.get()), DS_STATUS_INCOMPATIBLE);
  EXPECT_THAT(ds_status_message(status.get()),
              HasSubstr("was built for model ABI version " +
                        std::to_string(DS_MODEL_ABI_VERSION + 1) +
                        ", this runtime reads version " +
                        std::to_string(DS_MODEL_ABI_VERSION)));
}

TEST(Load, NullArguments) {
  DsModel *model = nullptr;
  StatusPtr noPath(ds_model_load(nullptr, &model));
  EXPECT_EQ(ds_status_code(noPath.get()), DS_STATUS_INVALID_ARGUMENT);
  StatusPtr emptyPath(ds_model_load("", &model));
  EXPECT_EQ(ds_status_code(emptyPath.get()), DS_STATUS_INVALID_ARGUMENT);
  StatusPtr noOut(ds_model_load(addModel(), nullptr));
  EXPECT_EQ(ds_status_code(noOut.get()), DS_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(ds_status_message(noOut.get()), HasSubstr("`out` is NULL"));
}

TEST(Load, NullModelQueries) {
  EXPECT_EQ(ds_model_num_inputs(nullptr), 0u);
  EXPECT_EQ(ds_model_num_outputs(nullptr), 0u);
  EXPECT_EQ(ds_model_input(nullptr, 0), nullptr);
  EXPECT_STREQ(ds_model_name(nullptr), "");
  ds_model_free(nullptr);
}

TEST(Load, TwiceFromOneLibrary) {
  // dlopen hands both the same mapping: freeing one must leave the other
  // working.
  auto first = load(addModel());
  auto second = load(addModel());
  ASSERT_TRUE(first && second);
  first.reset();
  std::vector<float> x(8, 1.0f), y(8, 2.0f);
  auto outputs = run(second.get(), {wrap(DS_DTYPE_FLOAT32, {2, 4}, x).get(),
                                    wrap(DS_DTYPE_FLOAT32, {2, 4}, y).get()});
  ASSERT_EQ(outputs.size(), 1u);
  ASSERT_TRUE(outputs[0]);
  EXPECT_EQ(static_cast<float *>(ds_tensor_data(outputs[0].get()))[7], 3.0f);
}

} // namespace
