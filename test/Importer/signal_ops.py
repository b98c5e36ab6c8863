# DFT, STFT and MelWeightMatrix. DFT's axis, an attribute in opset 17 and a
# constant input since opset 20, becomes the ds attribute with each opset's
# default; MelWeightMatrix's integer output_datatype becomes a type attribute.
# RUN: %python %s %t && ds-opt %t.dft17.onnx | FileCheck %s --check-prefix=DFT17
# RUN: ds-opt %t.dft20.onnx | FileCheck %s --check-prefix=DFT20
# RUN: ds-opt %t.stft.onnx | FileCheck %s --check-prefix=STFT
# RUN: ds-opt %t.mel.onnx | FileCheck %s --check-prefix=MEL
# RUN: not ds-opt %t.runtime-axis.onnx 2>&1 | FileCheck %s --check-prefix=RUNTIME-AXIS
# RUN: not ds-opt %t.bad-onesided.onnx 2>&1 | FileCheck %s --check-prefix=BAD-ONESIDED
# RUN: not ds-opt %t.rfft-complex.onnx 2>&1 | FileCheck %s --check-prefix=RFFT-COMPLEX
# RUN: not ds-opt %t.mel-bool.onnx 2>&1 | FileCheck %s --check-prefix=MEL-BOOL
from onnx_test_models import *

F, D, I32, I64 = (TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.INT32,
                  TensorProto.INT64)
real = value("x", F, ["N", 16, 1])
cplx = value("c", F, ["N", 16, 2])

# Opset 17: the axis attribute defaults to 1.
# DFT17-LABEL: func.func @main
# DFT17: %[[N:.*]] = ds.constant dense<10> : tensor<i64>
# DFT17: ds.dft %arg0 {axis = 1 : i64, onesided = true} : (tensor<?x16x1xf32>) -> tensor<?x9x2xf32>
# DFT17: ds.dft %arg1, %[[N]] {axis = -2 : i64, inverse = true} : (tensor<?x16x2xf32>, tensor<i64>) -> tensor<?x10x2xf32>
# DFT17: ds.dft %arg1 {axis = 1 : i64, inverse = true, onesided = true} : (tensor<?x16x2xf32>) -> tensor<?x30x1xf32>
save(out_path(".dft17.onnx"), [
    helper.make_node("DFT", ["x"], ["r"], onesided=1),
    helper.make_node("DFT", ["c", "n"], ["i"], inverse=1, axis=-2),
    helper.make_node("DFT", ["c"], ["ir"], inverse=1, onesided=1),
], [real, cplx],
   [value("r", F, ["N", 9, 2]), value("i", F, ["N", 10, 2]),
    value("ir", F, ["N", 30, 1])],
   [tensor("n", np.array(10, np.int64))], opset=17)

# Opset 20: the axis is an input that defaults to -2.
# DFT20-LABEL: func.func @main
# DFT20: ds.dft %arg0 {axis = -2 : i64} : (tensor<?x16x1xf32>) -> tensor<?x16x2xf32>
# DFT20: ds.dft %arg1 {axis = 0 : i64} : (tensor<?x16x2xf32>) -> tensor<?x16x2xf32>
# DFT20: ds.dft %arg0, %{{.*}} {axis = 1 : i64, onesided = true} : (tensor<?x16x1xf32>, tensor<i32>) -> tensor<?x5x2xf32>
save(out_path(".dft20.onnx"), [
    helper.make_node("DFT", ["x"], ["a"]),
    helper.make_node("DFT", ["c", "", "zero"], ["b"]),
    helper.make_node("DFT", ["x", "eight", "one"], ["r"], onesided=1),
], [real, cplx],
   [value("a", F, ["N", 16, 2]), value("b", F, ["N", 16, 2]),
    value("r", F, ["N", 5, 2])],
   [tensor("zero", np.array(0, np.int64)), tensor("one", np.array(1, np.int64)),
    tensor("eight", np.array(8, np.int32))], opset=20)

