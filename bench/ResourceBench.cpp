//===- ResourceBench.cpp - Cost of weights in IR ----------------*- C++ -*-===//
//
// Part of ds. Times what a model of N MB of weights costs in IR: cloning the
// module, printing and parsing it as text and as bytecode. Median of R runs.
//
//   ds-resource-bench [MB=100] [R=5]
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "ds/InitAll.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace mlir;

static double medianSeconds(int runs, const std::function<void()> &fn) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

int main(int argc, char **argv) {
  int64_t megabytes = argc > 1 ? std::atoll(argv[1]) : 100;
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  DialectRegistry registry;
  ds::registerDSDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  // Ten weights of N/10 MB each, like the layers of a model.
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());
  int64_t perWeight = megabytes * (1 << 20) / 10 / 4;
  auto type = RankedTensorType::get({perWeight}, builder.getF32Type());
  SmallVector<Type> types(10, type);
  auto func = func::FuncOp::create(builder, loc, "weights",
                                   builder.getFunctionType({}, types));
  builder.setInsertionPointToEnd(func.addEntryBlock());
  SmallVector<Value> values;
  for (int w = 0; w < 10; ++w) {
    AsmResourceBlob blob =
        HeapAsmResourceBlob::allocate(perWeight * 4, alignof(float), true);
    auto *data = reinterpret_cast<float *>(blob.getMutableData().data());
    for (int64_t i = 0; i < perWeight; ++i)
      data[i] = static_cast<float>((i * 7 + w) % 1013) * 0.001f;
    auto attr = DenseResourceElementsAttr::get(type, "w", std::move(blob));
    values.push_back(ds::ConstantOp::create(builder, loc, type, attr));
  }
  func::ReturnOp::create(builder, loc, values);

  double clone = medianSeconds(runs, [&] { (void)module->clone(); });

  std::string text, bytecode;
  double printText = medianSeconds(runs, [&] {
    text.clear();
    llvm::raw_string_ostream os(text);
    module->print(os);
  });
  double writeBytecode = medianSeconds(runs, [&] {
    bytecode.clear();
    llvm::raw_string_ostream os(bytecode);
    if (failed(writeBytecodeToFile(*module, os)))
      std::abort();
  });
  auto parse = [&](const std::string &source) {
    MLIRContext other(registry);
    ParserConfig config(&other);
    if (!parseSourceString<ModuleOp>(source, config))
      std::abort();
  };
  double parseText = medianSeconds(runs, [&] { parse(text); });
  double readBytecode = medianSeconds(runs, [&] { parse(bytecode); });

  std::printf("weights: %lld MB in 10 dense_resource blobs, median of %d\n",
              static_cast<long long>(megabytes), runs);
  std::printf("clone module        %9.4f s\n", clone);
  std::printf("print text          %9.4f s  (%zu MB)\n", printText,
              text.size() >> 20);
  std::printf("parse text          %9.4f s\n", parseText);
  std::printf("write bytecode      %9.4f s  (%zu MB)\n", writeBytecode,
              bytecode.size() >> 20);
  std::printf("read bytecode       %9.4f s\n", readBytecode);
  return 0;
}
