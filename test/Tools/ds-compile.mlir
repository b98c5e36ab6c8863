// ds-compile's outputs for each --emit and target, its signature file, and
// its errors.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ds-compile %s -o %t/m.so
// RUN: llvm-nm -D --defined-only %t/m.so | FileCheck %s --check-prefix=EXPORTS
// RUN: llvm-nm -D --undefined-only %t/m.so | FileCheck %s --check-prefix=IMPORTS
// RUN: FileCheck %s --check-prefix=JSON < %t/m.json
// RUN: ds-compile %s -o %t/m.mlir --emit=mlir && FileCheck %s --check-prefix=MLIR < %t/m.mlir
// RUN: ds-compile %s -o %t/m.ll --emit=llvm -O3 && FileCheck %s --check-prefix=LLVM < %t/m.ll
// RUN: ds-compile %s -o %t/m.o --emit=obj --target=aarch64 && llvm-readelf -h %t/m.o | FileCheck %s --check-prefix=AARCH64
// RUN: ds-compile %s -o %t/arm.so --target=armv7 && llvm-readelf -h -A %t/arm.so | FileCheck %s --check-prefix=ARMV7
// RUN: ds-compile %s -o %t/rv.so --target=riscv64 --mattr=+v && llvm-readelf -h %t/rv.so | FileCheck %s --check-prefix=RISCV
// RUN: ds-compile %s -o %t/x.so --target=x86_64 --mcpu=haswell -O0 && llvm-readelf -h %t/x.so | FileCheck %s --check-prefix=X86
// RUN: not ds-compile %s -o %t/e.so --target=sparc 2>&1 | FileCheck %s --check-prefix=BADTARGET
// RUN: not ds-compile %s -o %t/e.so --target=aarch64 --mcpu=pentium 2>&1 | FileCheck %s --check-prefix=BADCPU
// RUN: not ds-compile %s -o %t/e.so -O5 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not ds-compile %t/missing.onnx -o %t/e.so 2>&1 | FileCheck %s --check-prefix=MISSING

// The library exports ds_model_get alone and imports only the C library.
// EXPORTS: T ds_model_get
// EXPORTS-NOT: T
// IMPORTS-NOT: mlir
// IMPORTS-NOT: memrefCopy

// JSON: "entry": "net"
// JSON: "name": "x"
// JSON: "batch",
// JSON-NEXT: 4
// JSON: "dtype": "float",
// JSON: "name": "y"
// The dynamic shapes leave nothing for a static memory plan.
// JSON: "workspace_bytes": 0

// MLIR: llvm.func @ds_model_get() -> !llvm.ptr
// LLVM: define {{.*}}ptr @ds_model_get()
// AARCH64: Machine: AArch64
// ARMV7: Class: ELF32
// ARMV7: Flags: 0x5000400
// ARMV7: Description: VFPv3
// ARMV7: TagName: ABI_VFP_args
// ARMV7-NEXT: Description: AAPCS VFP
// RISCV: Flags: 0x5, RVC, double-float ABI
// X86: Machine: Advanced Micro Devices X86-64

// BADTARGET: ds-compile: unknown target 'sparc' (supported: host, x86_64, aarch64, armv7, riscv64)
// BADCPU: ds-compile: unknown CPU 'pentium' for aarch64-unknown-linux-gnu
// BADOPT: ds-compile: -O5 is not an optimization level (0-3)
// MISSING: missing.onnx

func.func @net(%x: tensor<?x4xf32> {ds.name = "x", ds.dim_names = ["batch", ""]})
    -> (tensor<?x4xf32> {ds.name = "y"}) {
  %y = ds.tanh %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}
