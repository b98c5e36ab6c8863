//===- ReductionOps.td - Reduction ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_REDUCTION_OPS_TD
#define DS_REDUCTION_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_REDUCTION_OPS_TD
