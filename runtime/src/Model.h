//===- Model.h - DsModel ----------------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RUNTIME_SRC_MODEL_H
#define DS_RUNTIME_SRC_MODEL_H

#include "Library.h"
#include "ThreadPool.h"
#include "ds/runtime/runtime.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ds::rt {

/// The alignment of a run's workspace (model_abi.h).
constexpr size_t kWorkspaceAlignment = 64;

/// Free workspaces of one size, 64-byte aligned; shared by the threads
/// that run a model. Frees them all when destroyed.
class WorkspacePool {
public:
  WorkspacePool() = default;
  WorkspacePool(const WorkspacePool &) = delete;
  WorkspacePool &operator=(const WorkspacePool &) = delete;
  ~WorkspacePool();

  void setSize(size_t bytes) { bytes_ = bytes; }
  size_t size() const { return bytes_; }
  /// A free workspace, or a new one; NULL when the size is 0 or the
  /// allocation fails (`failed` tells which).
  void *take(bool &failed);
  void give(void *workspace);

private:
  size_t bytes_ = 0;
  std::mutex mutex_;
  std::vector<void *> free_;
};

/// An input or output of the model, copied out of the library's descriptor
/// with the blanks filled in (NULL dim_names become "").
struct Port {
  std::string name;
  std::vector<int64_t> dims;
  std::vector<std::string> dimNames;
  std::vector<const char *> dimNamePtrs;
  DsTensorSpec spec{};

  /// "input 'x' (#0)"
  std::string label;
};

} // namespace ds::rt

struct DsModel {
  std::shared_ptr<ds::rt::Library> library;
  std::string name;
  /// How messages name the model: "model 'add'".
  std::string label;
  std::vector<ds::rt::Port> inputs;
  std::vector<ds::rt::Port> outputs;
  size_t inputRankSum = 0;
  size_t outputRankSum = 0;

  /// The workers of this model's runs, started on the first run that asks
  /// for more than one thread and grown to the largest count asked for.
  ds::rt::ThreadPool *poolFor(unsigned threads) const;

  /// The workspaces of this model's runs (DsAbiModel::workspace_bytes
  /// each): a run takes a free one, or allocates one when every one is in
  /// use, and gives it back when it ends, so there are as many as the most
  /// runs at the same time, and steady-state runs allocate none.
  mutable ds::rt::WorkspacePool workspaces;

private:
  mutable std::mutex poolMutex_;
  mutable std::unique_ptr<ds::rt::ThreadPool> pool_;
};

#endif // DS_RUNTIME_SRC_MODEL_H
