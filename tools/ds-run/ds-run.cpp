//===- ds-run.cpp - Run a compiled ds model on .npy / .pb inputs ----------===//
//
// Part of ds.
//
//   ds-run model.so --input NAME=FILE.npy ... [--output-dir DIR]
//          [--bench N] [--warmup W] [--threads T]
//   ds-run model.so --signature
//
// Exit status: 0 on success, 2 for a command-line mistake, 1 for any other
// error (a file, an input, the model).
//
//===----------------------------------------------------------------------===//

#include "Format.h"
#include "Npy.h"
#include "TensorProto.h"
#include "ds/runtime/runtime.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ds::run;
using ds::runtime::ModelPtr;
using ds::runtime::StatusPtr;
using ds::runtime::TensorPtr;

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
/// How many values of an output are printed without --output-dir.
constexpr size_t kPrintedValues = 8;

const char kUsage[] =
    "usage: ds-run MODEL.so [options]\n"
    "\n"
    "Runs a model library made by ds-compile on inputs read from files.\n"
    "\n"
    "  --input NAME=FILE   the input NAME, from FILE (.npy or ONNX TensorProto "
    ".pb);\n"
    "                      repeat for each input\n"
    "  --input FILE        the next input not given by name, in signature "
    "order\n"
    "  --output-dir DIR    write each output to DIR/<output name>.npy (without "
    "it,\n"
    "                      each output's dtype, shape and first values are "
    "printed)\n"
    "  --bench N           then time N runs and print median, p90, mean and "
    "min\n"
    "  --warmup W          untimed runs before the timed ones (default 1)\n"
    "  --threads T         threads per run (default 0: one per hardware "
    "thread)\n"
    "  --signature         print the model's inputs and outputs and exit\n"
    "  --help              print this and exit\n";

struct InputArg {
  std::string name; ///< empty: bound by position
  std::string path;
};

struct Options {
  std::string model;
  std::vector<InputArg> inputs;
  std::string outputDir;
  long bench = 0;
  long warmup = 1;
  long threads = 0;
  bool signature = false;
  bool help = false;
};

int usageError(const std::string &message) {
  std::fprintf(stderr, "ds-run: %s\n(ds-run --help for the usage)\n",
               message.c_str());
  return kExitUsage;
}

int fail(const std::string &message) {
  std::fprintf(stderr, "ds-run: error: %s\n", message.c_str());
  return kExitError;
}

bool parseCount(const std::string &text, long min, long max, long &out) {
  if (text.empty())
    return false;
  char *end = nullptr;
  errno = 0;
  long value = std::strtol(text.c_str(), &end, 10);
  if (errno || *end || value < min || value > max)
    return false;
  out = value;
  return true;
}

/// Parses the command line; returns 0 or the exit status of a usage error.
int parseArgs(int argc, char **argv, Options &options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      if (!options.model.empty())
        return usageError("unexpected argument '" + arg + "'");
      options.model = arg;
      continue;
    }
    std::string flag = arg, value;
    bool hasValue = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      hasValue = true;
    }
    if (flag == "--signature" || flag == "--help") {
      if (hasValue)
        return usageError(flag + " takes no value");
      (flag == "--help" ? options.help : options.signature) = true;
      continue;
    }
    if (flag != "--input" && flag != "--output-dir" && flag != "--bench" &&
        flag != "--warmup" && flag != "--threads")
      return usageError("unknown option '" + flag + "'");
    if (!hasValue) {
      if (i + 1 == argc)
        return usageError(flag + " needs a value");
      value = argv[++i];
    }
    if (flag == "--input") {
      InputArg input;
      if (size_t eq = value.find('='); eq != std::string::npos) {
        input.name = value.substr(0, eq);
        input.path = value.substr(eq + 1);
        if (input.name.empty() || input.path.empty())
          return usageError("--input " + value + ": expected NAME=FILE");
      } else {
        input.path = value;
      }
      if (input.path.empty())
        return usageError("--input needs a file");
      options.inputs.push_back(std::move(input));
    } else if (flag == "--output-dir") {
      if (value.empty())
        return usageError("--output-dir needs a directory");
      options.outputDir = value;
    } else if (flag == "--bench") {
      if (!parseCount(value, 1, 1000000000, options.bench))
        return usageError("--bench " + value + ": expected a count >= 1");
    } else if (flag == "--warmup") {
      if (!parseCount(value, 0, 1000000000, options.warmup))
        return usageError("--warmup " + value + ": expected a count >= 0");
    } else if (!parseCount(value, 0, DS_MAX_THREADS, options.threads)) {
      return usageError("--threads " + value + ": expected 0 to " +
                        std::to_string(DS_MAX_THREADS));
    }
  }
  if (!options.help && options.model.empty())
    return usageError("no model library given");
  return 0;
}

