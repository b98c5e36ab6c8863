//===- ConvOps.td - Conv ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_CONV_OPS_TD
#define DS_CONV_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_CONV_OPS_TD
