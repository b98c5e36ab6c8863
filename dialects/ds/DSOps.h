//===- DSOps.h - All ops of the ds dialect ----------------------*- C++ -*-===//
//
// Part of ds. Users of the dialect include this; the dialect's own sources
// include only the family they implement.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_DSOPS_H
#define DS_DIALECTS_DS_DSOPS_H

#include "dialects/ds/ContractionOps.h"
#include "dialects/ds/ControlFlowOps.h"
#include "dialects/ds/ConvOps.h"
#include "dialects/ds/DSDialect.h"
#include "dialects/ds/ElementwiseOps.h"
#include "dialects/ds/ImageOps.h"
#include "dialects/ds/IndexingOps.h"
#include "dialects/ds/NormalizationOps.h"
#include "dialects/ds/RandomOps.h"
#include "dialects/ds/RecurrentOps.h"
#include "dialects/ds/ReductionOps.h"
#include "dialects/ds/SelectionOps.h"
#include "dialects/ds/SequenceOps.h"
#include "dialects/ds/SignalOps.h"
#include "dialects/ds/TensorOps.h"

#endif // DS_DIALECTS_DS_DSOPS_H
