//===- IndexingOps.td - Indexing ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_INDEXING_OPS_TD
#define DS_INDEXING_OPS_TD

include "dialects/ds/DSBase.td"

#endif // DS_INDEXING_OPS_TD
