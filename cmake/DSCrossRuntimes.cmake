# The runtime (libds_runtime.so and ds-run) cross-built for the edge
# targets, so that tests can run a compiled model under qemu-user on the
# CPU it was compiled for (docs/edge-targets.md).
#
# runtime/CMakeLists.txt builds standalone, without LLVM/MLIR, so each
# target is an ExternalProject that configures runtime/ as its own
# top-level project with a toolchain file from cmake/toolchains, in
# ${CMAKE_BINARY_DIR}/cross/<target>. Results:
#   cross/<target>/bin/ds-run, cross/<target>/lib/libds_runtime.so
# The custom target ds-cross-runtimes builds all of them (it exists, empty,
# when there is nothing to build). For test/lit.site.cfg.py.in this sets
# DS_EDGE_TARGETS and, per target, DS_EDGE_DS_RUN_<target> and
# DS_EDGE_QEMU_<target>.

include(ExternalProject)

set(DS_CROSS_TARGETS auto CACHE STRING
  "Edge targets to cross-build the runtime for: a list of aarch64, armv7, \
riscv64; 'auto' (the default) takes each whose cross g++ and qemu-user are \
installed (scripts/setup.sh); empty for none")
set(DS_CROSS_JOBS "" CACHE STRING
  "Parallel jobs of each cross-runtime build (empty: Ninja's default)")

# target -> Debian triple, toolchain file and qemu-user program.
set(DS_CROSS_TRIPLE_aarch64 aarch64-linux-gnu)
set(DS_CROSS_TRIPLE_armv7 arm-linux-gnueabihf)
set(DS_CROSS_TRIPLE_riscv64 riscv64-linux-gnu)
set(DS_CROSS_QEMU_aarch64 qemu-aarch64)
set(DS_CROSS_QEMU_armv7 qemu-arm)
set(DS_CROSS_QEMU_riscv64 qemu-riscv64)

# Sets ${out} to the qemu program for `target` if the target's cross g++,
# its libraries and qemu are installed, else to "".
function(ds_cross_find_tools target out)
  set(triple ${DS_CROSS_TRIPLE_${target}})
  find_program(DS_CROSS_GXX_${target} ${triple}-g++)
  find_program(DS_QEMU_${target} ${DS_CROSS_QEMU_${target}})
  if(DS_CROSS_GXX_${target} AND DS_QEMU_${target} AND EXISTS /usr/${triple}/lib)
    set(${out} ${DS_QEMU_${target}} PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

add_custom_target(ds-cross-runtimes)
set(DS_EDGE_TARGETS "")

# Until the runtime is written, runtime/CMakeLists.txt is a placeholder
# that is no project and builds nothing: then there is nothing to cross-build.
file(READ ${PROJECT_SOURCE_DIR}/runtime/CMakeLists.txt ds_runtime_cmake)
if(NOT ds_runtime_cmake MATCHES "(^|\n)[ \t]*project[ \t]*\\(")
  message(STATUS "Cross runtimes: none, runtime/CMakeLists.txt defines no project yet")
  return()
endif()

if(DS_CROSS_TARGETS STREQUAL "auto")
  set(ds_cross_wanted aarch64 armv7 riscv64)
else()
  set(ds_cross_wanted ${DS_CROSS_TARGETS})
endif()

foreach(target IN LISTS ds_cross_wanted)
  if(NOT DEFINED DS_CROSS_TRIPLE_${target})
    message(FATAL_ERROR "DS_CROSS_TARGETS: unknown edge target '${target}'; "
                        "the targets are aarch64, armv7 and riscv64")
  endif()
  set(triple ${DS_CROSS_TRIPLE_${target}})
  ds_cross_find_tools(${target} qemu)
  if(NOT qemu)
    if(DS_CROSS_TARGETS STREQUAL "auto")
      continue()
    endif()
    message(FATAL_ERROR "DS_CROSS_TARGETS names ${target}, but ${triple}-g++, "
      "/usr/${triple}/lib or ${DS_CROSS_QEMU_${target}} is missing; "
      "run scripts/setup.sh, or leave ${target} out")
  endif()

  set(dir ${CMAKE_BINARY_DIR}/cross/${target})
  set(args
    -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchains/${triple}.cmake
    -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
    # Fixed places for what lit runs, whatever the runtime's own layout.
    -DCMAKE_RUNTIME_OUTPUT_DIRECTORY=${dir}/bin
    -DCMAKE_LIBRARY_OUTPUT_DIRECTORY=${dir}/lib
    # The runtime's tests run in the host build; cross test dependencies
    # (GoogleTest) are not installed for the targets.
    -DBUILD_TESTING=OFF
    # ...which a runtime without tests does not read: no warning for it.
    --no-warn-unused-cli)
  if(DS_CCACHE)
    list(APPEND args -DCMAKE_C_COMPILER_LAUNCHER=${DS_CCACHE}
                     -DCMAKE_CXX_COMPILER_LAUNCHER=${DS_CCACHE})
  endif()
  set(jobs "")
  if(DS_CROSS_JOBS)
    set(jobs -j ${DS_CROSS_JOBS})
  endif()
  ExternalProject_Add(ds-cross-runtime-${target}
    SOURCE_DIR ${PROJECT_SOURCE_DIR}/runtime
    BINARY_DIR ${dir}
    PREFIX ${CMAKE_BINARY_DIR}/cross/ep-${target}
    CMAKE_GENERATOR Ninja
    CMAKE_ARGS ${args}
    BUILD_COMMAND ${CMAKE_COMMAND} --build ${dir} ${jobs}
    # The outer build cannot see the runtime's sources: always run the inner
    # Ninja, which rebuilds what changed (and nothing when nothing did).
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    USES_TERMINAL_CONFIGURE ON
    USES_TERMINAL_BUILD ON)
  add_dependencies(ds-cross-runtimes ds-cross-runtime-${target})

  list(APPEND DS_EDGE_TARGETS ${target})
  set(DS_EDGE_DS_RUN_${target} ${dir}/bin/ds-run)
  # -L: the target's dynamic loader and libraries come from its Debian tree.
  set(DS_EDGE_QEMU_${target} "${qemu} -L /usr/${triple}")
endforeach()
message(STATUS "Cross runtimes: ${DS_EDGE_TARGETS}")
