/*===- fma_peak.c - Measured fp32 FMA peak of this CPU ---------------------===*
 *
 * Part of ds. See fma_peak.h. Each thread runs `iterations` rounds of one
 * FMA per chain, acc = acc * a + b with a just below 1, so the values stay
 * finite and normal; the chains are summed and stored so that nothing is
 * dead code. Threads start together at a barrier; the time is the wall
 * time from the barrier to the last join.
 *===----------------------------------------------------------------------===*/

#include "fma_peak.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#endif

/* The kernels' operands, read through volatile so that the compiler cannot
 * evaluate the chains: acc = acc * a + b with a just below 1 settles at a
 * fixed point near 1, which a compiler that knows the values folds away. */
static volatile float gSeed = 1.0f, gA = 0.9999999f, gB = 1e-7f;

/* Eight chains expanded by the preprocessor: the compiler must see separate
 * variables to keep them in registers. Each chain starts from its own value
 * (`seed += ...`), or the compiler would see equal chains and merge them. */
#define DS_CHAINS8(M, o)                                                       \
  M(o##0) M(o##1) M(o##2) M(o##3) M(o##4) M(o##5) M(o##6) M(o##7)

#if defined(__AVX512F__)
/* 32 zmm registers: 16 chains (two FMA pipes of latency 4 need 8) and a, b. */
#define DS_LANES 16
#define DS_CHAINS 16
static const char *const kIsa = "avx512";
static float kernel(long iterations) {
  float seed = gSeed;
  const __m512 a = _mm512_set1_ps(gA), b = _mm512_set1_ps(gB);
#define DECL(v) __m512 v = _mm512_set1_ps(seed += 0.001f);
#define STEP(v) v = _mm512_fmadd_ps(v, a, b);
#define SUM(v) s = _mm512_add_ps(s, v);
  DS_CHAINS8(DECL, x) DS_CHAINS8(DECL, y)
  for (long i = 0; i < iterations; ++i) {
    DS_CHAINS8(STEP, x) DS_CHAINS8(STEP, y)
  }
  __m512 s = _mm512_setzero_ps();
  DS_CHAINS8(SUM, x) DS_CHAINS8(SUM, y)
  return _mm512_reduce_add_ps(s);
#undef DECL
#undef STEP
#undef SUM
}
#elif defined(__AVX2__) && defined(__FMA__)
/* 16 ymm registers: 12 chains and a, b (two pipes of latency 4 to 5). */
#define DS_LANES 8
#define DS_CHAINS 12
static const char *const kIsa = "avx2-fma";
static float kernel(long iterations) {
  float seed = gSeed;
  const __m256 a = _mm256_set1_ps(gA), b = _mm256_set1_ps(gB);
#define DECL(v) __m256 v = _mm256_set1_ps(seed += 0.001f);
#define STEP(v) v = _mm256_fmadd_ps(v, a, b);
#define SUM(v) s = _mm256_add_ps(s, v);
  DS_CHAINS8(DECL, x) DECL(y0) DECL(y1) DECL(y2) DECL(y3)
  for (long i = 0; i < iterations; ++i) {
    DS_CHAINS8(STEP, x) STEP(y0) STEP(y1) STEP(y2) STEP(y3)
  }
  __m256 s = _mm256_setzero_ps();
  DS_CHAINS8(SUM, x) SUM(y0) SUM(y1) SUM(y2) SUM(y3)
  float lanes[8];
  _mm256_storeu_ps(lanes, s);
  float total = 0;
  for (int i = 0; i < 8; ++i)
    total += lanes[i];
  return total;
#undef DECL
#undef STEP
#undef SUM
}
#else
#define DS_LANES 1
#define DS_CHAINS 8
static const char *const kIsa = "scalar";
static float kernel(long iterations) {
  float seed = gSeed;
  const float a = gA, b = gB;
#define DECL(v) float v = (seed += 0.001f);
#define STEP(v) v = fmaf(v, a, b);
#define SUM(v) s += v;
  DS_CHAINS8(DECL, x)
  for (long i = 0; i < iterations; ++i) {
    DS_CHAINS8(STEP, x)
  }
  float s = 0;
  DS_CHAINS8(SUM, x)
  return s;
#undef DECL
#undef STEP
#undef SUM
}
#endif

const char *ds_fma_isa(void) { return kIsa; }
int ds_fma_lanes(void) { return DS_LANES; }
int ds_fma_chains(void) { return DS_CHAINS; }

/* Keeps the kernels' results alive. */
static volatile float sink;

typedef struct {
  pthread_barrier_t *start;
  long iterations;
  float result;
} Worker;

static void *work(void *arg) {
  Worker *w = (Worker *)arg;
  pthread_barrier_wait(w->start);
  w->result = kernel(w->iterations);
  return NULL;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Seconds for `threads` threads (the caller one of them) to run the kernel
 * `iterations` times each; negative when a thread cannot be started. */
static double timeRun(int threads, long iterations) {
  pthread_barrier_t start;
  pthread_barrier_init(&start, NULL, (unsigned)threads);
  Worker *workers = (Worker *)calloc((size_t)threads, sizeof(Worker));
  pthread_t *ids = (pthread_t *)calloc((size_t)threads, sizeof(pthread_t));
  double seconds = -1;
  int started = 1;
  for (int t = 0; t < threads; ++t) {
    workers[t].start = &start;
    workers[t].iterations = iterations;
  }
  for (int t = 1; t < threads; ++t)
    if (pthread_create(&ids[t], NULL, work, &workers[t]) != 0)
      break;
    else
      ++started;
  if (started == threads) {
    pthread_barrier_wait(&start);
    double begin = now();
    workers[0].result = kernel(iterations);
    for (int t = 1; t < threads; ++t)
      pthread_join(ids[t], NULL);
    seconds = now() - begin;
    for (int t = 0; t < threads; ++t)
      sink += workers[t].result;
  } else {
    /* The started threads wait at the barrier for good; nothing to report. */
    for (int t = 1; t < started; ++t)
      pthread_cancel(ids[t]);
  }
  free(ids);
  free(workers);
  if (seconds >= 0)
    pthread_barrier_destroy(&start);
  return seconds;
}

double ds_fma_peak_gflops(int threads, double seconds, int repeats) {
  if (threads < 1 || repeats < 1 || !(seconds > 0))
    return -1;
  /* Calibrate on one thread: iterations for `seconds`. */
  long iterations = 1 << 16;
  double t = 0;
  while ((t = timeRun(1, iterations)) >= 0 && t < 0.02)
    iterations *= 4;
  if (t < 0)
    return -1;
  iterations = (long)((double)iterations * seconds / (t > 0 ? t : 1e-9));
  if (iterations < 1)
    iterations = 1;
  double flops = 2.0 * DS_LANES * DS_CHAINS * (double)iterations * threads;
  double best = -1;
  for (int r = 0; r < repeats; ++r) {
    double s = timeRun(threads, iterations);
    if (s < 0)
      return -1;
    double gflops = flops / s * 1e-9;
    if (gflops > best)
      best = gflops;
  }
  return best;
}
