// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @constant_dynamic() -> tensor<?xf32> {
  // expected-error @+1 {{'ds.constant' op value must have a static shape, got 'tensor<?xf32>'}}
  %0 = "ds.constant"() {value = dense_resource<blob> : tensor<?xf32>} : () -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @constant_index_type() -> tensor<2xindex> {
  // expected-error @+1 {{'ds.constant' op result #0 must be tensor of}}
  %0 = ds.constant dense<1> : tensor<2xindex>
  return %0 : tensor<2xindex>
}

// -----

func.func @constant_of_shape_value(%s: tensor<2xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'ds.constant_of_shape' op value must hold exactly one element, got 2}}
  %0 = ds.constant_of_shape %s {value = dense<1.0> : tensor<2xf32>} : (tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @constant_of_shape_negative() -> tensor<?x?xf32> {
  %s = ds.constant dense<[2, -3]> : tensor<2xi64>
  // expected-error @+1 {{'ds.constant_of_shape' op shape must not be negative, got -3}}
  %0 = ds.constant_of_shape %s : (tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @constant_of_shape_rank(%s: tensor<2x2xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.constant_of_shape' op shape must be 1-D, got rank 2}}
  %0 = ds.constant_of_shape %s : (tensor<2x2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @constant_of_shape_wrong_type(%s: tensor<2xi64>) -> tensor<?x?xi32> {
  // expected-error @+1 {{'ds.constant_of_shape' op result #0 type 'tensor<?x?xi32>' is incompatible with the inferred type 'tensor<?x?xf32>'}}
  %0 = ds.constant_of_shape %s : (tensor<2xi64>) -> tensor<?x?xi32>
  return %0 : tensor<?x?xi32>
}

// -----

func.func @range_zero_delta(%a: tensor<i64>) -> tensor<?xi64> {
  %d = ds.constant dense<0> : tensor<i64>
  // expected-error @+1 {{'ds.range' op delta must not be zero}}
  %0 = ds.range %a, %a, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

func.func @range_not_scalar(%a: tensor<2xi64>) -> tensor<?xi64> {
  // expected-error @+1 {{'ds.range' op start must be a scalar (rank 0, or rank 1 with one element), got 'tensor<2xi64>'}}
  %0 = ds.range %a, %a, %a : (tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

func.func @range_mixed_types(%a: tensor<i64>, %b: tensor<i32>) -> tensor<?xi64> {
  // expected-error @+1 {{'ds.range' op failed to verify that all of {start, limit, delta} have same type}}
  %0 = ds.range %a, %b, %a : (tensor<i64>, tensor<i32>, tensor<i64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

func.func @range_wrong_size() -> tensor<4xi64> {
  %a = ds.constant dense<0> : tensor<i64>
  %b = ds.constant dense<5> : tensor<i64>
  %c = ds.constant dense<2> : tensor<i64>
  // expected-error @+1 {{'ds.range' op result #0 type 'tensor<4xi64>' is incompatible with the inferred type 'tensor<3xi64>'}}
  %0 = ds.range %a, %b, %c : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @shape_wrong_length(%x: tensor<?x3x4xf32>) -> tensor<3xi64> {
  // expected-error @+1 {{'ds.shape' op result #0 type 'tensor<3xi64>' is incompatible with the inferred type 'tensor<2xi64>'}}
  %0 = ds.shape %x {start = -2 : i64} : (tensor<?x3x4xf32>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

func.func @size_not_scalar(%x: tensor<?x3xf32>) -> tensor<1xi64> {
  // expected-error @+1 {{'ds.size' op result #0 type 'tensor<1xi64>' is incompatible with the inferred type 'tensor<i64>'}}
  %0 = ds.size %x : (tensor<?x3xf32>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

func.func @reshape_two_inferred(%x: tensor<2x6xf32>) -> tensor<?x?xf32> {
  %s = ds.constant dense<[-1, -1]> : tensor<2xi64>
  // expected-error @+1 {{'ds.reshape' op shape may contain -1 only once}}
  %0 = ds.reshape %x, %s : (tensor<2x6xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_not_divisible(%x: tensor<2x6xf32>) -> tensor<5x?xf32> {
  %s = ds.constant dense<[5, -1]> : tensor<2xi64>
  // expected-error @+1 {{'ds.reshape' op cannot infer the -1 size of shape [5, -1]: 12 input elements (not counting copied sizes) are not a multiple of 5}}
  %0 = ds.reshape %x, %s : (tensor<2x6xf32>, tensor<2xi64>) -> tensor<5x?xf32>
  return %0 : tensor<5x?xf32>
}

// -----

func.func @reshape_copy_out_of_rank(%x: tensor<12xf32>) -> tensor<?x?xf32> {
  %s = ds.constant dense<[0, 0]> : tensor<2xi64>
  // expected-error @+1 {{'ds.reshape' op shape entry 1 is 0 (copy the input size) but the input has rank 1}}
  %0 = ds.reshape %x, %s : (tensor<12xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_allowzero_with_inferred(%x: tensor<0x4xf32>) -> tensor<?x?xf32> {
  %s = ds.constant dense<[0, -1]> : tensor<2xi64>
  // expected-error @+1 {{'ds.reshape' op shape may not contain both 0 and -1 when allowzero is set}}
  %0 = ds.reshape %x, %s {allowzero = true} : (tensor<0x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_bad_entry(%x: tensor<12xf32>) -> tensor<?xf32> {
  %s = ds.constant dense<[-2]> : tensor<1xi64>
  // expected-error @+1 {{'ds.reshape' op shape entry 0 is -2 (expected -1 or a size >= 0)}}
  %0 = ds.reshape %x, %s : (tensor<12xf32>, tensor<1xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @reshape_element_count(%x: tensor<2x6xf32>, %s: tensor<2xi64>) -> tensor<5x2xf32> {
  // expected-error @+1 {{'ds.reshape' op input has 12 elements but the result has 10}}
  %0 = ds.reshape %x, %s : (tensor<2x6xf32>, tensor<2xi64>) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

func.func @flatten_axis(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'ds.flatten' op axis 3 is out of range for rank 2 (expected in [-2, 2])}}
  %0 = ds.flatten %x {axis = 3 : i64} : (tensor<2x3xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @flatten_rank(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  // expected-error @+1 {{'ds.flatten' op result #0 type 'tensor<24xf32>' is incompatible with the inferred type 'tensor<2x12xf32>'}}
  %0 = ds.flatten %x : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return %0 : tensor<24xf32>
}

// -----

func.func @squeeze_not_one(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.squeeze' op cannot squeeze dimension 0 of size 2 (expected size 1)}}
  %0 = ds.squeeze %x {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @squeeze_all_dynamic(%x: tensor<?x1xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.squeeze' op squeeze without axes requires a static input shape, got 'tensor<?x1xf32>'}}
  %0 = ds.squeeze %x : (tensor<?x1xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @squeeze_axis_range(%x: tensor<1x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.squeeze' op axes 2 is out of range for rank 2 (expected in [-2, 2))}}
  %0 = ds.squeeze %x {axes = array<i64: 2>} : (tensor<1x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @unsqueeze_repeated(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.unsqueeze' op axes contain axis -3 twice}}
  %0 = ds.unsqueeze %x {axes = array<i64: 0, -3>} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @unsqueeze_wrong_result(%x: tensor<3xf32>) -> tensor<3x1xf32> {
  // expected-error @+1 {{'ds.unsqueeze' op result #0 type 'tensor<3x1xf32>' is incompatible with the inferred type 'tensor<1x3xf32>'}}
  %0 = ds.unsqueeze %x {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @transpose_not_permutation(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.transpose' op perm must be a permutation of [0, 3), got [0, 0, 1]}}
  %0 = ds.transpose %x {perm = array<i64: 0, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @transpose_length(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.transpose' op perm has 2 entries for an input of rank 3}}
  %0 = ds.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.concat' op operand 1 has rank 1, expected 2}}
  %0 = ds.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_dims(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.concat' op operand 1 has size 4 in dimension 1, expected 3}}
  %0 = ds.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.concat' op axis -3 is out of range for rank 2 (expected in [-2, 2))}}
  %0 = ds.concat %a, %a {axis = -3 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_element_types(%a: tensor<2xf32>, %b: tensor<2xf16>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.concat' op requires the same element type for all operands and results}}
  %0 = ds.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xf16>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @split_sum(%x: tensor<4x?xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.split' op split sizes sum to 5 but dimension 0 has size 4}}
  %0:2 = ds.split %x {split = array<i64: 2, 3>} : (tensor<4x?xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_no_count(%x: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.split' op requires split or num_outputs}}
  %0:2 = ds.split %x : (tensor<4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_both(%x: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.split' op split and num_outputs are mutually exclusive}}
  %0:2 = ds.split %x {split = array<i64: 2, 2>, num_outputs = 2 : i64} : (tensor<4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_uneven(%x: tensor<5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.split' op cannot split size 5 into 4 pieces of at most 2}}
  %0:4 = ds.split %x {num_outputs = 4 : i64} : (tensor<5xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_result_count(%x: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.split' op inferred 2 result types for 3 results}}
  %0:3 = ds.split %x {num_outputs = 2 : i64} : (tensor<4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @slice_zero_step(%x: tensor<8xf32>, %s: tensor<1xi64>) -> tensor<*xf32> {
  %t = ds.constant dense<0> : tensor<1xi64>
  // expected-error @+1 {{'ds.slice' op steps must not be zero}}
  %0 = ds.slice %x, %s, %s, %t : (tensor<8xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @slice_lengths(%x: tensor<8x8xf32>, %s: tensor<1xi64>, %e: tensor<2xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.slice' op ends has 2 entries, expected 1 (axes, starts, ends and steps have equal lengths)}}
  %0 = ds.slice %x, %s, %e : (tensor<8x8xf32>, tensor<1xi64>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @slice_axes_length(%x: tensor<8x8xf32>, %s: tensor<1xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.slice' op starts has 1 entries, expected 2 (axes, starts, ends and steps have equal lengths)}}
  %0 = ds.slice %x, %s, %s {axes = array<i64: 0, 1>} : (tensor<8x8xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @slice_index_types(%x: tensor<8xf32>, %s: tensor<1xi64>, %e: tensor<1xi32>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.slice' op starts, ends and steps must have the same element type}}
  %0 = ds.slice %x, %s, %e : (tensor<8xf32>, tensor<1xi64>, tensor<1xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @slice_wrong_size(%x: tensor<8xf32>) -> tensor<4xf32> {
  %s = ds.constant dense<1> : tensor<1xi64>
  %e = ds.constant dense<-1> : tensor<1xi64>
  %t = ds.constant dense<2> : tensor<1xi64>
  // expected-error @+1 {{'ds.slice' op result #0 type 'tensor<4xf32>' is incompatible with the inferred type 'tensor<3xf32>'}}
  %0 = ds.slice %x, %s, %e, %t : (tensor<8xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @pad_mode(%x: tensor<2xf32>, %p: tensor<2xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{'ds.pad' op mode must be "constant", "reflect", "edge" or "wrap", got "mirror"}}
  %0 = ds.pad %x, %p {mode = "mirror"} : (tensor<2xf32>, tensor<2xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @pad_length(%x: tensor<2x2xf32>, %p: tensor<2xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'ds.pad' op pads has 2 entries, expected 4 (two per padded axis)}}
  %0 = ds.pad %x, %p : (tensor<2x2xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @pad_negative(%x: tensor<2xf32>) -> tensor<?xf32> {
  %p = ds.constant dense<[-2, -1]> : tensor<2xi64>
  // expected-error @+1 {{'ds.pad' op padding dimension 0 of size 2 by (-2, -1) gives a negative size}}
  %0 = ds.pad %x, %p : (tensor<2xf32>, tensor<2xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @pad_value_type(%x: tensor<2xf32>, %p: tensor<2xi64>, %v: tensor<f16>) -> tensor<?xf32> {
  // expected-error @+1 {{'ds.pad' op constant_value element type 'f16' differs from the data's 'f32'}}
  %0 = ds.pad %x, %p, %v : (tensor<2xf32>, tensor<2xi64>, tensor<f16>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @pad_value_shape(%x: tensor<2xf32>, %p: tensor<2xi64>, %v: tensor<2xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'ds.pad' op constant_value must be a scalar (rank 0, or rank 1 with one element), got 'tensor<2xf32>'}}
  %0 = ds.pad %x, %p, %v : (tensor<2xf32>, tensor<2xi64>, tensor<2xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @expand_not_broadcastable(%x: tensor<3x2xf32>) -> tensor<*xf32> {
  %s = ds.constant dense<[3, 3]> : tensor<2xi64>
  // expected-error @+1 {{'ds.expand' op operands are not broadcastable: size 2 vs 3 in result dimension 1}}
  %0 = ds.expand %x, %s : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @expand_wrong_result(%x: tensor<3x1xf32>, %s: tensor<2xi64>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'ds.expand' op result #0 type 'tensor<4x?xf32>' is incompatible with the inferred type 'tensor<3x?xf32>'}}
  %0 = ds.expand %x, %s : (tensor<3x1xf32>, tensor<2xi64>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

func.func @tile_length(%x: tensor<2x3xf32>, %r: tensor<3xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.tile' op repeats has 3 entries for an input of rank 2}}
  %0 = ds.tile %x, %r : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @tile_negative(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %r = ds.constant dense<[1, -1]> : tensor<2xi64>
  // expected-error @+1 {{'ds.tile' op repeats must not be negative, got [1, -1]}}
  %0 = ds.tile %x, %r : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}
