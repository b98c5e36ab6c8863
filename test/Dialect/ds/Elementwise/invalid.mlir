// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @exp_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.exp' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.exp %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @log_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.log' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.log %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @sqrt_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.sqrt' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.sqrt %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @reciprocal_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.reciprocal' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.reciprocal %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @sigmoid_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.sigmoid' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.sigmoid %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @tanh_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.tanh' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.tanh %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @erf_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.erf' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.erf %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @sin_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.sin' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.sin %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @cos_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.cos' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.cos %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @tan_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.tan' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.tan %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @asin_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.asin' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.asin %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @acos_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.acos' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.acos %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @atan_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.atan' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.atan %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @sinh_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.sinh' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.sinh %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @cosh_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.cosh' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.cosh %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @asinh_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.asinh' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.asinh %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @acosh_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.acosh' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.acosh %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @atanh_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.atanh' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.atanh %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @softplus_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.softplus' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.softplus %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @softsign_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.softsign' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.softsign %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @floor_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.floor' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.floor %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @ceil_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.ceil' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.ceil %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @round_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.round' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.round %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @mish_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.mish' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.mish %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @hard_swish_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.hard_swish' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.hard_swish %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @leaky_relu_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.leaky_relu' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.leaky_relu %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @elu_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.elu' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.elu %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @celu_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.celu' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.celu %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @selu_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.selu' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.selu %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @hard_sigmoid_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.hard_sigmoid' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.hard_sigmoid %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @thresholded_relu_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.thresholded_relu' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.thresholded_relu %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @gelu_needs_float(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.gelu' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.gelu %x : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @is_nan_needs_float(%x: tensor<3xi32>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.is_nan' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.is_nan %x : (tensor<3xi32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @is_inf_needs_float(%x: tensor<3xi32>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.is_inf' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.is_inf %x : (tensor<3xi32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @neg_bad_type(%x: tensor<3xui8>) -> tensor<3xui8> {
  // expected-error @+1 {{'ds.neg' op operand #0 must be tensor of}}
  %0 = ds.neg %x : (tensor<3xui8>) -> tensor<3xui8>
  return %0 : tensor<3xui8>
}

// -----

func.func @relu_bad_type(%x: tensor<3xui8>) -> tensor<3xui8> {
  // expected-error @+1 {{'ds.relu' op operand #0 must be tensor of}}
  %0 = ds.relu %x : (tensor<3xui8>) -> tensor<3xui8>
  return %0 : tensor<3xui8>
}

// -----

