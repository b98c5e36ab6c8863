//===- ConvOps.h - Convolution and pooling ds ops ---------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_CONVOPS_H
#define DS_DIALECTS_DS_CONVOPS_H

#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ShapeInference.h"

#define GET_OP_CLASSES
#include "dialects/ds/ConvOps.h.inc"

#endif // DS_DIALECTS_DS_CONVOPS_H
