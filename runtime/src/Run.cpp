//===- Run.cpp - Checking inputs, running a model, adopting outputs -------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "Model.h"
#include "Status.h"
#include "Tensor.h"

#include <cstddef>
#include <cstring>
#include <map>
#include <sched.h>
#include <thread>
#include <utility>

using namespace ds::rt;

namespace {

/// The value a symbolic dim took first, and where.
struct SymbolBinding {
  int64_t value;
  const Port *port;
  size_t dim;
};

/// The checks the model's code relies on (model_abi.h: "the caller has
/// checked dtypes, ranks and static dims"), plus the ones that keep it
/// from reading past the caller's data.
DsStatus *checkInputs(const DsModel &model, DsTensor *const *inputs) {
  std::map<std::string, SymbolBinding> symbols;
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    const Port &port = model.inputs[i];
    const DsTensor *tensor = inputs[i];
    if (!tensor)
      return invalidArgument(port.label + " is NULL");
    if (tensor->dtype != port.spec.dtype)
      return invalidArgument(
          port.label + ": dtype is " + ds_dtype_name(tensor->dtype) +
          ", the model expects " + ds_dtype_name(port.spec.dtype));
    if (tensor->dims.size() != port.dims.size())
      return invalidArgument(
          port.label + ": rank is " + std::to_string(tensor->dims.size()) +
          ", the model expects " + std::to_string(port.dims.size()));
    for (size_t d = 0; d < port.dims.size(); ++d) {
      int64_t dim = tensor->dims[d];
      if (dim < 0)
        return invalidArgument(port.label + ": dim " + std::to_string(d) +
                               " is " + std::to_string(dim) +
                               ", dims must be >= 0");
      if (port.dims[d] >= 0 && dim != port.dims[d])
        return invalidArgument(port.label + ": dim " + std::to_string(d) +
                               " is " + std::to_string(dim) +
                               ", the model expects " +
                               std::to_string(port.dims[d]));
      const std::string &symbol = port.dimNames[d];
      if (symbol.empty())
        continue;
      auto [it, inserted] =
          symbols.try_emplace(symbol, SymbolBinding{dim, &port, d});
      if (!inserted && it->second.value != dim)
        return invalidArgument(
            port.label + ": dim " + std::to_string(d) + " ('" + symbol +
            "') is " + std::to_string(dim) + ", but " +
            (it->second.port == &port
                 ? "its dim " + std::to_string(it->second.dim)
                 : it->second.port->label) +
            " has " + symbol + " = " + std::to_string(it->second.value));
    }
    size_t needed = 0;
    std::string why;
    if (!byteSizeOf(tensor->dtype, tensor->dims.data(), tensor->dims.size(),
                    needed, why))
      return invalidArgument(port.label + ": " + why);
    if (tensor->byteSize < needed)
      return invalidArgument(
          port.label + ": holds " + std::to_string(tensor->byteSize) +
          " bytes, dims " +
          formatDims(tensor->dims.data(), tensor->dims.size()) + " of " +
          ds_dtype_name(tensor->dtype) + " need " + std::to_string(needed));
  }
  return nullptr;
}

DsStatus *resolveThreads(const DsRunOptions *options, unsigned &threads) {
  int32_t requested = 0;
  if (options) {
    if (options->struct_size <
        offsetof(DsRunOptions, num_threads) + sizeof(int32_t))
      return invalidArgument(
          "DsRunOptions.struct_size is " +
          std::to_string(options->struct_size) +
          ": initialize the options with ds_run_options_init");
    requested = options->num_threads;
  }
  if (requested < 0 || requested > DS_MAX_THREADS)
    return invalidArgument("DsRunOptions.num_threads is " +
                           std::to_string(requested) + ", it must be in [0, " +
                           std::to_string(DS_MAX_THREADS) +
                           "] (0: one per hardware thread)");
  threads = requested ? static_cast<unsigned>(requested)
                      : static_cast<unsigned>(ds_default_num_threads());
  return nullptr;
}

/// Owns the blocks the model returned until each is adopted by a tensor,
/// so that every exit path gives back each block exactly once.
class OutputBlocks {
public:
  OutputBlocks(const DsAbiModel &abi, std::vector<void *> &allocs)
      : abi_(abi), allocs_(allocs) {}
  ~OutputBlocks() {
    for (void *&alloc : allocs_)
      if (alloc)
        abi_.release(std::exchange(alloc, nullptr));
  }
  void *take(size_t j) { return std::exchange(allocs_[j], nullptr); }

private:
  const DsAbiModel &abi_;
  std::vector<void *> &allocs_;
};

/// A workspace of the model's pool for the length of one run.
class WorkspaceLease {
public:
  explicit WorkspaceLease(WorkspacePool &pool) : pool_(pool) {
    workspace_ = pool_.take(failed_);
  }
  ~WorkspaceLease() { pool_.give(workspace_); }
  WorkspaceLease(const WorkspaceLease &) = delete;
  WorkspaceLease &operator=(const WorkspaceLease &) = delete;
  bool failed() const { return failed_; }
  void *get() const { return workspace_; }

private:
  WorkspacePool &pool_;
  void *workspace_ = nullptr;
  bool failed_ = false;
};

