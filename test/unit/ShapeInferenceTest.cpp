//===- ShapeInferenceTest.cpp - Unit tests of shape helpers -----*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ShapeInference.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

TEST(BroadcastShapes, AlignsFromTheRight) {
  auto r = ds::broadcastShapes(std::nullopt, {4, 1, 3}, {5, 1});
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(*r, (SmallVector<int64_t>{4, 5, 3}));
}

TEST(BroadcastShapes, DynamicAgainstStatic) {
  auto r = ds::broadcastShapes(std::nullopt, {ds::kDynamic, 1, ds::kDynamic},
                               {7, 1, 1});
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(*r, (SmallVector<int64_t>{7, 1, ds::kDynamic}));
}

TEST(BroadcastShapes, RejectsMismatch) {
  EXPECT_TRUE(failed(ds::broadcastShapes(std::nullopt, {2, 3}, {4, 3})));
}

TEST(NormalizeAxis, NegativeAndOutOfRange) {
  EXPECT_EQ(*ds::normalizeAxis(std::nullopt, -1, 4), 3);
  EXPECT_EQ(*ds::normalizeAxis(std::nullopt, 0, 1), 0);
  EXPECT_TRUE(failed(ds::normalizeAxis(std::nullopt, 4, 4)));
  EXPECT_TRUE(failed(ds::normalizeAxis(std::nullopt, -5, 4)));
}

TEST(NormalizeAxes, RejectsRepeats) {
  EXPECT_TRUE(failed(ds::normalizeAxes(std::nullopt, {1, -3}, 4)));
  auto r = ds::normalizeAxes(std::nullopt, {-1, 0}, 4);
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(*r, (SmallVector<int64_t>{3, 0}));
}

} // namespace
