//===- RuntimeAxes.h - Axes known only at run time --------------*- C++ -*-===//
//
// Part of ds. ds ops take their axes as attributes. When an ONNX model
// computes them at run time (an axes input that is a graph input), the
// converters express the op as one op per possible axis of the (static)
// rank, and select among them with ds.where on whether the axis is listed.
// The cost is a factor of the rank; such models are rare outside tests.
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_IMPORTER_ONNX_RUNTIMEAXES_H
#define DS_LIB_IMPORTER_ONNX_RUNTIMEAXES_H

#include "lib/Importer/ONNX/Decomposer.h"

#include <limits>

namespace ds::onnx_import {

/// An i64 axes value of static length (0-D for one axis) over a tensor of
/// static rank `rank`, with the per-axis questions the decompositions ask.
class RuntimeAxes {
public:
  /// Fails at the node if `axes` has no static length or `rank` is unknown.
  static FailureOr<RuntimeAxes> get(Decomposer &d, Value axes, int64_t rank,
                                    StringRef what) {
    auto type = dyn_cast<RankedTensorType>(axes.getType());
    if (rank < 0)
      return d.fail(what + " is computed at run time, which needs an input "
                           "of known rank");
    if (!type || type.getRank() > 1 || !type.hasStaticShape())
      return d.fail(what + " is computed at run time, which needs it to be "
                           "a scalar or a 1-D tensor of known length");
    Value values = d.cast(axes, d.node.b.getI64Type());
    if (type.getRank() == 0)
      values = d.unsqueeze(values, {0});
    // Negative axes count from the end.
    Value negative = d.op<LessOp>({values, d.ints({0})});
    Value normalized =
        d.where(negative, d.add(values, d.ints({rank})), values);
    return RuntimeAxes(d, normalized, rank, type.getNumElements());
  }

  int64_t rank() const { return rank_; }
  int64_t count() const { return count_; }

  /// A 1-element i1: whether `dim` is listed.
  Value isListed(int64_t dim) {
    if (count_ == 0)
      return d.op<EqualOp>({d.ints({0}), d.ints({1})});
    return d.op<GreaterOp>({d.reduceSum(matches(dim), {{0}}, true),
                            d.ints({0})});
  }

  /// A 1-element i64: the entry of `values` (i64, as long as the axes) at
  /// the position that lists `dim`, or `otherwise` where none does.
  Value valueFor(Value values, int64_t dim, int64_t otherwise) {
    if (count_ == 0)
      return d.ints({otherwise});
    Value eq = d.op<EqualOp>({normalized, d.ints({dim})});
    Value picked = d.reduceSum(
        d.where(eq, d.cast(values, d.node.b.getI64Type()), d.ints({0})), {{0}},
        true);
    return d.where(isListed(dim), picked, d.ints({otherwise}));
  }

  /// The sizes of `value`'s dims that are not listed, in order, as
  /// 1-element i64 values (rank - count of them): output dim j is the dim
  /// with j unlisted dims before it.
  SmallVector<Value> unlistedSizes(Value value) {
    Type i64 = d.node.b.getI64Type();
    SmallVector<Value> unlisted, before;
    Value count = d.ints({0});
    for (int64_t dim = 0; dim < rank_; ++dim) {
      before.push_back(count);
      unlisted.push_back(d.op<NotOp>(isListed(dim)));
      count = d.add(count, d.cast(unlisted.back(), i64));
    }
    SmallVector<Value> sizes;
    for (int64_t j = 0; j < rank_ - count_; ++j) {
      Value size = d.ints({0});
      for (int64_t dim = 0; dim < rank_; ++dim) {
        Value here = d.op<AndOp>(
            {unlisted[dim], d.op<EqualOp>({before[dim], d.ints({j})})});
        size = d.add(size, d.where(here, d.dim(value, dim), d.ints({0})));
      }
      sizes.push_back(size);
    }
    return sizes;
  }

  static constexpr int64_t kMaxIndex = std::numeric_limits<int64_t>::max();

private:
  RuntimeAxes(Decomposer &d, Value normalized, int64_t rank, int64_t count)
      : d(d), normalized(normalized), rank_(rank), count_(count) {}

  /// i64 [count]: 1 where the axes list `dim`.
  Value matches(int64_t dim) {
    return d.cast(d.op<EqualOp>({normalized, d.ints({dim})}),
                  d.node.b.getI64Type());
  }

  Decomposer &d;
  Value normalized;
  int64_t rank_;
  int64_t count_;
};

} // namespace ds::onnx_import

#endif // DS_LIB_IMPORTER_ONNX_RUNTIMEAXES_H
