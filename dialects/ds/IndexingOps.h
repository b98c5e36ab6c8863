//===- IndexingOps.h - Indexing ds ops ------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_INDEXINGOPS_H
#define DS_DIALECTS_DS_INDEXINGOPS_H

#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ShapeInference.h"

#define GET_OP_CLASSES
#include "dialects/ds/IndexingOps.h.inc"

#endif // DS_DIALECTS_DS_INDEXINGOPS_H
