//===- RandomOps.td - Random ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RANDOM_OPS_TD
#define DS_RANDOM_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_RANDOM_OPS_TD