bool endsWith(const std::string &text, const char *suffix) {
  size_t n = std::strlen(suffix);
  if (text.size() < n)
    return false;
  for (size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(text[text.size() - n + i])) !=
        suffix[i])
      return false;
  return true;
}

/// Binds each model input to one --input; returns false with `error`.
bool bindInputs(const DsModel *model, const std::vector<InputArg> &args,
                std::vector<const InputArg *> &bound, std::string &error) {
  size_t count = ds_model_num_inputs(model);
  bound.assign(count, nullptr);
  for (const InputArg &arg : args) {
    if (arg.name.empty())
      continue;
    size_t index = 0;
    StatusPtr status(ds_model_input_index(model, arg.name.c_str(), &index));
    if (status) {
      error = "--input " + arg.name + "=" + arg.path + ": " +
              ds_status_message(status.get());
      return false;
    }
    if (bound[index]) {
      error = "input '" + arg.name + "' is given twice ('" +
              bound[index]->path + "' and '" + arg.path + "')";
      return false;
    }
    bound[index] = &arg;
  }
  size_t next = 0;
  for (const InputArg &arg : args) {
    if (!arg.name.empty())
      continue;
    while (next < count && bound[next])
      ++next;
    if (next == count) {
      error = "--input " + arg.path + ": every input of the model (" +
              std::to_string(count) + ") is already given";
      return false;
    }
    bound[next] = &arg;
  }
  for (size_t i = 0; i < count; ++i) {
    if (!bound[i]) {
      error = "input #" + std::to_string(i) + " " +
              formatSpec(*ds_model_input(model, i)) + " is not given (--input)";
      return false;
    }
  }
  return true;
}

bool readInput(const DsTensorSpec &spec, const InputArg &arg, TensorPtr &out,
               std::string &error) {
  bool ok;
  std::string why;
  if (endsWith(arg.path, ".npy")) {
    ok = readNpy(arg.path, spec.dtype, out, why);
  } else if (endsWith(arg.path, ".pb")) {
    std::string protoName;
    ok = readTensorProto(arg.path, out, protoName, why);
  } else {
    ok = false;
    why = "unknown file type: expected .npy or .pb";
  }
  if (!ok)
    error = "'" + arg.path + "' (input '" + spec.name + "'): " + why;
  return ok;
}

/// mkdir -p
bool makeDirectories(const std::string &path, std::string &error) {
  for (size_t pos = 1; pos <= path.size(); ++pos) {
    if (pos != path.size() && path[pos] != '/')
      continue;
    std::string prefix = path.substr(0, pos);
    struct stat info;
    if (stat(prefix.c_str(), &info) == 0) {
      if (S_ISDIR(info.st_mode))
        continue;
      error = "cannot create directory '" + path + "': '" + prefix +
              "' is not a directory";
      return false;
    }
    if (mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) {
      error =
          "cannot create directory '" + prefix + "': " + std::strerror(errno);
      return false;
    }
  }
  return true;
}

/// A file name for output `name`: '/' would leave the directory.
std::string fileNameFor(const std::string &name, size_t index,
                        std::set<std::string> &used) {
  std::string file = name;
  std::replace(file.begin(), file.end(), '/', '_');
  if (file.empty() || file == "." || file == "..")
    file = "output_" + std::to_string(index);
  if (!used.insert(file).second) {
    file += "_" + std::to_string(index);
    used.insert(file);
  }
  return file + ".npy";
}

bool runOnce(const DsModel *model, const DsRunOptions &runOptions,
             const std::vector<DsTensor *> &inputs,
             std::vector<TensorPtr> &outputs, std::string &error) {
  std::vector<DsTensor *> raw(ds_model_num_outputs(model), nullptr);
  StatusPtr status(ds_model_run(model, &runOptions, inputs.data(),
                                inputs.size(), raw.data(), raw.size()));
  if (status) {
    error = ds_status_message(status.get());
    return false;
  }
  outputs.clear();
  for (DsTensor *tensor : raw)
    outputs.emplace_back(tensor);
  return true;
}

