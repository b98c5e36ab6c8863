/*===- fake_model.c - Helpers of the hand-written test models -------------===*
 *
 * Part of ds.
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

#include <stdatomic.h>
#include <stdlib.h>

DsAbiParallelForFn fake_parallel_for_slot = NULL;

static atomic_long live_blocks;

void fake_parallel_for(DsAbiTaskFn fn, void *ctx, int64_t count) {
  DsAbiParallelForFn parallel_for = fake_parallel_for_slot;
  if (parallel_for)
    parallel_for(fn, ctx, count);
  else if (count > 0)
    fn(ctx, 0, count);
}

void *fake_alloc(size_t bytes) {
  void *block = malloc(bytes ? bytes : 1);
  if (block)
    atomic_fetch_add(&live_blocks, 1);
  return block;
}

void fake_release(void *block) {
  if (block)
    atomic_fetch_sub(&live_blocks, 1);
  free(block);
}

long fake_live_blocks(void) { return atomic_load(&live_blocks); }
