//===- Model.cpp - Loading a model library and its signature --------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "Model.h"
#include "Status.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#ifdef __GLIBC__
#include <gnu/lib-names.h>
#endif

using namespace ds::rt;

ThreadPool *DsModel::poolFor(unsigned threads) const {
  std::lock_guard<std::mutex> lock(poolMutex_);
  if (!pool_)
    pool_ = std::make_unique<ThreadPool>();
  try {
    pool_->reserve(threads - 1);
  } catch (const std::system_error &) {
    // Fewer workers than asked for is still correct: the calling thread
    // runs the chunks no worker takes.
  }
  return pool_.get();
}

WorkspacePool::~WorkspacePool() {
  for (void *workspace : free_)
    std::free(workspace);
}

void *WorkspacePool::take(bool &failed) {
  failed = false;
  if (!bytes_)
    return nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      void *workspace = free_.back();
      free_.pop_back();
      return workspace;
    }
  }
  // posix_memalign wants a multiple of the alignment.
  size_t rounded = (bytes_ + kWorkspaceAlignment - 1) / kWorkspaceAlignment *
                   kWorkspaceAlignment;
  void *workspace = nullptr;
  if (rounded < bytes_ ||
      posix_memalign(&workspace, kWorkspaceAlignment, rounded) != 0) {
    failed = true;
    return nullptr;
  }
  return workspace;
}

void WorkspacePool::give(void *workspace) {
  if (!workspace)
    return;
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    free_.push_back(workspace);
  } catch (...) {
    std::free(workspace);
  }
}

