//===- RecurrentOps.h - Recurrent ds ops ------------------------*- C++ -*-===//
//
// Part of ds. LSTM, GRU, RNN and Scan.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_RECURRENTOPS_H
#define DS_DIALECTS_DS_RECURRENTOPS_H

#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ShapeInference.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/ds/RecurrentOps.h.inc"

#endif // DS_DIALECTS_DS_RECURRENTOPS_H
