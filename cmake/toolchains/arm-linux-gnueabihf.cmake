# 32-bit Arm Linux, hard-float EABI (Debian armhf), with Debian's
# g++-arm-linux-gnueabihf.
# Use: cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-linux-gnueabihf.cmake
set(DS_CROSS_TRIPLE arm-linux-gnueabihf)
# What `uname -m` says on an armhf machine.
set(DS_CROSS_PROCESSOR armv7l)
# Debian armhf's baseline: ARMv7-A with VFPv3-D16 ("+fp"; NEON is not
# guaranteed), floats passed in VFP registers. armhf's glibc refuses to load
# objects of the soft-float ABI.
set(DS_CROSS_FLAGS "-march=armv7-a+fp -mfloat-abi=hard")
set(DS_CROSS_QEMU qemu-arm)
include(${CMAKE_CURRENT_LIST_DIR}/DebianCross.cmake)
