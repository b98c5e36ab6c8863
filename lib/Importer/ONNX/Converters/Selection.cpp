//===- Selection.cpp - Converters of ONNX ops to the Selection family -*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerSelectionConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
