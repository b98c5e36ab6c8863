//===- Quantization.cpp - Quantization ONNX ops --------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerQuantizationConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
