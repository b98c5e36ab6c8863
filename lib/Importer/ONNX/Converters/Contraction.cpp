//===- Contraction.cpp - Converters of ONNX ops to the Contraction family ---*-
//C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerContractionConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
