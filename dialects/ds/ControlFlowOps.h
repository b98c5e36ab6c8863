//===- ControlFlowOps.h - Control-flow ds ops -------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_CONTROLFLOWOPS_H
#define DS_DIALECTS_DS_CONTROLFLOWOPS_H

#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ShapeInference.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/ds/ControlFlowOps.h.inc"

#endif // DS_DIALECTS_DS_CONTROLFLOWOPS_H
