//===- Einsum.cpp - Einsum as transposes and matmuls -----------*- C++ -*-===//
//
// Part of ds. Einsum decomposed into ds.transpose, ds.reshape, batched
// ds.matmul and ds.reduce_sum.
//
//===----------------------------------------------------------------------===//

#include "lib/Importer/ONNX/Decomposer.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace ds::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

/// An operand of an einsum being contracted: a value and one label per
/// dimension.
struct Labeled {
  Value value;
  std::string labels;
};

/// Sums `operand` over the labels not in `keep`.
void reduceLabels(Decomposer &d, Labeled &operand, StringRef keep) {
  SmallVector<int64_t> axes;
  std::string kept;
  for (auto [i, label] : llvm::enumerate(operand.labels)) {
    if (keep.contains(label))
      kept.push_back(label);
    else
      axes.push_back(i);
  }
  if (axes.empty())
    return;
  operand.value = d.reduceSum(operand.value, ArrayRef<int64_t>(axes), false);
  operand.labels = kept;
}

/// The permutation that orders `labels` as `order`.
SmallVector<int64_t> permutationTo(StringRef labels, StringRef order) {
  SmallVector<int64_t> perm;
  for (char label : order)
    perm.push_back(labels.find(label));
  return perm;
}

/// Contracts two operands into one whose labels are those of `keep` that
/// they have, as a batched ds.matmul: labels in both and kept are batch
/// dimensions, labels in both and not kept are contracted, the others are
/// the free (row and column) dimensions. Labels of one operand only that are
/// not kept are summed first.
Labeled contractPair(Decomposer &d, Labeled a, Labeled b, StringRef keep) {
  std::string keepA = keep.str() + b.labels;
  std::string keepB = keep.str() + a.labels;
  reduceLabels(d, a, keepA);
  reduceLabels(d, b, keepB);
  std::string batch, contracted, freeA, freeB;
  for (char label : a.labels) {
    if (StringRef(b.labels).contains(label))
      (keep.contains(label) ? batch : contracted).push_back(label);
    else
      freeA.push_back(label);
  }
  for (char label : b.labels)
    if (!StringRef(a.labels).contains(label))
      freeB.push_back(label);

  auto dimsOf = [&](Value v, size_t from, size_t count) {
    SmallVector<Value> dims;
    for (size_t i = from; i < from + count; ++i)
      dims.push_back(d.dim(v, i));
    return dims;
  };
  // a: [batch, freeA, contracted] -> [batch, prod(freeA), prod(contracted)];
  // b: [batch, contracted, freeB] -> [batch, prod(contracted), prod(freeB)].
  size_t nb = batch.size(), na = freeA.size(), nc = contracted.size(),
         nf = freeB.size();
  Value ta =
      d.transpose(a.value, permutationTo(a.labels, batch + freeA + contracted));
  Value tb =
      d.transpose(b.value, permutationTo(b.labels, batch + contracted + freeB));
  if (!ta || !tb)
    return {Value(), ""};
  Value lhs = ta, rhs = tb;
  if (na != 1 || nc != 1) {
    SmallVector<Value> shape = dimsOf(ta, 0, nb);
    shape.push_back(d.product(dimsOf(ta, nb, na)));
    shape.push_back(d.product(dimsOf(ta, nb + na, nc)));
    lhs = d.reshape(ta, shape);
  }
  if (nc != 1 || nf != 1) {
    SmallVector<Value> shape = dimsOf(tb, 0, nb);
    shape.push_back(d.product(dimsOf(tb, nb, nc)));
    shape.push_back(d.product(dimsOf(tb, nb + nc, nf)));
    rhs = d.reshape(tb, shape);
  }
  Value product = d.op<MatMulOp>({lhs, rhs});
  // [batch, prod(freeA), prod(freeB)] -> [batch, freeA, freeB].
  if (product && (na != 1 || nf != 1)) {
    SmallVector<Value> shape = dimsOf(product, 0, nb);
    llvm::append_range(shape, dimsOf(ta, nb, na));
    llvm::append_range(shape, dimsOf(tb, nb + nc, nf));
    product = d.reshape(product, shape);
  }
  return {product, batch + freeA + freeB};
}

