// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @batch_norm_rank(%x: tensor<8xf32>, %c: tensor<8xf32>) {
  // expected-error @+1 {{'ds.batch_normalization' op operand x must have rank >= 2, got 1}}
  %y = ds.batch_normalization %x, %c, %c, %c, %c : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @batch_norm_channels(%x: tensor<2x3x4xf32>, %c: tensor<3xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{'ds.batch_normalization' op operand var must have size C = x.shape[1] = 3, got 4}}
  %y = ds.batch_normalization %x, %c, %c, %c, %v : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @batch_norm_scale_rank(%x: tensor<2x3x4xf32>, %c: tensor<3xf32>, %s: tensor<1x3xf32>) {
  // expected-error @+1 {{'ds.batch_normalization' op operand scale must have rank 1, got 2}}
  %y = ds.batch_normalization %x, %s, %c, %c, %c : (tensor<2x3x4xf32>, tensor<1x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @batch_norm_training_results(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'ds.batch_normalization' op training_mode requires the results running_mean and running_var, got 0 extra results}}
  %y = ds.batch_normalization %x, %c, %c, %c, %c {training_mode = true} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batch_norm_inference_results(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'ds.batch_normalization' op has 2 running-statistics results, which require training_mode}}
  %y:3 = ds.batch_normalization %x, %c, %c, %c, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}

// -----

func.func @batch_norm_running_type(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'ds.batch_normalization' op result #2 type 'tensor<4xf32>' is incompatible with the inferred type 'tensor<3xf32>'}}
  %y:3 = ds.batch_normalization %x, %c, %c, %c, %c {training_mode = true} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<4xf32>)
  return
}

// -----

func.func @layer_norm_axis(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'ds.layer_normalization' op axis 2 is out of range for rank 2 (expected in [-2, 2))}}
  %y = ds.layer_normalization %x, %s {axis = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>)
  return
}

// -----

func.func @layer_norm_scale_broadcast(%x: tensor<2x3x4xf32>, %s: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.layer_normalization' op operand scale of shape [3, 4] does not broadcast to x.shape[axis:] = [4]}}
  %y = ds.layer_normalization %x, %s : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> (tensor<2x3x4xf32>)
  return
}

// -----

func.func @layer_norm_bias_broadcast(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'ds.layer_normalization' op operand bias of shape [3] does not broadcast to x.shape[axis:] = [3, 4]}}
  %y = ds.layer_normalization %x, %s, %b {axis = -2 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>)
  return
}

// -----

func.func @layer_norm_stash_type(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'ds.layer_normalization' op stash_type must be 1 (f32), 10 (f16), 11 (f64) or 16 (bf16), got 7}}
  %y = ds.layer_normalization %x, %s {stash_type = 7 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>)
  return
}

// -----

func.func @layer_norm_element_type(%x: tensor<2x3xf32>, %s: tensor<3xf16>) {
  // expected-error @+1 {{'ds.layer_normalization' op operand scale has element type 'f16', expected x's 'f32'}}
  %y = ds.layer_normalization %x, %s : (tensor<2x3xf32>, tensor<3xf16>) -> (tensor<2x3xf32>)
  return
}

// -----

func.func @layer_norm_mean_only(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'ds.layer_normalization' op results mean and inv_std_dev must be both present or both absent}}
  %y, %m = ds.layer_normalization %x, %s : (tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @layer_norm_stat_type(%x: tensor<2x3xf16>, %s: tensor<3xf16>) {
  // expected-error @+1 {{'ds.layer_normalization' op result #1 type 'tensor<2x1xf16>' is incompatible with the inferred type 'tensor<2x1xf32>'}}
  %y, %m, %i = ds.layer_normalization %x, %s : (tensor<2x3xf16>, tensor<3xf16>) -> (tensor<2x3xf16>, tensor<2x1xf16>, tensor<2x1xf16>)
  return
}

// -----

func.func @group_norm_divisible(%x: tensor<2x6x4xf32>, %c: tensor<6xf32>) {
  // expected-error @+1 {{'ds.group_normalization' op channel count C = 6 is not divisible by num_groups = 4}}
  %y = ds.group_normalization %x, %c, %c {num_groups = 4 : i64} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

func.func @group_norm_positive(%x: tensor<2x6x4xf32>, %c: tensor<6xf32>) {
  // expected-error @+1 {{'ds.group_normalization' op num_groups must be positive, got 0}}
  %y = ds.group_normalization %x, %c, %c {num_groups = 0 : i64} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

// The per-group scale of opset 18 is not the canonical form.
func.func @group_norm_per_group_scale(%x: tensor<2x6x4xf32>, %g: tensor<3xf32>) {
  // expected-error @+1 {{'ds.group_normalization' op operand scale must have size C = x.shape[1] = 6, got 3}}
  %y = ds.group_normalization %x, %g, %g {num_groups = 3 : i64} : (tensor<2x6x4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

func.func @group_norm_attr_missing(%x: tensor<2x6x4xf32>, %c: tensor<6xf32>) {
  // expected-error @+1 {{'ds.group_normalization' op requires attribute 'num_groups'}}
  %y = ds.group_normalization %x, %c, %c : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

func.func @instance_norm_rank(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'ds.instance_normalization' op operand x must have rank >= 3, got 2}}
  %y = ds.instance_normalization %x, %c, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @instance_norm_bias(%x: tensor<2x3x5xf32>, %c: tensor<3xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{'ds.instance_normalization' op operand bias must have size C = x.shape[1] = 3, got 5}}
  %y = ds.instance_normalization %x, %c, %b : (tensor<2x3x5xf32>, tensor<3xf32>, tensor<5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.softmax' op axis -3 is out of range for rank 2 (expected in [-2, 2))}}
  %y = ds.softmax %x {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @softmax_int(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'ds.softmax' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %y = ds.softmax %x : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @log_softmax_axis(%x: tensor<f32>) {
  // expected-error @+1 {{'ds.log_softmax' op axis -1 is out of range for rank 0 (expected in [0, 0))}}
  %y = ds.log_softmax %x : (tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @log_softmax_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.log_softmax' op result #0 type 'tensor<2x4xf32>' is incompatible with the inferred type 'tensor<2x3xf32>'}}
  %y = ds.log_softmax %x : (tensor<2x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @hardmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.hardmax' op axis 2 is out of range for rank 2 (expected in [-2, 2))}}
  %y = ds.hardmax %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @lp_norm_p(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.lp_normalization' op p must be 1 or 2, got 3}}
  %y = ds.lp_normalization %x {p = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @lp_norm_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.lp_normalization' op axis 5 is out of range for rank 2 (expected in [-2, 2))}}
  %y = ds.lp_normalization %x {axis = 5 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @precision_needs_f32_for_tf32(%x: tensor<2x3xf16>) {
  // expected-error @+1 {{'ds.softmax' op precision 'tf32' requires f32 operands, got 'f16'}}
  %y = ds.softmax %x {precision = #ds.precision<tf32>} : (tensor<2x3xf16>) -> tensor<2x3xf16>
  return
}

// -----

func.func @batch_norm_stat_types(%x: tensor<2x3xf32>, %c: tensor<3xf32>, %v: tensor<3xf16>) {
  // expected-error @+1 {{'ds.batch_normalization' op operand var has element type 'f16', expected mean's 'f32'}}
  %y = ds.batch_normalization %x, %c, %c, %c, %v : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}