# STFT with the optional window, or frame_length.
# STFT-LABEL: func.func @main
# STFT: ds.stft %arg0, %{{.*}} window %{{.*}} : (tensor<2x128x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<2x15x9x2xf32>
# STFT: ds.stft %arg0, %{{.*}} frame_length %{{.*}} {onesided = false} : (tensor<2x128x1xf32>, tensor<i64>, tensor<i64>) -> tensor<2x7x32x2xf32>
save(out_path(".stft.onnx"), [
    helper.make_node("STFT", ["s", "step", "w"], ["a"]),
    helper.make_node("STFT", ["s", "step16", "", "len"], ["b"], onesided=0),
], [value("s", F, [2, 128, 1])],
   [value("a", F, [2, 15, 9, 2]), value("b", F, [2, 7, 32, 2])],
   [tensor("step", np.array(8, np.int64)),
    tensor("step16", np.array(16, np.int64)),
    tensor("len", np.array(32, np.int64)),
    tensor("w", np.hanning(16).astype(np.float32))], opset=17)

# MelWeightMatrix: output_datatype defaults to FLOAT.
# MEL-LABEL: func.func @main
# MEL: ds.mel_weight_matrix %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<257x80xf32>
# MEL: ds.mel_weight_matrix %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {output_datatype = f64} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<257x80xf64>
save(out_path(".mel.onnx"), [
    helper.make_node("MelWeightMatrix", ["bins", "len", "rate", "lo", "hi"],
                     ["m"]),
    helper.make_node("MelWeightMatrix", ["bins", "len", "rate", "lo", "hi"],
                     ["m64"], output_datatype=D),
], [], [value("m", F, [257, 80]), value("m64", D, [257, 80])],
   [tensor("bins", np.array(80, np.int64)), tensor("len", np.array(512, np.int64)),
    tensor("rate", np.array(16000, np.int64)),
    tensor("lo", np.array(20, np.float32)),
    tensor("hi", np.array(8000, np.float32))], opset=17)

# RUNTIME-AXIS: runtime-axis.onnx: error: node #0 (op DFT, domain ai.onnx, opset 20): axis (input #2) must be a constant: ds takes it as an attribute
save(out_path(".runtime-axis.onnx"), [
    helper.make_node("DFT", ["x", "", "axis"], ["y"]),
], [real, value("axis", I64, [])], [value("y", F, ["N", 16, 2])], opset=20)

# BAD-ONESIDED: bad-onesided.onnx: error: node #0 (op DFT, domain ai.onnx, opset 17): attribute 'onesided' must be 0 or 1, got 2
save(out_path(".bad-onesided.onnx"), [
    helper.make_node("DFT", ["x"], ["y"], onesided=2),
], [real], [value("y", F, ["N", 9, 2])], opset=17, check=False)

# RFFT-COMPLEX: rfft-complex.onnx: error: node #0 (op DFT, domain ai.onnx, opset 17): cannot convert to 'ds.dft': {{.*}}a one-sided forward DFT needs a real input (last dimension 1)
save(out_path(".rfft-complex.onnx"), [
    helper.make_node("DFT", ["c"], ["y"], onesided=1),
], [cplx], [value("y", F, ["N", 9, 2])], opset=17, check=False)

# MEL-BOOL: mel-bool.onnx: error: node #0 (op MelWeightMatrix, domain ai.onnx, opset 17): output_datatype BOOL is not supported: the weights are numbers
save(out_path(".mel-bool.onnx"), [
    helper.make_node("MelWeightMatrix", ["bins", "len", "rate", "lo", "hi"],
                     ["m"], output_datatype=TensorProto.BOOL),
], [], [value("m", TensorProto.BOOL, [257, 80])],
   [tensor("bins", np.array(80, np.int64)), tensor("len", np.array(512, np.int64)),
    tensor("rate", np.array(16000, np.int64)),
    tensor("lo", np.array(20, np.float32)),
    tensor("hi", np.array(8000, np.float32))], opset=17, check=False)
