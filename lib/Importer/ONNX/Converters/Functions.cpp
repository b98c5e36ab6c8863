//===- Functions.cpp - ONNX function ops, decomposed -----------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {

void registerFunctionConverters(ConverterRegistry &r) {}

} // namespace ds::onnx_import
