//===- ConvLoweringUtils.h - Windows and convolutions on tensors -*- C++
//-*-===//
//
// Part of ds. What the Conv and Image lowerings share (ConvLowering.cpp
// defines it): the window of a conv or pool with its padding as index
// values, padding of the spatial dimensions, the output sizes of a window
// op and the (grouped) convolution on a padded NC... input.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_CONVLOWERINGUTILS_H
#define DS_PASSES_CONVERSION_DSTOLINALG_CONVLOWERINGUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"

#include <optional>

namespace ds::conv_lowering {

/// The window of a conv or pool over n spatial dimensions with its
/// defaults filled in. The pads are [begin, end) per dimension, index
/// attributes when static and values when `auto_pad` SAME applies to a
/// dynamic spatial size.
struct SpatialWindow {
  llvm::SmallVector<int64_t> kernel, strides, dilations;
  llvm::SmallVector<mlir::OpFoldResult> padBegin, padEnd;

  int64_t rank() const { return static_cast<int64_t>(kernel.size()); }
  /// The extent of the dilated kernel in dimension i.
  int64_t extent(int64_t i) const { return dilations[i] * (kernel[i] - 1) + 1; }
};

/// Reads the window attributes of an op over the NC... `input` (ranked,
/// rank kernel.size() + 2) with the static `kernel`; auto_pad SAME_UPPER and
/// SAME_LOWER are turned into pads from the input's spatial sizes, VALID
/// into zero pads. Failure for attributes of the wrong length or an unknown
/// auto_pad.
mlir::FailureOr<SpatialWindow>
getSpatialWindow(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                 llvm::ArrayRef<int64_t> kernel,
                 std::optional<llvm::ArrayRef<int64_t>> strides,
                 std::optional<llvm::ArrayRef<int64_t>> pads,
                 std::optional<llvm::ArrayRef<int64_t>> dilations,
                 llvm::StringRef autoPad);

/// `input` [N, C, D...] padded by `low` and `high` in its spatial
/// dimensions with `padValue`; `input` itself when all pads are zero.
mlir::Value padSpatial(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input,
                       llvm::ArrayRef<mlir::OpFoldResult> low,
                       llvm::ArrayRef<mlir::OpFoldResult> high,
                       mlir::Value padValue);

/// An empty tensor of `type` [N, C, O...] over the padded input `padded`:
/// its dynamic sizes are the batch of `padded`, `channels` and
/// floor((P - extent) / stride) + 1 for the padded spatial sizes P.
mlir::Value emptyWindowResult(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::RankedTensorType type, mlir::Value padded,
                              mlir::OpFoldResult channels,
                              const SpatialWindow &window);

/// `value` filled into `tensor` (linalg.fill).
mlir::Value fill(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                 mlir::Value tensor);

/// The convolution of the padded `input` [N, C, P...] with `filter`
/// [M, C / group, k...] accumulated into `init` [N, M, O...] (float or
/// signless integer elements, all of one type): the named linalg
/// convolution of the rank when `group` is 1, the named depthwise one when
/// every channel is its own group, the named grouped 2-D one or a
/// linalg.generic with convolution indexing maps otherwise. The grouped
/// forms need the sizes M and C / group to be static.
mlir::FailureOr<mlir::Value>
convolve(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
         mlir::Value filter, mlir::Value init, llvm::ArrayRef<int64_t> strides,
         llvm::ArrayRef<int64_t> dilations, int64_t group);

/// result[n, m, ...] + bias[m] (float or signless integer).
mlir::Value addChannelBias(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value result, mlir::Value bias);

/// `tensor` with its elements reinterpreted as `elementType` of the same
/// width (an unsigned integer tensor as signless and back), elementwise in
/// a linalg.generic: arith works on signless integers only.
mlir::Value reinterpretElements(mlir::OpBuilder &b, mlir::Location loc,
                                mlir::Value tensor, mlir::Type elementType);

} // namespace ds::conv_lowering

#endif // DS_PASSES_CONVERSION_DSTOLINALG_CONVLOWERINGUTILS_H
