//===- GemmBench.cpp - ds's generated matmul against the FMA peak -*- C++ -*-===//
//
// Part of ds. Times [n,n] x [n,n] MatMul models that bench/gemm.py writes
// and compiles with ds-compile, each loaded through the runtime's C API and
// run at each thread count, with Google Benchmark:
//
//   ds-gemm-bench [--threads=1,2] [--peak-seconds=0.05] MODEL.so...
//                 [--benchmark_... flags]
//
// A model has inputs A and B, or A alone with B a constant of the library;
// B's constant is then the pattern constantB() below, which gemm.py writes.
// Counters: FLOPS (2 n^3 per run, a rate over real time) and peak_pct, that
// rate in percent of the fp32 FMA peak of the same thread count, measured at
// start by fma_peak.c. Before timing, models with n <= 256 are checked once per
// thread count against a naive product; a wrong one is skipped with an error.
//===----------------------------------------------------------------------===//

#include "fma_peak.h"

#include "ds/runtime/runtime.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

/// The constant B of the const-B models: small integers over 16, exact in
/// fp32. bench/gemm.py writes the same values.
float constantB(int64_t i, int64_t j) {
  return static_cast<float>((i * 31 + j * 17) % 23 - 11) / 16.0f;
}

/// Deterministic values in [-1, 1) for the inputs.
void fill(float *data, int64_t count, uint32_t seed) {
  uint32_t state = seed;
  for (int64_t i = 0; i < count; ++i) {
    state = state * 1664525u + 1013904223u;
    data[i] = static_cast<float>(state >> 8) / static_cast<float>(1u << 23) - 1.0f;
  }
}

bool check(DsStatus *status, const std::string &what) {
  if (!status)
    return true;
  std::fprintf(stderr, "ds-gemm-bench: %s: %s\n", what.c_str(),
               ds_status_message(status));
  ds_status_free(status);
  return false;
}

struct Gemm {
  std::string path;
  DsModel *model = nullptr;
  int64_t n = 0;
  bool constB = false;
  std::vector<DsTensor *> inputs; // A, and B unless constB
  std::map<int, std::string> wrong; // thread count -> why the check failed

  const float *data(size_t i) const {
    return static_cast<const float *>(ds_tensor_data(inputs[i]));
  }
};

/// Loads `path` and makes its inputs; false (with a message) if it is not
/// a square fp32 matmul model.
bool load(const std::string &path, Gemm &gemm) {
  gemm.path = path;
  if (!check(ds_model_load(path.c_str(), &gemm.model), path))
    return false;
  size_t numInputs = ds_model_num_inputs(gemm.model);
  const DsTensorSpec *a = ds_model_input(gemm.model, 0);
  if ((numInputs != 1 && numInputs != 2) || !a || a->rank != 2 ||
      a->dims[0] <= 0 || a->dims[0] != a->dims[1] ||
      ds_model_num_outputs(gemm.model) != 1) {
    std::fprintf(stderr, "ds-gemm-bench: %s: not an [n,n] x [n,n] matmul\n",
                 path.c_str());
    return false;
  }
  gemm.n = a->dims[0];
  gemm.constB = numInputs == 1;
  int64_t dims[2] = {gemm.n, gemm.n};
  for (size_t i = 0; i < numInputs; ++i) {
    DsTensor *t = nullptr;
    if (!check(ds_tensor_create(DS_DTYPE_FLOAT32, dims, 2, &t), path))
      return false;
    fill(static_cast<float *>(ds_tensor_data(t)), gemm.n * gemm.n,
         static_cast<uint32_t>(1 + i));
    gemm.inputs.push_back(t);
  }
  return true;
}

/// Runs once at `threads` and compares with a naive product in double:
/// the largest difference over the largest |reference| must be <= 1e-5.
std::string verify(const Gemm &gemm, int threads) {
  DsRunOptions options;
  ds_run_options_init(&options);
  options.num_threads = threads;
  DsTensor *out = nullptr;
  DsStatus *status = ds_model_run(gemm.model, &options, gemm.inputs.data(),
                                  gemm.inputs.size(), &out, 1);
  if (status) {
    std::string message = ds_status_message(status);
    ds_status_free(status);
    return "run failed: " + message;
  }
  int64_t n = gemm.n;
  const float *a = gemm.data(0);
  const float *c = static_cast<const float *>(ds_tensor_data(out));
  double maxDiff = 0, maxRef = 0;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double sum = 0;
      for (int64_t k = 0; k < n; ++k)
        sum += static_cast<double>(a[i * n + k]) *
               (gemm.constB ? constantB(k, j) : gemm.data(1)[k * n + j]);
      maxDiff = std::fmax(maxDiff, std::fabs(sum - c[i * n + j]));
      maxRef = std::fmax(maxRef, std::fabs(sum));
    }
  ds_tensor_free(out);
  double rel = maxRef > 0 ? maxDiff / maxRef : maxDiff;
  std::fprintf(stderr,
               "ds-gemm-bench: check n=%lld %s, %d thread(s): max abs diff "
               "%.3g, rel %.3g\n",
               static_cast<long long>(n), gemm.constB ? "const-B" : "inputs",
               threads, maxDiff, rel);
  if (!(rel <= 1e-5)) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "wrong result: rel diff %.3g", rel);
    return buffer;
  }
  return "";
}

