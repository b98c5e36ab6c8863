/*===- fake_model.h - Helpers of the hand-written test models ---*- C -*-===*
 *
 * Part of ds.
 *
 * The test models stand in for ds-compile's output: each follows
 * ds/runtime/model_abi.h exactly. fake_model.c gives them an allocator that
 * counts live output blocks (exported as fake_live_blocks, so tests can
 * check that the runtime releases each block once) and the parallel_for
 * slot the runtime fills.
 *===----------------------------------------------------------------------===*/

#ifndef DS_TEST_RUNTIME_FAKE_MODEL_H
#define DS_TEST_RUNTIME_FAKE_MODEL_H

#include "ds/runtime/model_abi.h"

#include <stddef.h>

#define FAKE_EXPORT __attribute__((visibility("default")))

/* The slot installed into DsAbiModel.parallel_for. */
extern DsAbiParallelForFn fake_parallel_for_slot;

/* Runs fn over [0, count) through the runtime's parallel_for, or inline
 * while the slot is empty. */
void fake_parallel_for(DsAbiTaskFn fn, void *ctx, int64_t count);

/* An output block of `bytes` bytes (at least 1), counted until released. */
void *fake_alloc(size_t bytes);
void fake_release(void *block);

/* Output blocks handed out and not yet released. */
FAKE_EXPORT long fake_live_blocks(void);

#endif /* DS_TEST_RUNTIME_FAKE_MODEL_H */
