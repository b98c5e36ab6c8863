//===- Recurrent.cpp - Converters of ONNX ops to the Recurrent family -*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerRecurrentConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
