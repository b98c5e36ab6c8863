//===- RecurrentOps.td - Recurrent ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RECURRENT_OPS_TD
#define DS_RECURRENT_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_RECURRENT_OPS_TD
