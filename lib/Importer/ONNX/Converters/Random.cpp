//===- Random.cpp - Converters of ONNX ops to the Random family -*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerRandomConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