/// Turns output j as the model returned it into a DsTensor.
DsStatus *adoptOutput(const DsModel &model, size_t j, void *data,
                      OutputBlocks &blocks, const int64_t *dims,
                      DsTensor **out) {
  const Port &port = model.outputs[j];
  size_t rank = port.dims.size();
  for (size_t d = 0; d < rank; ++d) {
    if (dims[d] < 0 || (port.dims[d] >= 0 && dims[d] != port.dims[d]))
      return internalError(model.label + " returned " + port.label +
                           " with dims " + formatDims(dims, rank) +
                           ", its signature says " +
                           formatDims(port.dims.data(), rank));
  }
  size_t bytes = 0;
  std::string why;
  if (!byteSizeOf(port.spec.dtype, dims, rank, bytes, why))
    return internalError(model.label + " returned " + port.label + ": " + why);
  if (!data && bytes)
    return internalError(model.label + " returned no data for " + port.label);

  void *block = blocks.take(j);
  if (block) {
    auto tensor = std::make_unique<DsTensor>();
    tensor->storage = DsStorage::ModelBlock;
    tensor->block = block;
    tensor->library = model.library;
    tensor->dtype = port.spec.dtype;
    tensor->data = data;
    tensor->byteSize = bytes;
    tensor->dims.assign(dims, dims + rank);
    *out = tensor.release();
    return nullptr;
  }
  // Not the caller's memory (a constant of the library, or an input): copy
  // it, so the output outlives both the library and the inputs.
  if (DsStatus *status = createOwnedTensor(port.spec.dtype, dims, rank, out))
    return status;
  if (bytes)
    std::memcpy((*out)->data, data, bytes);
  return nullptr;
}

DsStatus *runModel(const DsModel *model, const DsRunOptions *options,
                   DsTensor *const *inputs, size_t numInputs,
                   DsTensor **outputs, size_t numOutputs) {
  if (outputs)
    for (size_t j = 0; j < numOutputs; ++j)
      outputs[j] = nullptr;
  if (!model)
    return invalidArgument("ds_model_run: `model` is NULL");
  if (numInputs != model->inputs.size())
    return invalidArgument(model->label + " takes " +
                           std::to_string(model->inputs.size()) +
                           " inputs, got " + std::to_string(numInputs));
  if (numOutputs != model->outputs.size())
    return invalidArgument(
        model->label + " has " + std::to_string(model->outputs.size()) +
        " outputs, got room for " + std::to_string(numOutputs));
  if (numInputs && !inputs)
    return invalidArgument("ds_model_run: `inputs` is NULL");
  if (numOutputs && !outputs)
    return invalidArgument("ds_model_run: `outputs` is NULL");
  unsigned threads = 1;
  if (DsStatus *status = resolveThreads(options, threads))
    return status;
  if (DsStatus *status = checkInputs(*model, inputs))
    return status;

  std::vector<void *> inputData(numInputs);
  std::vector<int64_t> inputDims;
  inputDims.reserve(model->inputRankSum);
  for (size_t i = 0; i < numInputs; ++i) {
    inputData[i] = inputs[i]->data;
    inputDims.insert(inputDims.end(), inputs[i]->dims.begin(),
                     inputs[i]->dims.end());
  }
  // -1 and NULL: what a model that forgets to write an output leaves.
  std::vector<void *> outputData(numOutputs, nullptr);
  std::vector<void *> outputAllocs(numOutputs, nullptr);
  std::vector<int64_t> outputDims(model->outputRankSum, -1);

  const DsAbiModel &abi = *model->library->abi;
  {
    WorkspaceLease workspace(model->workspaces);
    if (workspace.failed())
      return outOfMemory();
    // A model without parallel loops has no slot; it needs no workers.
    bool parallel = threads > 1 && abi.parallel_for;
    RunThreads run{parallel ? model->poolFor(threads) : nullptr, threads};
    ScopedRunThreads scope(&run);
    abi.run(inputData.data(), inputDims.data(), outputData.data(),
            outputAllocs.data(), outputDims.data(), workspace.get());
  }

  OutputBlocks blocks(abi, outputAllocs);
  size_t dimOffset = 0;
  for (size_t j = 0; j < numOutputs; ++j) {
    DsStatus *status = nullptr;
    try {
      status = adoptOutput(*model, j, outputData[j], blocks,
                           outputDims.data() + dimOffset, &outputs[j]);
    } catch (...) {
      status = outOfMemory();
    }
    if (status) {
      for (size_t k = 0; k < j; ++k)
        ds_tensor_free(std::exchange(outputs[k], nullptr));
      return status;
    }
    dimOffset += model->outputs[j].dims.size();
  }
  return nullptr;
}

} // namespace

extern "C" {

DS_API void ds_run_options_init(DsRunOptions *options) {
  if (!options)
    return;
  std::memset(options, 0, sizeof *options);
  options->struct_size = sizeof *options;
}

DS_API int32_t ds_default_num_threads(void) {
  // The CPUs this process may run on (taskset, container limits), which
  // can be fewer than the machine has.
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0)
      return count > DS_MAX_THREADS ? DS_MAX_THREADS : count;
  }
#endif
  unsigned count = std::thread::hardware_concurrency();
  if (count == 0)
    return 1;
  return count > DS_MAX_THREADS ? DS_MAX_THREADS : static_cast<int32_t>(count);
}

DS_API DsStatus *ds_model_run(const DsModel *model, const DsRunOptions *options,
                              DsTensor *const *inputs, size_t num_inputs,
                              DsTensor **outputs, size_t num_outputs) {
  return guarded([&] {
    return runModel(model, options, inputs, num_inputs, outputs, num_outputs);
  });
}

} // extern "C"