func.func @abs_bad_type(%x: tensor<3xi1>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.abs' op operand #0 must be tensor of}}
  %0 = ds.abs %x : (tensor<3xi1>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @sign_bad_type(%x: tensor<3xi1>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.sign' op operand #0 must be tensor of}}
  %0 = ds.sign %x : (tensor<3xi1>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @not_bad_type(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.not' op operand #0 must be tensor of}}
  %0 = ds.not %x : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @bitwise_not_bad_type(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.bitwise_not' op operand #0 must be tensor of}}
  %0 = ds.bitwise_not %x : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @identity_result_mismatch(%x: tensor<3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'ds.identity' op result #0 type 'tensor<4xf32>' is incompatible with the inferred type 'tensor<3xf32>'}}
  %0 = ds.identity %x : (tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @is_nan_result_not_bool(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.is_nan' op result #0 must be tensor of 1-bit signless integer values}}
  %0 = ds.is_nan %x : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @celu_zero_alpha(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.celu' op alpha must be non-zero}}
  %0 = ds.celu %x {alpha = 0.0 : f32} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @gelu_bad_approximation(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.gelu' op approximate must be "none" or "tanh", got "erf"}}
  %0 = ds.gelu %x {approximate = "erf"} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @leaky_relu_alpha_type(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.leaky_relu' op attribute 'alpha' failed to satisfy constraint: 32-bit float attribute}}
  %0 = ds.leaky_relu %x {alpha = 1 : i64} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @add_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.add' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.add %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @sub_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.sub' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.sub %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @mul_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.mul' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.mul %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @div_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.div' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.div %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @max_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.max' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.max %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @min_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.min' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.min %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @mod_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.mod' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.mod %a, %b {fmod = true} : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @prelu_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.prelu' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.prelu %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @pow_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'ds.pow' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.pow %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @equal_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xi1> {
  // expected-error @+1 {{'ds.equal' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.equal %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

func.func @less_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xi1> {
  // expected-error @+1 {{'ds.less' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.less %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

func.func @less_or_equal_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xi1> {
  // expected-error @+1 {{'ds.less_or_equal' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.less_or_equal %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

func.func @greater_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xi1> {
  // expected-error @+1 {{'ds.greater' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.greater %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

func.func @greater_or_equal_not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<4x3xi1> {
  // expected-error @+1 {{'ds.greater_or_equal' op operands are not broadcastable: size 3 vs 2 in result dimension 1}}
  %0 = ds.greater_or_equal %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

func.func @add_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.add' op requires the same element type for all operands}}
  %0 = ds.add %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @sub_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.sub' op requires the same element type for all operands}}
  %0 = ds.sub %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @mul_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.mul' op requires the same element type for all operands}}
  %0 = ds.mul %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @div_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.div' op requires the same element type for all operands}}
  %0 = ds.div %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @max_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.max' op requires the same element type for all operands}}
  %0 = ds.max %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @min_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.min' op requires the same element type for all operands}}
  %0 = ds.min %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @mod_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.mod' op requires the same element type for all operands}}
  %0 = ds.mod %a, %b {fmod = true} : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @prelu_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.prelu' op requires the same element type for all operands}}
  %0 = ds.prelu %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @equal_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.equal' op requires the same element type for all operands}}
  %0 = ds.equal %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @less_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.less' op requires the same element type for all operands}}
  %0 = ds.less %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @less_or_equal_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.less_or_equal' op requires the same element type for all operands}}
  %0 = ds.less_or_equal %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @greater_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.greater' op requires the same element type for all operands}}
  %0 = ds.greater %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @greater_or_equal_mixed_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xi1> {
  // expected-error @+1 {{'ds.greater_or_equal' op requires the same element type for all operands}}
  %0 = ds.greater_or_equal %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @compare_result_not_bool(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.less' op result #0 must be tensor of 1-bit signless integer values}}
  %0 = ds.less %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @and_needs_bool(%a: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.and' op operand #0 must be tensor of 1-bit signless integer values}}
  %0 = ds.and %a, %a : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @or_needs_bool(%a: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.or' op operand #0 must be tensor of 1-bit signless integer values}}
  %0 = ds.or %a, %a : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @xor_needs_bool(%a: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'ds.xor' op operand #0 must be tensor of 1-bit signless integer values}}
  %0 = ds.xor %a, %a : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @bitwise_and_needs_int(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.bitwise_and' op operand #0 must be tensor of}}
  %0 = ds.bitwise_and %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @bitwise_or_needs_int(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.bitwise_or' op operand #0 must be tensor of}}
  %0 = ds.bitwise_or %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @bitwise_xor_needs_int(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.bitwise_xor' op operand #0 must be tensor of}}
  %0 = ds.bitwise_xor %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @bit_shift_direction(%a: tensor<3xui8>) -> tensor<3xui8> {
  // expected-error @+1 {{'ds.bit_shift' op direction must be "LEFT" or "RIGHT", got "UP"}}
  %0 = ds.bit_shift %a, %a {direction = "UP"} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  return %0 : tensor<3xui8>
}

// -----

func.func @bit_shift_float(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.bit_shift' op operand #0 must be tensor of}}
  %0 = ds.bit_shift %a, %a {direction = "LEFT"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @where_condition_not_bool(%c: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.where' op operand #0 must be tensor of 1-bit signless integer values}}
  %0 = ds.where %c, %x, %x : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @where_mixed_types(%c: tensor<3xi1>, %x: tensor<3xf32>, %y: tensor<3xi32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.where' op failed to verify that all of {x, y, output} have same element type}}
  %0 = ds.where %c, %x, %y : (tensor<3xi1>, tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @clip_bound_not_scalar(%x: tensor<3xf32>, %lo: tensor<2x1xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.clip' op bounds must be scalars (rank 0 or 1), got rank 2}}
  %0 = ds.clip %x min %lo : (tensor<3xf32>, tensor<2x1xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @clip_bound_type(%x: tensor<3xf32>, %hi: tensor<f16>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.clip' op bound element type 'f16' differs from the input's 'f32'}}
  %0 = ds.clip %x max %hi : (tensor<3xf32>, tensor<f16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @clip_bound_size(%x: tensor<3xf32>, %hi: tensor<2xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.clip' op bounds must hold one element, got 2}}
  %0 = ds.clip %x max %hi : (tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @cast_rank(%x: tensor<3xf32>) -> tensor<3x1xi32> {
  // expected-error @+1 {{'ds.cast' op result rank 2 differs from input rank 1}}
  %0 = ds.cast %x : (tensor<3xf32>) -> tensor<3x1xi32>
  return %0 : tensor<3x1xi32>
}

// -----

func.func @cast_shape(%x: tensor<3xf32>) -> tensor<4xi32> {
  // expected-error @+1 {{'ds.cast' op result shape 'tensor<4xi32>' is incompatible with input shape 'tensor<3xf32>'}}
  %0 = ds.cast %x : (tensor<3xf32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @cast_unsupported_type(%x: tensor<3xf32>) -> tensor<3xcomplex<f32>> {
  // expected-error @+1 {{'ds.cast' op result #0 must be tensor of}}
  %0 = ds.cast %x : (tensor<3xf32>) -> tensor<3xcomplex<f32>>
  return %0 : tensor<3xcomplex<f32>>
}

// -----

func.func @cast_bad_round_mode(%x: tensor<3xf32>) -> tensor<3xf8E8M0FNU> {
  // expected-error @+1 {{'ds.cast' op round_mode must be 'up', 'down' or 'nearest', got 'even'}}
  %0 = ds.cast %x {round_mode = "even"} : (tensor<3xf32>) -> tensor<3xf8E8M0FNU>
  return %0 : tensor<3xf8E8M0FNU>
}

// -----

// The float8 formats are stored and converted, not computed in.
func.func @no_float8_arithmetic(%a: tensor<3xf8E4M3FN>) -> tensor<3xf8E4M3FN> {
  // expected-error @+1 {{'ds.add' op operand #0 must be tensor of}}
  %0 = ds.add %a, %a : (tensor<3xf8E4M3FN>, tensor<3xf8E4M3FN>) -> tensor<3xf8E4M3FN>
  return %0 : tensor<3xf8E4M3FN>
}
