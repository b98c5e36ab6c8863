//===- ds-onnx-ops.cpp - The ONNX ops the importer supports -----*- C++ -*-===//
//
// Part of ds. Prints one line per op of the default ONNX domain that the
// importer converts: `<OpType> <first opset> <last opset>` (one line per
// contiguous range). scripts/gen_onnx_ops.py turns it into docs/onnx-ops.md.
//
//===----------------------------------------------------------------------===//

#include "ds/Importer/ONNXImporter.h"

#include "llvm/Support/raw_ostream.h"

int main() {
  llvm::outs() << "# opsets " << ds::getMinSupportedOpset() << " "
               << ds::getMaxSupportedOpset() << "\n";
  for (const ds::ONNXOpSupport &op : ds::getSupportedONNXOps())
    llvm::outs() << op.opType << " " << op.minOpset << " " << op.maxOpset
                 << "\n";
  return 0;
}
