//===- InitAll.h - Register everything ds provides --------------*- C++ -*-===//
//
// Part of ds. The entry points that tools, the plugin and embedders call to
// make the ds dialect and passes known to MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef DS_INITALL_H
#define DS_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace ds {

/// Adds the ds dialect and the upstream dialects its IR uses directly (func).
void registerDSDialects(mlir::DialectRegistry &registry);

/// Registers every ds pass and pipeline with the global pass registry, so
/// that they are reachable by name from pass pipelines and tool flags.
void registerDSPasses();

} // namespace ds

#endif // DS_INITALL_H
