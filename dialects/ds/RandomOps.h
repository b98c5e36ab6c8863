//===- RandomOps.h - Random ds ops ------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_RANDOMOPS_H
#define DS_DIALECTS_DS_RANDOMOPS_H

#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ShapeInference.h"

#define GET_OP_CLASSES
#include "dialects/ds/RandomOps.h.inc"

#endif // DS_DIALECTS_DS_RANDOMOPS_H
