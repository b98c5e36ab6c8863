//===- NormalizationOps.h - Normalization ds ops ----------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_NORMALIZATIONOPS_H
#define DS_DIALECTS_DS_NORMALIZATIONOPS_H

#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ShapeInference.h"

#define GET_OP_CLASSES
#include "dialects/ds/NormalizationOps.h.inc"

#endif // DS_DIALECTS_DS_NORMALIZATIONOPS_H
