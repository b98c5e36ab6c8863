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

private:
  mutable std::mutex poolMutex_;
  mutable std::unique_ptr<ds::rt::ThreadPool> pool_;
};

#endif // DS_RUNTIME_SRC_MODEL_H
