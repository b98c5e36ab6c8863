/*===- fma_probe.c - The fp32 FMA peak, per thread count --------------------===*
 *
 * Part of ds. Prints the fp32 FMA throughput of 1..N threads (fma_peak.h):
 *
 *   fma_probe [--threads 1,2] [--seconds 0.2] [--repeats 5]
 *
 * Output, one fact a line: `isa avx512`, `lanes 16`, `chains 16`, then
 * `threads T gflops G` per thread count (bench/run.py reads these).
 * Build: cc -O2 -march=native -pthread fma_probe.c fma_peak.c -o fma_probe
 *===----------------------------------------------------------------------===*/

#include "fma_peak.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void) {
  fprintf(stderr,
          "usage: fma_probe [--threads 1,2,...] [--seconds S] [--repeats R]\n");
  return 2;
}

int main(int argc, char **argv) {
  const char *threads = "1,2";
  double seconds = 0.2;
  int repeats = 5;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && strcmp(argv[i], "--threads") == 0)
      threads = argv[++i];
    else if (i + 1 < argc && strcmp(argv[i], "--seconds") == 0)
      seconds = atof(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--repeats") == 0)
      repeats = atoi(argv[++i]);
    else
      return usage();
  }
  if (!(seconds > 0) || repeats < 1)
    return usage();
  printf("isa %s\nlanes %d\nchains %d\n", ds_fma_isa(), ds_fma_lanes(),
         ds_fma_chains());
  fflush(stdout);
  for (const char *p = threads; *p;) {
    char *end;
    long n = strtol(p, &end, 10);
    if (end == p || n < 1 || n > 1024 || (*end && *end != ','))
      return usage();
    double gflops = ds_fma_peak_gflops((int)n, seconds, repeats);
    if (gflops < 0) {
      fprintf(stderr, "fma_probe: cannot start %ld threads\n", n);
      return 1;
    }
    printf("threads %ld gflops %.1f\n", n, gflops);
    fflush(stdout);
    p = *end ? end + 1 : end;
  }
  return 0;
}
