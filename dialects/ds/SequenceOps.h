//===- SequenceOps.h - Sequence and optional ds ops -------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_SEQUENCEOPS_H
#define DS_DIALECTS_DS_SEQUENCEOPS_H

#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ShapeInference.h"

#define GET_OP_CLASSES
#include "dialects/ds/SequenceOps.h.inc"

#endif // DS_DIALECTS_DS_SEQUENCEOPS_H