int reportOutputs(const DsModel *model, const Options &options,
                  const std::vector<TensorPtr> &outputs) {
  std::string error;
  if (!options.outputDir.empty() && !makeDirectories(options.outputDir, error))
    return fail(error);
  std::set<std::string> used;
  for (size_t j = 0; j < outputs.size(); ++j) {
    const DsTensorSpec &spec = *ds_model_output(model, j);
    const DsTensor *tensor = outputs[j].get();
    std::string summary =
        std::string(spec.name) + ": " + ds_dtype_name(ds_tensor_dtype(tensor)) +
        " " + formatDims(ds_tensor_dims(tensor), ds_tensor_rank(tensor));
    if (options.outputDir.empty()) {
      std::printf("%s = %s\n", summary.c_str(),
                  formatValues(tensor, kPrintedValues).c_str());
      continue;
    }
    std::string path =
        options.outputDir + "/" + fileNameFor(spec.name, j, used);
    if (!writeNpy(path, tensor, error))
      return fail("'" + path + "' (output '" + spec.name + "'): " + error);
    DsDType dtype = ds_tensor_dtype(tensor);
    std::string note;
    if (dtype == DS_DTYPE_BFLOAT16)
      note = " (bfloat16 written as its uint16 bits)";
    else if (dtype >= DS_DTYPE_FLOAT8E4M3FN)
      note = std::string(" (") + ds_dtype_name(dtype) +
             " written as its uint8 bits)";
    std::printf("%s -> %s%s\n", summary.c_str(), path.c_str(), note.c_str());
  }
  return 0;
}

int bench(const DsModel *model, const Options &options,
          const DsRunOptions &runOptions,
          const std::vector<DsTensor *> &inputs) {
  std::vector<TensorPtr> outputs;
  std::string error;
  for (long i = 0; i < options.warmup; ++i)
    if (!runOnce(model, runOptions, inputs, outputs, error))
      return fail(error);
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(options.bench));
  for (long i = 0; i < options.bench; ++i) {
    auto start = std::chrono::steady_clock::now();
    bool ok = runOnce(model, runOptions, inputs, outputs, error);
    auto stop = std::chrono::steady_clock::now();
    if (!ok)
      return fail(error);
    ms.push_back(
        std::chrono::duration<double, std::milli>(stop - start).count());
    outputs.clear(); // outside the timed part
  }
  std::sort(ms.begin(), ms.end());
  size_t n = ms.size();
  double median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  // Nearest rank: the smallest time that at least 90% of the runs reach.
  double p90 =
      ms[static_cast<size_t>(std::ceil(0.9 * static_cast<double>(n))) - 1];
  double mean = 0;
  for (double t : ms)
    mean += t;
  mean /= static_cast<double>(n);
  std::printf("bench: %ld runs after %ld warmup, %d threads\n", options.bench,
              options.warmup,
              runOptions.num_threads ? runOptions.num_threads
                                     : ds_default_num_threads());
  std::printf(
      "latency: median %.4g ms, p90 %.4g ms, mean %.4g ms, min %.4g ms\n",
      median, p90, mean, ms.front());
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  if (int status = parseArgs(argc, argv, options))
    return status;
  if (options.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }

  DsModel *rawModel = nullptr;
  if (StatusPtr status{ds_model_load(options.model.c_str(), &rawModel)})
    return fail(ds_status_message(status.get()));
  ModelPtr model(rawModel);
  if (options.signature) {
    printSignature(stdout, model.get());
    return 0;
  }

  std::string error;
  std::vector<const InputArg *> bound;
  if (!bindInputs(model.get(), options.inputs, bound, error))
    return fail(error);
  std::vector<TensorPtr> owned(bound.size());
  std::vector<DsTensor *> inputs(bound.size());
  for (size_t i = 0; i < bound.size(); ++i) {
    if (!readInput(*ds_model_input(model.get(), i), *bound[i], owned[i], error))
      return fail(error);
    inputs[i] = owned[i].get();
  }

  DsRunOptions runOptions;
  ds_run_options_init(&runOptions);
  runOptions.num_threads = static_cast<int32_t>(options.threads);
  std::vector<TensorPtr> outputs;
  if (!runOnce(model.get(), runOptions, inputs, outputs, error))
    return fail(error);
  if (int status = reportOutputs(model.get(), options, outputs))
    return status;
  if (options.bench)
    return bench(model.get(), options, runOptions, inputs);
  return 0;
}
