//===- NormalizationOps.td - Normalization ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_NORMALIZATION_OPS_TD
#define DS_NORMALIZATION_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_NORMALIZATION_OPS_TD
