# 64-bit Arm Linux (ARMv8-A, LP64), with Debian's g++-aarch64-linux-gnu.
# Use: cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
set(DS_CROSS_TRIPLE aarch64-linux-gnu)
set(DS_CROSS_PROCESSOR aarch64)
# Debian arm64's baseline; Advanced SIMD is part of it.
set(DS_CROSS_FLAGS "-march=armv8-a")
set(DS_CROSS_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/DebianCross.cmake)
