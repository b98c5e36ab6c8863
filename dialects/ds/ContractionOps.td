//===- ContractionOps.td - Contraction ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_CONTRACTION_OPS_TD
#define DS_CONTRACTION_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_CONTRACTION_OPS_TD
