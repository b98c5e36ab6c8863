//===- Link.cpp - Shared libraries from ds's object files -----------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "ds/Compiler/Compiler.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace mlir;

/// ld.lld: $DS_LLD, else the one beside the LLVM that ds was built with
/// (DS_DEFAULT_LLD), else the first on PATH.
static std::string findLinker(std::string &error) {
  if (const char *env = std::getenv("DS_LLD"))
    return env;
#ifdef DS_DEFAULT_LLD
  if (llvm::sys::fs::can_execute(DS_DEFAULT_LLD))
    return DS_DEFAULT_LLD;
#endif
  if (llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName("ld.lld"))
    return *path;
  error = "ld.lld not found (install lld, or set DS_LLD to its path)";
  return "";
}

LogicalResult ds::linkSharedLibrary(StringRef objectPath, StringRef outputPath,
                                    std::string &error) {
  std::string linker = findLinker(error);
  if (linker.empty())
    return failure();
  std::string soname = llvm::sys::path::filename(outputPath).str();
  // No C library on the link line: the library's undefined symbols (malloc,
  // free, memcpy, memset) resolve in the process that loads it, which works
  // the same for cross targets that have no sysroot here.
  SmallVector<StringRef> args = {linker,
                                 "-shared",
                                 "--soname",
                                 soname,
                                 "-z",
                                 "noexecstack",
                                 "-z",
                                 "relro",
                                 "-z",
                                 "now",
                                 "--gc-sections",
                                 "--hash-style=both",
                                 "-o",
                                 outputPath,
                                 objectPath};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(linker, args, std::nullopt, {}, 0, 0,
                                     &message);
  if (rc != 0) {
    error = "linking " + outputPath.str() + " with " + linker + " failed" +
            (message.empty() ? "" : ": " + message) +
            (rc > 0 ? " (exit " + std::to_string(rc) + ")" : "");
    return failure();
  }
  return success();
}
