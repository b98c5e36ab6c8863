/*===- fma_peak.h - Measured fp32 FMA peak of this CPU ---------*- C -*-===*
 *
 * Part of ds. The benchmarks' yardstick: the fp32 multiply-add throughput a
 * core actually sustains, measured rather than taken from a data sheet (a
 * virtual machine's clock and the FMA pipes it is given are what count).
 * fma_probe.c is its command; ds-gemm-bench calls it at start.
 *
 * The kernel keeps enough independent accumulator chains in flight to cover
 * the FMA latency on every pipe, with the widest vector the compiler was
 * allowed (-march=native): AVX-512 when __AVX512F__, else AVX2 with FMA,
 * else scalar fmaf. Compile fma_peak.c with -O2 -march=native.
 *===----------------------------------------------------------------------===*/

#ifndef DS_BENCH_FMA_PEAK_H
#define DS_BENCH_FMA_PEAK_H

#ifdef __cplusplus
extern "C" {
#endif

/** "avx512", "avx2-fma" or "scalar": the kernel this file was built with. */
const char *ds_fma_isa(void);
/** fp32 lanes per FMA instruction of that kernel (16, 8 or 1). */
int ds_fma_lanes(void);
/** Independent accumulator chains per thread. */
int ds_fma_chains(void);

/** The fp32 FLOP/s (an FMA counting 2) of `threads` threads running the
 *  kernel at once, each for about `seconds`; the best of `repeats` tries.
 *  Returns GFLOP/s, or a negative value if threads cannot be started. */
double ds_fma_peak_gflops(int threads, double seconds, int repeats);

#ifdef __cplusplus
}
#endif

#endif /* DS_BENCH_FMA_PEAK_H */
