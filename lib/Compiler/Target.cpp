//===- Target.cpp - Targets of ds-compile ---------------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "ds/Compiler/Compiler.h"

#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <unistd.h>

using namespace llvm;

namespace {

/// A target ds-compile knows by name: the triple and the baseline CPU and
/// features that every device of it has (what Debian's ports assume).
struct KnownTarget {
  StringRef name;
  StringRef triple;
  StringRef cpu;
  StringRef features;
  StringRef abi; // the float ABI name where the triple does not imply it
};

const KnownTarget kTargets[] = {
    {"x86_64", "x86_64-unknown-linux-gnu", "x86-64", "", ""},
    {"aarch64", "aarch64-unknown-linux-gnu", "generic", "+neon", ""},
    // Debian armhf: ARMv7-A, Thumb-2, VFPv3-D16, hard-float EABI. NEON is
    // optional on such cores: --mattr=+neon enables it.
    {"armv7", "armv7-unknown-linux-gnueabihf", "generic",
     "+vfp3d16,+thumb2,-neon", ""},
    // RV64GC with the LP64D ABI, as Debian's riscv64 port. RVV with
    // --mattr=+v.
    {"riscv64", "riscv64-unknown-linux-gnu", "generic-rv64",
     "+m,+a,+f,+d,+c", "lp64d"},
};

void initializeTargets() {
  static bool done = [] {
    InitializeAllTargetInfos();
    InitializeAllTargets();
    InitializeAllTargetMCs();
    InitializeAllAsmPrinters();
    return true;
  }();
  (void)done;
}

} // namespace

StringRef ds::supportedTargets() {
  return "host, x86_64, aarch64, armv7, riscv64";
}

std::unique_ptr<TargetMachine>
ds::createTargetMachine(const TargetOptions &options, std::string &error) {
  initializeTargets();
  std::string triple, cpu = options.cpu, features, abi;
  if (options.target == "host") {
    triple = sys::getDefaultTargetTriple();
    if (cpu.empty())
      cpu = sys::getHostCPUName().str();
    SubtargetFeatures hostFeatures;
    for (const auto &[feature, enabled] : sys::getHostCPUFeatures())
      // The f32 -> bf16 instructions of these extensions treat f32
      // subnormals as zero; ONNX's Cast rounds them. Without them the
      // conversion is the library's own helper (RuntimeHelpers.cpp).
      hostFeatures.AddFeature(feature, enabled && feature != "avx512bf16" &&
                                           feature != "avxneconvert");
    features = hostFeatures.getString();
  } else {
    const KnownTarget *known = nullptr;
    for (const KnownTarget &candidate : kTargets)
      if (candidate.name == options.target)
        known = &candidate;
    if (!known) {
      error = "unknown target '" + options.target +
              "' (supported: " + supportedTargets().str() + ")";
      return nullptr;
    }
    triple = known->triple.str();
    if (cpu.empty())
      cpu = known->cpu.str();
    features = known->features.str();
    abi = known->abi.str();
  }
  if (!options.features.empty())
    features += (features.empty() ? "" : ",") + options.features;

  Triple parsed(Triple::normalize(triple));
  const Target *target = TargetRegistry::lookupTarget(parsed, error);
  if (!target)
    return nullptr;
  llvm::TargetOptions targetOptions;
  targetOptions.MCOptions.ABIName = abi;
  if (parsed.getEnvironment() == Triple::GNUEABIHF)
    targetOptions.FloatABIType = FloatABI::Hard;
  CodeGenOptLevel level = options.optLevel == 0   ? CodeGenOptLevel::None
                          : options.optLevel == 1 ? CodeGenOptLevel::Less
                          : options.optLevel == 2 ? CodeGenOptLevel::Default
                                                  : CodeGenOptLevel::Aggressive;
  std::unique_ptr<TargetMachine> machine(target->createTargetMachine(
      parsed, cpu, features, targetOptions, Reloc::PIC_, CodeModel::Small,
      level));
  if (!machine) {
    error = "LLVM cannot create a target machine for " + parsed.str();
    return nullptr;
  }
  if (!machine->getMCSubtargetInfo()->isCPUStringValid(cpu)) {
    error = "unknown CPU '" + cpu + "' for " + parsed.str() +
            " (llc -mtriple=" + parsed.str() + " -mcpu=help lists them)";
    return nullptr;
  }
  return machine;
}

namespace {

/// The data caches of the CPU this process runs on, where the OS reports
/// them.
void readHostCaches(ds::TargetDescription &description) {
#if defined(_SC_LEVEL1_DCACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE)
  long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE);
  long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
  if (l1 > 0)
    description.l1CacheBytes = static_cast<unsigned>(l1);
  if (l2 > 0)
    description.l2CacheBytes = static_cast<unsigned>(l2);
#else
  (void)description;
#endif
}

} // namespace

ds::TargetDescription ds::describeTarget(const TargetMachine &machine) {
  TargetDescription description;
  const MCSubtargetInfo *info = machine.getMCSubtargetInfo();
  auto has = [&](StringRef feature) {
    return info->checkFeatures(("+" + feature).str());
  };
  const Triple &triple = machine.getTargetTriple();
  if (triple.isX86()) {
    // zmm0-31 with AVX-512, ymm0-15 with AVX, xmm0-15 otherwise.
    bool avx512 = has("avx512f");
    description.vectorBits = avx512 ? 512 : has("avx") ? 256 : 128;
    description.vectorRegisters = avx512 ? 32 : 16;
  } else if (triple.isAArch64()) {
    description.vectorBits = 128;
    description.vectorRegisters = 32;
  } else if (triple.isARM()) {
    // NEON's q0-q15, or VFP's 32 single-precision registers.
    bool neon = has("neon");
    description.vectorBits = neon ? 128 : 0;
    description.vectorRegisters = neon ? 16 : 32;
  } else if (triple.isRISCV()) {
    // V guarantees VLEN >= 128; without it, the 32 FP registers.
    description.vectorBits = has("v") ? 128 : 0;
    description.vectorRegisters = 32;
  }
  Triple host(sys::getProcessTriple());
  if (triple.getArch() == host.getArch() &&
      machine.getTargetCPU() == sys::getHostCPUName())
    readHostCaches(description);
  return description;
}
