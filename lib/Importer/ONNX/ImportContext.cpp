//===- ImportContext.cpp - State shared by one ONNX import ------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "lib/Importer/ONNX/ImportContext.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace ds::onnx_import {

StringRef canonicalDomain(StringRef domain) {
  return domain == "ai.onnx" ? StringRef() : domain;
}

Location ImportContext::fileLoc() const {
  return FileLineColLoc::get(context, fileName, 0, 0);
}

Location ImportContext::nodeLoc(StringRef nodeName) const {
  if (nodeName.empty())
    return fileLoc();
  return NameLoc::get(StringAttr::get(context, nodeName), fileLoc());
}

int64_t ImportContext::getOpsetVersion(StringRef domain) const {
  auto it = opsets.find(canonicalDomain(domain));
  return it == opsets.end() ? -1 : it->second;
}

void ImportContext::setOpsetVersion(StringRef domain, int64_t version) {
  opsets[canonicalDomain(domain)] = version;
}

std::shared_ptr<llvm::MemoryBuffer>
ImportContext::getExternalFile(StringRef location, Location loc) {
  auto it = externalFiles.find(location);
  if (it != externalFiles.end())
    return it->second;
  // ONNX requires locations relative to the model's folder, inside it.
  namespace path = llvm::sys::path;
  if (path::is_absolute(location) ||
      llvm::any_of(llvm::make_range(path::begin(location), path::end(location)),
                   [](StringRef part) { return part == ".."; })) {
    emitError(loc) << "external data location '" << location
                   << "' must be a relative path inside the model's folder";
    return nullptr;
  }
  SmallString<256> fullPath(options.externalDataDir);
  if (fullPath.empty())
    fullPath = path::parent_path(fileName);
  path::append(fullPath, location);
  auto buffer = llvm::MemoryBuffer::getFile(fullPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(loc) << "cannot open external data file '" << fullPath
                   << "': " << buffer.getError().message();
    return nullptr;
  }
  std::shared_ptr<llvm::MemoryBuffer> shared = std::move(*buffer);
  externalFiles[location] = shared;
  return shared;
}

const onnx::FunctionProto *ImportContext::lookupFunction(StringRef domain,
                                                         StringRef name) const {
  auto it = functions.find((canonicalDomain(domain) + "::" + name).str());
  return it == functions.end() ? nullptr : it->second;
}

void ImportContext::addFunction(const onnx::FunctionProto &function) {
  functions[(canonicalDomain(function.domain()) + "::" + function.name())
                .str()] = &function;
}

} // namespace ds::onnx_import