/// Einsum (opsets 12, 28): parses the equation (explicit or implicit output,
/// ellipses), then contracts the operands left to right, each pair as a
/// batched matmul of transposed and reshaped operands (see contractPair),
/// sums the labels no output needs and transposes to the output order.
/// A label repeated within one term (a diagonal or trace) is not supported.
LogicalResult einsum(NodeContext &node) {
  Decomposer d(node);
  std::optional<std::string> equation = node.stringAttr("equation");
  if (!equation)
    return node.fail("attribute 'equation' is required");
  SmallVector<Value> inputs = node.inputsFrom(0);
  if (inputs.empty())
    return node.fail("needs at least one input");

  std::string text;
  for (char c : *equation)
    if (c != ' ')
      text.push_back(c);
  StringRef lhs = text, rhs;
  bool explicitOutput = false;
  if (size_t arrow = lhs.find("->"); arrow != StringRef::npos) {
    rhs = lhs.substr(arrow + 2);
    lhs = lhs.substr(0, arrow);
    explicitOutput = true;
  }
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != inputs.size())
    return node.fail("the equation has " + Twine(terms.size()) +
                     " input terms for " + Twine(inputs.size()) + " inputs");

  // Ellipsis dimensions get the labels '0'..'9', right-aligned: an operand
  // with e of the m ellipsis dimensions has the last e of them.
  auto isLabel = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  SmallVector<int64_t> ellipsisDims;
  int64_t maxEllipsis = 0;
  for (auto [term, input] : llvm::zip(terms, inputs)) {
    std::optional<int64_t> rank = rankOf(d, input, "an einsum input");
    if (!rank)
      return failure();
    size_t dots = term.find("...");
    int64_t letters = term.size() - (dots == StringRef::npos ? 0 : 3);
    if (dots == StringRef::npos) {
      if (letters != *rank)
        return node.fail("term '" + term + "' has " + Twine(letters) +
                         " labels for an input of rank " + Twine(*rank));
      ellipsisDims.push_back(0);
      continue;
    }
    if (letters > *rank)
      return node.fail("term '" + term + "' has more labels than the rank " +
                       Twine(*rank) + " of its input");
    ellipsisDims.push_back(*rank - letters);
    maxEllipsis = std::max(maxEllipsis, *rank - letters);
  }
  if (maxEllipsis > 10)
    return node.fail("an ellipsis may stand for at most 10 dimensions");
  auto ellipsisLabels = [&](int64_t count) {
    std::string labels;
    for (int64_t i = maxEllipsis - count; i < maxEllipsis; ++i)
      labels.push_back('0' + i);
    return labels;
  };
  auto expand = [&](StringRef term, int64_t count,
                    std::string &labels) -> LogicalResult {
    size_t dots = term.find("...");
    std::string before = term.substr(0, dots).str();
    std::string after =
        dots == StringRef::npos ? "" : term.substr(dots + 3).str();
    labels =
        before + (dots == StringRef::npos ? "" : ellipsisLabels(count)) + after;
    for (char c : before + after)
      if (!isLabel(c))
        return node.fail("invalid character '" + Twine(c) +
                         "' in the equation");
    for (auto [i, c] : llvm::enumerate(labels))
      if (labels.find(c) != i)
        return node.fail(
            "label '" + Twine(isLabel(c) ? c : '.') +
            "' is repeated in one term: diagonals and traces are not "
            "supported");
    return success();
  };

  SmallVector<Labeled> operands;
  for (auto [term, input, count] : llvm::zip(terms, inputs, ellipsisDims)) {
    Labeled operand{input, ""};
    if (failed(expand(term, count, operand.labels)))
      return failure();
    operands.push_back(operand);
  }
  std::string output;
  if (explicitOutput) {
    if (rhs.count("...") > 1 || rhs.count('.') != 3 * rhs.count("..."))
      return node.fail("invalid output term '" + rhs + "'");
    if (failed(expand(rhs, maxEllipsis, output)))
      return failure();
    for (char label : output)
      if (llvm::none_of(operands, [&](const Labeled &o) {
            return StringRef(o.labels).contains(label);
          }))
        return node.fail("output label '" + Twine(label) +
                         "' appears in no input");
  } else {
    // Labels appearing once, sorted, after the ellipsis dimensions.
    output = ellipsisLabels(maxEllipsis);
    std::string once;
    for (char c = 'A'; c <= 'z'; ++c) {
      if (!isLabel(c))
        continue;
      int count = 0;
      for (const Labeled &o : operands)
        count += llvm::count(o.labels, c);
      if (count == 1)
        once.push_back(c);
    }
    output += once;
  }

  Labeled acc = operands.front();
  for (size_t i = 1; i < operands.size(); ++i) {
    std::string keep = output;
    for (size_t j = i + 1; j < operands.size(); ++j)
      keep += operands[j].labels;
    acc = contractPair(d, acc, operands[i], keep);
  }
  reduceLabels(d, acc, output);
  return finish(d, d.transpose(acc.value, permutationTo(acc.labels, output)));
}

} // namespace

void registerEinsumConverters(ConverterRegistry &r) {
  r.add("Einsum", einsum, 12);
}

} // namespace ds::onnx_import
