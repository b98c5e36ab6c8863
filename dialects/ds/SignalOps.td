//===- SignalOps.td - Signal ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_SIGNAL_OPS_TD
#define DS_SIGNAL_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_SIGNAL_OPS_TD
