//===- Signal.cpp - Converters of ONNX ops to the Signal family -*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerSignalConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
