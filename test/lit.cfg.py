# lit configuration of the ds regression tests.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "ds"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ds_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "Inputs", "lib"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%ds_lib", config.ds_lib_dir))
config.substitutions.append(("%ds_bin", config.ds_tools_dir))
config.substitutions.append(
    ("%mlir_runner_path", os.path.join(config.llvm_tools_dir, "mlir-runner")))
llvm_lib_dir = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")
config.substitutions.append(
    ("%runner_utils_lib", os.path.join(llvm_lib_dir, "libmlir_runner_utils.so")))
config.substitutions.append(
    ("%c_runner_utils_lib", os.path.join(llvm_lib_dir, "libmlir_c_runner_utils.so")))
# The project venv's Python, with the pinned onnx, onnxruntime and numpy.
config.substitutions.append(("%python", config.python_executable))

# Edge targets (docs/edge-targets.md): a test that runs the cross-built
# ds-run of a target says `REQUIRES: edge-<target>` and runs
# `%qemu_<target> %ds_run_<target> ...`. The substitutions go first in the
# list so that no shorter one (a future %ds_run, say) eats their prefix.
for target in config.ds_edge_targets:
    config.available_features.add("edge-" + target)
    config.substitutions.insert(0, ("%qemu_" + target, config.ds_edge_qemu[target]))
    config.substitutions.insert(0, ("%ds_run_" + target, config.ds_edge_ds_run[target]))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
# FileCheck, not, count: from the LLVM installation.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.ds_tools_dir, config.llvm_tools_dir]
tools = [
    "ds-opt",
    "ds-compile",
    "ds-run",
    # The stock mlir-opt of the LLVM installation, for the plugin tests.
    ToolSubst("%mlir_opt", os.path.join(config.llvm_tools_dir, "mlir-opt")),
    # The JIT runner of the LLVM installation, for the end-to-end tests.
    ToolSubst("%mlir_runner", os.path.join(config.llvm_tools_dir, "mlir-runner")),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)
