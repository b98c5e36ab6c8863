//===- DSDoc.td - Everything in the ds dialect, for its docs -*- tablegen -*-===//
//
// Part of ds. Only the dialect reference (docs) is generated from this file.
//
//===----------------------------------------------------------------------===//

include "dialects/ds/ElementwiseOps.td"
include "dialects/ds/ContractionOps.td"
include "dialects/ds/ConvOps.td"
include "dialects/ds/NormalizationOps.td"
include "dialects/ds/ReductionOps.td"
include "dialects/ds/TensorOps.td"
include "dialects/ds/IndexingOps.td"
include "dialects/ds/ControlFlowOps.td"
include "dialects/ds/SelectionOps.td"
include "dialects/ds/RandomOps.td"
include "dialects/ds/SignalOps.td"
include "dialects/ds/RecurrentOps.td"
include "dialects/ds/ImageOps.td"
include "dialects/ds/SequenceOps.td"
