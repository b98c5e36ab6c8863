//===- ResourceTest.cpp - Weights as dense_resource blobs -------*- C++ -*-===//
//
// Part of ds. Weights must not be copied when IR is cloned, and must survive
// a bytecode round trip bit for bit.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "ds/InitAll.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

/// A module whose function returns one f32 weight of `numElements`, filled
/// with a pattern; the blob is named "weight".
OwningOpRef<ModuleOp> makeWeightModule(MLIRContext &context,
                                       int64_t numElements) {
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  auto type = RankedTensorType::get({numElements}, builder.getF32Type());
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(
      numElements * sizeof(float), alignof(float), /*dataIsMutable=*/true);
  auto *data = reinterpret_cast<float *>(blob.getMutableData().data());
  for (int64_t i = 0; i < numElements; ++i)
    data[i] = static_cast<float>(i % 1000) * 0.5f;
  auto attr = DenseResourceElementsAttr::get(type, "weight", std::move(blob));

  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, loc, "weights",
                                   builder.getFunctionType({}, {type}));
  builder.setInsertionPointToEnd(func.addEntryBlock());
  Value weight = ds::ConstantOp::create(builder, loc, type, attr);
  func::ReturnOp::create(builder, loc, weight);
  return module;
}

ArrayRef<char> weightBytes(ModuleOp module) {
  ds::ConstantOp constant;
  module.walk([&](ds::ConstantOp op) { constant = op; });
  auto attr = cast<DenseResourceElementsAttr>(constant.getValue());
  return attr.getRawHandle().getBlob()->getData();
}

class ResourceTest : public ::testing::Test {
protected:
  void SetUp() override {
    DialectRegistry registry;
    ds::registerDSDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }
  MLIRContext context;
};

TEST_F(ResourceTest, CloneSharesTheBytes) {
  OwningOpRef<ModuleOp> module = makeWeightModule(context, 1 << 20);
  OwningOpRef<ModuleOp> copy = module->clone();
  ArrayRef<char> a = weightBytes(*module), b = weightBytes(*copy);
  EXPECT_EQ(a.data(), b.data()) << "cloning copied the weight";
  EXPECT_EQ(a.size(), size_t(4) << 20);
}

TEST_F(ResourceTest, BytecodeRoundTripIsExact) {
  const int64_t n = 1 << 20;
  OwningOpRef<ModuleOp> module = makeWeightModule(context, n);
  std::string buffer;
  llvm::raw_string_ostream os(buffer);
  ASSERT_TRUE(succeeded(writeBytecodeToFile(*module, os)));

  MLIRContext other;
  DialectRegistry registry;
  ds::registerDSDialects(registry);
  other.appendDialectRegistry(registry);
  ParserConfig config(&other);
  OwningOpRef<ModuleOp> parsed =
      parseSourceString<ModuleOp>(buffer, config, "weights.mlirbc");
  ASSERT_TRUE(parsed);
  ArrayRef<char> a = weightBytes(*module), b = weightBytes(*parsed);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size()));
}

TEST_F(ResourceTest, TextRoundTripIsExact) {
  OwningOpRef<ModuleOp> module = makeWeightModule(context, 4096);
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  EXPECT_NE(text.find("dense_resource<weight>"), std::string::npos);
  EXPECT_NE(text.find("dialect_resources"), std::string::npos);
  ParserConfig config(&context);
  OwningOpRef<ModuleOp> parsed = parseSourceString<ModuleOp>(text, config);
  ASSERT_TRUE(parsed);
  ArrayRef<char> a = weightBytes(*module), b = weightBytes(*parsed);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size()));
}

} // namespace
