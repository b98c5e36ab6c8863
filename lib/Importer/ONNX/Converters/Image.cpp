//===- Image.cpp - Converters of ONNX ops to the Image family -*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerImageConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
