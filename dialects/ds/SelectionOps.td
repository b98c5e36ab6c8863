//===- SelectionOps.td - Selection ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_SELECTION_OPS_TD
#define DS_SELECTION_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_SELECTION_OPS_TD
