// ds-opt knows the ds passes and the upstream passes and dialects that the
// lowerings use.
// RUN: ds-opt --help | FileCheck %s
// CHECK-DAG: --ds-infer-shapes
// CHECK-DAG: --convert-linalg-to-loops
// CHECK-DAG: --one-shot-bufferize
// CHECK-DAG: --convert-to-llvm
// CHECK-DAG: --ds-lower-to-llvm
// CHECK-DAG: --convert-ds-to-linalg

// RUN: ds-opt --show-dialects | FileCheck %s --check-prefix=DIALECTS
// DIALECTS-DAG: ds
// DIALECTS-DAG: linalg
// DIALECTS-DAG: nvvm
// DIALECTS-DAG: tensor