namespace {

DsStatus *incompatible(const std::string &path, const std::string &what) {
  return makeStatus(DS_STATUS_INCOMPATIBLE, "'" + path + "' " + what);
}

/// Opening the file first tells a missing or unreadable file (the user's
/// mistake) from one that is there but is no loadable library.
DsStatus *checkReadable(const std::string &path, const std::string &openPath) {
  int fd = open(openPath.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return makeStatus(DS_STATUS_NOT_FOUND, "cannot open model library '" +
                                               path +
                                               "': " + std::strerror(errno));
  struct stat info;
  bool regular = fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  close(fd);
  if (!regular)
    return makeStatus(DS_STATUS_NOT_FOUND,
                      "cannot load model library '" + path + "': not a file");
  return nullptr;
}

/// Compiled models call expf, erff, tanhf, ... but are linked without
/// DT_NEEDED entries, so those symbols must come from the global scope. The
/// runtime library links libm, which puts it there when the runtime is
/// part of the program; when the runtime is itself dlopen'ed with
/// RTLD_LOCAL (a Python binding, a plugin), libm is only in the runtime's
/// local scope, so it is promoted here. Where libm is part of libc (musl),
/// there is nothing to do.
void makeLibmGlobal() {
#ifdef LIBM_SO
  static const bool done = dlopen(LIBM_SO, RTLD_NOW | RTLD_GLOBAL) != nullptr;
  (void)done;
#endif
}

DsStatus *copyPort(const std::string &path, const char *kind, uint32_t index,
                   const DsAbiTensor &abi, Port &port, size_t &rankSum) {
  std::string where = std::string(kind) + " #" + std::to_string(index);
  if (!abi.name)
    return incompatible(path, "has a malformed descriptor: " + where +
                                  " has no name");
  if (ds_dtype_size(abi.dtype) == 0)
    return incompatible(path, "has a malformed descriptor: " + where +
                                  " has the unknown dtype " +
                                  std::to_string(abi.dtype));
  if (abi.rank < 0 || (abi.rank > 0 && !abi.dims))
    return incompatible(path, "has a malformed descriptor: " + where +
                                  " has rank " + std::to_string(abi.rank) +
                                  (abi.rank > 0 ? " but no dims" : ""));
  port.name = abi.name;
  port.spec.dtype = abi.dtype;
  port.label = std::string(kind) + " '" + port.name + "' (#" +
               std::to_string(index) + ")";
  for (int32_t d = 0; d < abi.rank; ++d) {
    if (abi.dims[d] < -1)
      return incompatible(path, "has a malformed descriptor: " + where +
                                    " dim " + std::to_string(d) + " is " +
                                    std::to_string(abi.dims[d]));
    port.dims.push_back(abi.dims[d]);
    const char *dimName = abi.dim_names ? abi.dim_names[d] : nullptr;
    port.dimNames.push_back(dimName ? dimName : "");
  }
  rankSum += port.dims.size();
  return nullptr;
}

/// Points the public specs at the strings and arrays of their ports; done
/// once the port vectors no longer move.
void publishSpecs(std::vector<Port> &ports) {
  for (Port &port : ports) {
    for (const std::string &dimName : port.dimNames)
      port.dimNamePtrs.push_back(dimName.c_str());
    port.spec.name = port.name.c_str();
    port.spec.rank = port.dims.size();
    port.spec.dims = port.dims.empty() ? nullptr : port.dims.data();
    port.spec.dim_names = port.dims.empty() ? nullptr : port.dimNamePtrs.data();
  }
}

DsStatus *loadModel(const char *rawPath, DsModel **out) {
  if (!out)
    return invalidArgument("ds_model_load: `out` is NULL");
  *out = nullptr;
  if (!rawPath || !*rawPath)
    return invalidArgument("ds_model_load: `path` is NULL or empty");
  std::string path = rawPath;
  // dlopen searches the library path for a name without a slash; a model is
  // always a file the caller names.
  std::string openPath =
      path.find('/') == std::string::npos ? "./" + path : path;
  if (DsStatus *status = checkReadable(path, openPath))
    return status;

  makeLibmGlobal();
  auto library = std::make_shared<Library>();
  library->handle = dlopen(openPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library->handle) {
    const char *error = dlerror();
    return makeStatus(DS_STATUS_INCOMPATIBLE,
                      "cannot load model library '" + path +
                          "': " + (error ? error : "dlopen failed"));
  }
  using GetFn = const DsAbiModel *(*)(void);
  auto get =
      reinterpret_cast<GetFn>(dlsym(library->handle, DS_MODEL_ENTRY_SYMBOL));
  if (!get)
    return incompatible(path, "is not a ds model library: it does not export " +
                                  std::string(DS_MODEL_ENTRY_SYMBOL));
  const DsAbiModel *abi = get();
  if (!abi)
    return incompatible(path, "is not a usable ds model library: " +
                                  std::string(DS_MODEL_ENTRY_SYMBOL) +
                                  " returned NULL");
  if (abi->abi_version != DS_MODEL_ABI_VERSION)
    return incompatible(path,
                        "was built for model ABI version " +
                            std::to_string(abi->abi_version) +
                            ", this runtime reads version " +
                            std::to_string(DS_MODEL_ABI_VERSION) +
                            ": compile the model with a matching ds-compile");
  if (!abi->run || !abi->release)
    return incompatible(
        path, "has a malformed descriptor: no run or release function");
  if ((abi->num_inputs && !abi->inputs) || (abi->num_outputs && !abi->outputs))
    return incompatible(path,
                        "has a malformed descriptor: no input or output table");
  if (abi->workspace_bytes > std::numeric_limits<size_t>::max() / 2)
    return incompatible(path, "needs a workspace of " +
                                  std::to_string(abi->workspace_bytes) +
                                  " bytes, more than this machine can address");
  library->abi = abi;

  auto model = std::make_unique<DsModel>();
  model->name = abi->name ? abi->name : "";
  model->label = "model '" + (model->name.empty() ? path : model->name) + "'";
  model->inputs.resize(abi->num_inputs);
  model->outputs.resize(abi->num_outputs);
  for (uint32_t i = 0; i < abi->num_inputs; ++i)
    if (DsStatus *status = copyPort(path, "input", i, abi->inputs[i],
                                    model->inputs[i], model->inputRankSum))
      return status;
  for (uint32_t i = 0; i < abi->num_outputs; ++i)
    if (DsStatus *status = copyPort(path, "output", i, abi->outputs[i],
                                    model->outputs[i], model->outputRankSum))
      return status;
  publishSpecs(model->inputs);
  publishSpecs(model->outputs);
  model->workspaces.setSize(static_cast<size_t>(abi->workspace_bytes));

  // The slot is a global of the library, shared by every DsModel loaded
  // from it (dlopen hands out the same mapping): write it only when it
  // does not hold our function yet, so a second load never writes while a
  // first model runs.
  if (abi->parallel_for && *abi->parallel_for != &dsRuntimeParallelFor)
    *abi->parallel_for = &dsRuntimeParallelFor;

  model->library = std::move(library);
  *out = model.release();
  return nullptr;
}

DsStatus *portIndex(const DsModel *model, bool input, const char *name,
                    size_t *index) {
  const char *kind = input ? "input" : "output";
  if (!model || !name || !index)
    return invalidArgument(std::string("ds_model_") + kind +
                           "_index: `model`, `name` or `index` is NULL");
  const std::vector<Port> &ports = input ? model->inputs : model->outputs;
  for (size_t i = 0; i < ports.size(); ++i) {
    if (ports[i].name == name) {
      *index = i;
      return nullptr;
    }
  }
  std::string known;
  for (const Port &port : ports)
    known += (known.empty() ? "" : ", ") + port.name;
  return makeStatus(DS_STATUS_NOT_FOUND,
                    model->label + " has no " + kind + " named '" + name +
                        "' (its " + kind +
                        "s: " + (known.empty() ? "none" : known) + ")");
}

} // namespace

extern "C" {

DS_API DsStatus *ds_model_load(const char *path, DsModel **out) {
  return guarded([&] { return loadModel(path, out); });
}

DS_API void ds_model_free(DsModel *model) { delete model; }

DS_API const char *ds_model_name(const DsModel *model) {
  return model ? model->name.c_str() : "";
}

DS_API size_t ds_model_num_inputs(const DsModel *model) {
  return model ? model->inputs.size() : 0;
}

DS_API size_t ds_model_num_outputs(const DsModel *model) {
  return model ? model->outputs.size() : 0;
}

DS_API const DsTensorSpec *ds_model_input(const DsModel *model, size_t index) {
  return model && index < model->inputs.size() ? &model->inputs[index].spec
                                               : nullptr;
}

DS_API const DsTensorSpec *ds_model_output(const DsModel *model, size_t index) {
  return model && index < model->outputs.size() ? &model->outputs[index].spec
                                                : nullptr;
}

DS_API uint64_t ds_model_workspace_bytes(const DsModel *model) {
  return model ? model->workspaces.size() : 0;
}

DS_API DsStatus *ds_model_input_index(const DsModel *model, const char *name,
                                      size_t *index) {
  return guarded([&] { return portIndex(model, /*input=*/true, name, index); });
}

DS_API DsStatus *ds_model_output_index(const DsModel *model, const char *name,
                                       size_t *index) {
  return guarded(
      [&] { return portIndex(model, /*input=*/false, name, index); });
}

} // extern "C"
