# Helpers shared by the CMake files of ds.

# ds_add_library(<name> <sources...> [DEPENDS <targets...>] [LINK <libs...>])
#
# A static, position-independent library (so that the plugin, a shared
# object, can take it in) linked against libMLIR.so and libLLVM.so.
function(ds_add_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;LINK" ${ARGN})
  add_library(${name} STATIC ${ARG_UNPARSED_ARGUMENTS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  ds_depends_on_headers(${name})
  target_link_libraries(${name} PUBLIC ${ARG_LINK} MLIR LLVM)
endfunction()

# ds_tablegen_ops(<Family>): declarations and definitions of the ops in
# <Family>Ops.td, plus its documentation page, as target DS<Family>OpsIncGen.
function(ds_tablegen_ops family)
  set(LLVM_TARGET_DEFINITIONS ${family}Ops.td)
  mlir_tablegen(${family}Ops.h.inc -gen-op-decls)
  mlir_tablegen(${family}Ops.cpp.inc -gen-op-defs)
  add_public_tablegen_target(DS${family}OpsIncGen)
  add_dependencies(DSGeneratedHeaders DS${family}OpsIncGen)
endfunction()

# ds_depends_on_headers(<target>): <target> compiles sources that include
# generated headers (the dialect's and the passes'); they must exist before
# its objects compile. Linking a library does not order that by itself.
function(ds_depends_on_headers target)
  add_dependencies(${target} DSGeneratedHeaders)
endfunction()
