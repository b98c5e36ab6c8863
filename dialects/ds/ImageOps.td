//===- ImageOps.td - Image ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_IMAGE_OPS_TD
#define DS_IMAGE_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_IMAGE_OPS_TD
