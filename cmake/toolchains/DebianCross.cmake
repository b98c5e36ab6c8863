# Shared part of the edge-target toolchain files: builds with one of
# Debian's cross g++ packages (g++-<triple>, installed by scripts/setup.sh)
# for Linux on another CPU. The including file sets DS_CROSS_TRIPLE,
# DS_CROSS_PROCESSOR, DS_CROSS_FLAGS and DS_CROSS_QEMU first.
#
# The target's libraries and headers live in /usr/<triple>. That directory
# is not a sysroot in GCC's sense: Debian's cross g++ already searches it
# (it is configured with --with-sysroot=/), and its libc.so linker script
# names absolute /usr/<triple>/lib paths, so CMAKE_SYSROOT=/usr/<triple>
# would make the link fail. It is CMake's find root, and qemu's -L prefix.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${DS_CROSS_PROCESSOR})
set(DS_CROSS_PREFIX /usr/${DS_CROSS_TRIPLE})

find_program(DS_CROSS_GCC ${DS_CROSS_TRIPLE}-gcc)
find_program(DS_CROSS_GXX ${DS_CROSS_TRIPLE}-g++)
if(NOT DS_CROSS_GCC OR NOT DS_CROSS_GXX OR NOT EXISTS ${DS_CROSS_PREFIX}/lib)
  message(FATAL_ERROR
    "${DS_CROSS_TRIPLE}: no cross C/C++ compiler or no ${DS_CROSS_PREFIX}/lib; "
    "install them with scripts/setup.sh (packages g++-${DS_CROSS_TRIPLE} and "
    "the target's libc6-dev/libstdc++ -cross packages)")
endif()
set(CMAKE_C_COMPILER ${DS_CROSS_GCC})
set(CMAKE_CXX_COMPILER ${DS_CROSS_GXX})
# Initial values only: a build directory keeps the flags it was configured
# with (CMake caches them), so a change here needs a fresh build directory.
set(CMAKE_C_FLAGS_INIT "${DS_CROSS_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${DS_CROSS_FLAGS}")

# Libraries, headers and packages come from the target's tree only;
# programs (code generators, scripts) from the host.
set(CMAKE_FIND_ROOT_PATH ${DS_CROSS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# try_run() and add_test() of the cross-built project run under qemu-user
# when it is installed.
find_program(DS_CROSS_QEMU_PROGRAM ${DS_CROSS_QEMU})
if(DS_CROSS_QEMU_PROGRAM)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${DS_CROSS_QEMU_PROGRAM} -L ${DS_CROSS_PREFIX})
endif()