void runGemm(benchmark::State &state, Gemm *gemm, int threads,
             double peakGflops) {
  auto found = gemm->wrong.find(threads);
  if (found != gemm->wrong.end()) {
    state.SkipWithError(found->second.c_str());
    return;
  }
  DsRunOptions options;
  ds_run_options_init(&options);
  options.num_threads = threads;
  auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    DsTensor *out = nullptr;
    DsStatus *status = ds_model_run(gemm->model, &options, gemm->inputs.data(),
                                    gemm->inputs.size(), &out, 1);
    if (status) {
      state.SkipWithError(ds_status_message(status));
      ds_status_free(status);
      break;
    }
    ds_tensor_free(out);
  }
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  double n = static_cast<double>(gemm->n);
  double flops = 2 * n * n * n * static_cast<double>(state.iterations());
  // A rate over the benchmark's real time (UseRealTime).
  state.counters["FLOPS"] = benchmark::Counter(flops, benchmark::Counter::kIsRate);
  // The same rate, over the loop's own wall time, against the peak: a plain
  // counter, since a rate counter would print as "%/s".
  if (peakGflops > 0 && seconds > 0)
    state.counters["peak_pct"] = 100 * flops / seconds / (peakGflops * 1e9);
}

std::vector<int> parseThreads(const char *text) {
  std::vector<int> threads;
  for (const char *p = text; *p;) {
    char *end;
    long t = std::strtol(p, &end, 10);
    if (end == p || t < 1 || t > DS_MAX_THREADS || (*end && *end != ','))
      return {};
    threads.push_back(static_cast<int>(t));
    p = *end ? end + 1 : end;
  }
  return threads;
}

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<int> threads = {1, 2};
  double peakSeconds = 0.05;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--threads=", 10) == 0)
      threads = parseThreads(argv[i] + 10);
    else if (std::strncmp(argv[i], "--peak-seconds=", 15) == 0)
      peakSeconds = std::atof(argv[i] + 15);
    else if (argv[i][0] == '-')
      threads.clear();
    else
      paths.push_back(argv[i]);
  }
  if (threads.empty() || paths.empty() || !(peakSeconds > 0)) {
    std::fprintf(stderr, "usage: ds-gemm-bench [--threads=1,2] "
                         "[--peak-seconds=S] MODEL.so... [--benchmark_...]\n");
    return 2;
  }

  std::map<int, double> peak;
  for (int t : threads) {
    peak[t] = ds_fma_peak_gflops(t, peakSeconds, 20);
    std::fprintf(stderr, "ds-gemm-bench: fp32 FMA peak (%s), %d thread(s): "
                         "%.1f GFLOP/s\n",
                 ds_fma_isa(), t, peak[t]);
    benchmark::AddCustomContext("fma_peak_gflops_" + std::to_string(t) + "t",
                                std::to_string(peak[t]));
  }

  std::vector<Gemm> gemms(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!load(paths[i], gemms[i]))
      return 1;
    if (gemms[i].n <= 256)
      for (int t : threads) {
        std::string why = verify(gemms[i], t);
        if (!why.empty())
          gemms[i].wrong[t] = why;
      }
  }
  for (Gemm &gemm : gemms)
    for (int t : threads) {
      std::string name = "matmul/" + std::to_string(gemm.n) +
                         (gemm.constB ? "/const_b" : "/inputs") +
                         "/threads:" + std::to_string(t);
      benchmark::RegisterBenchmark(name.c_str(), runGemm, &gemm, t, peak[t])
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  int wrong = 0;
  for (Gemm &gemm : gemms) {
    wrong += static_cast<int>(gemm.wrong.size());
    for (DsTensor *t : gemm.inputs)
      ds_tensor_free(t);
    ds_model_free(gemm.model);
  }
  return wrong ? 1 : 0;
}
