//===- DialectTest.cpp - C++ API of the ds dialect --------------*- C++ -*-===//
//
// Part of ds. What passes rely on: builders that infer result types, the
// compute-precision interface, and speculative inference that reports
// nothing.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "ds/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

class DialectTest : public ::testing::Test {
protected:
  DialectTest() : builder(&context) {
    DialectRegistry registry;
    ds::registerDSDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
    module = ModuleOp::create(builder.getUnknownLoc());
    builder.setInsertionPointToEnd(module->getBody());
  }

  /// A function with arguments of `types`; the builder is left in its body.
  func::FuncOp makeFunc(TypeRange types) {
    auto func = func::FuncOp::create(builder, builder.getUnknownLoc(), "f",
                                     builder.getFunctionType(types, {}));
    builder.setInsertionPointToEnd(func.addEntryBlock());
    return func;
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};

TEST_F(DialectTest, BuilderInfersBroadcastType) {
  auto f32 = builder.getF32Type();
  auto a = RankedTensorType::get({ShapedType::kDynamic, 1}, f32);
  auto b = RankedTensorType::get({5}, f32);
  func::FuncOp func = makeFunc({a, b});
  auto add =
      ds::AddOp::create(builder, builder.getUnknownLoc(), func.getArgument(0),
                        func.getArgument(1), ds::PrecisionAttr());
  EXPECT_EQ(add.getType(),
            RankedTensorType::get({ShapedType::kDynamic, 5}, f32));
  auto less = ds::LessOp::create(builder, builder.getUnknownLoc(),
                                 func.getArgument(0), func.getArgument(1));
  EXPECT_EQ(cast<ShapedType>(less.getType()).getElementType(),
            builder.getI1Type());
}

TEST_F(DialectTest, PrecisionThroughTheInterface) {
  auto f16 = RankedTensorType::get({4}, builder.getF16Type());
  func::FuncOp func = makeFunc({f16});
  Value x = func.getArgument(0);
  auto mul = ds::MulOp::create(builder, builder.getUnknownLoc(), x, x,
                               ds::PrecisionAttr());
  func::ReturnOp::create(builder, builder.getUnknownLoc());
  auto iface = cast<ds::ComputePrecisionOpInterface>(mul.getOperation());
  EXPECT_FALSE(iface.getComputePrecision().has_value());

  iface.setComputePrecision(ds::Precision::BF16);
  EXPECT_EQ(iface.getComputePrecision(), ds::Precision::BF16);
  EXPECT_TRUE(succeeded(verify(*module)));

  // tf32 needs f32 operands: the verifier must reject it on f16.
  iface.setComputePrecision(ds::Precision::TF32);
  std::string message;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      message = diag.str();
      return success();
    });
    EXPECT_TRUE(failed(verify(*module)));
  }
  EXPECT_NE(message.find("precision 'tf32' requires f32 operands"),
            std::string::npos)
      << message;

  iface.setComputePrecision(std::nullopt);
  EXPECT_FALSE(mul.getPrecision().has_value());
}

TEST_F(DialectTest, SpeculativeInferenceReportsNothing) {
  auto f32 = builder.getF32Type();
  func::FuncOp func = makeFunc(
      {RankedTensorType::get({4, 3}, f32), RankedTensorType::get({2}, f32)});
  int diagnostics = 0;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &) {
    ++diagnostics;
    return success();
  });
  SmallVector<Type> inferred;
  ds::AddOp::Adaptor adaptor(func.getArguments());
  EXPECT_TRUE(failed(
      ds::AddOp::inferReturnTypes(&context, std::nullopt, adaptor, inferred)));
  EXPECT_EQ(diagnostics, 0);
}

TEST_F(DialectTest, ConstantsAreMaterializedAsDSConstants) {
  auto type = RankedTensorType::get({2}, builder.getI64Type());
  auto value = DenseElementsAttr::get(type, ArrayRef<int64_t>{3, 4});
  Operation *op =
      context.getLoadedDialect<ds::DSDialect>()->materializeConstant(
          builder, value, type, builder.getUnknownLoc());
  ASSERT_NE(op, nullptr);
  EXPECT_TRUE(isa<ds::ConstantOp>(op));
  EXPECT_EQ(cast<ds::ConstantOp>(op).getValue(), value);
}

} // namespace
