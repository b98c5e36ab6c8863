# 64-bit RISC-V Linux (RV64GC, LP64D), with Debian's g++-riscv64-linux-gnu.
# Use: cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv64-linux-gnu.cmake
set(DS_CROSS_TRIPLE riscv64-linux-gnu)
set(DS_CROSS_PROCESSOR riscv64)
# Debian riscv64's baseline. glibc's loader refuses objects whose ELF float
# ABI is not lp64d.
set(DS_CROSS_FLAGS "-march=rv64gc -mabi=lp64d")
set(DS_CROSS_QEMU qemu-riscv64)
include(${CMAKE_CURRENT_LIST_DIR}/DebianCross.cmake)
