//===- ControlFlowOps.td - ControlFlow ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_CONTROLFLOW_OPS_TD
#define DS_CONTROLFLOW_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_CONTROLFLOW_OPS_TD
