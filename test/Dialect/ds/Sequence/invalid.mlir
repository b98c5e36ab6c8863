// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @construct_mixed(%a: tensor<2xf32>, %b: tensor<2xi32>) {
  // expected-error @+1 {{'ds.sequence_construct' op element types differ: 'f32' vs 'i32'}}
  %s = ds.sequence_construct %a, %b : (tensor<2xf32>, tensor<2xi32>) -> !ds.seq<tensor<2xf32>>
  return
}

// -----

func.func @construct_none() {
  // expected-error @+1 {{'ds.sequence_construct' op needs at least one tensor}}
  %s = "ds.sequence_construct"() : () -> !ds.seq<tensor<2xf32>>
  return
}

// -----

func.func @empty_not_sequence() {
  // expected-error @+1 {{'ds.sequence_empty' op result #0 must be sequence of tensors}}
  %s = "ds.sequence_empty"() : () -> tensor<2xf32>
  return
}

// -----

func.func @at_wrong_result(%s: !ds.seq<tensor<2xf32>>, %i: tensor<i64>) {
  // expected-error @+1 {{'ds.sequence_at' op result #0 type 'tensor<3xf32>' is incompatible with the inferred type 'tensor<2xf32>'}}
  %t = ds.sequence_at %s, %i : (!ds.seq<tensor<2xf32>>, tensor<i64>) -> tensor<3xf32>
  return
}

// -----

func.func @at_float_position(%s: !ds.seq<tensor<2xf32>>, %i: tensor<f32>) {
  // expected-error @+1 {{'ds.sequence_at' op operand #1 must be tensor of 32-bit signless integer or 64-bit signless integer values}}
  %t = ds.sequence_at %s, %i : (!ds.seq<tensor<2xf32>>, tensor<f32>) -> tensor<2xf32>
  return
}

// -----

func.func @insert_mixed(%s: !ds.seq<tensor<2xf32>>, %t: tensor<2xf16>) {
  // expected-error @+1 {{'ds.sequence_insert' op element types differ: 'f32' vs 'f16'}}
  %r = ds.sequence_insert %s, %t : (!ds.seq<tensor<2xf32>>, tensor<2xf16>) -> !ds.seq<tensor<2xf32>>
  return
}

// -----

func.func @erase_type_change(%s: !ds.seq<tensor<2xf32>>) {
  // expected-error @+1 {{'ds.sequence_erase' op result #0 type '!ds.seq<tensor<3xf32>>' is incompatible with the inferred type '!ds.seq<tensor<2xf32>>'}}
  %r = ds.sequence_erase %s : (!ds.seq<tensor<2xf32>>) -> !ds.seq<tensor<3xf32>>
  return
}

// -----

func.func @length_not_sequence(%t: tensor<2xf32>) {
  // expected-error @+1 {{'ds.sequence_length' op operand #0 must be sequence of tensors}}
  %n = ds.sequence_length %t : (tensor<2xf32>) -> tensor<i64>
  return
}

// -----

func.func @concat_axis(%s: !ds.seq<tensor<2x3xf32>>) {
  // expected-error @+1 {{'ds.concat_from_sequence' op axis 2 is out of range for rank 2}}
  %t = ds.concat_from_sequence %s {axis = 2 : i64} : (!ds.seq<tensor<2x3xf32>>) -> tensor<*xf32>
  return
}

// -----

func.func @split_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.split_to_sequence' op axis -3 is out of range for rank 2}}
  %s = ds.split_to_sequence %x {axis = -3 : i64} : (tensor<2x3xf32>) -> !ds.seq<tensor<*xf32>>
  return
}

// -----

func.func @optional_mismatch(%x: tensor<2xf32>) {
  // expected-error @+1 {{'ds.optional' op holds 'tensor<3xf32>' but is given 'tensor<2xf32>'}}
  %o = ds.optional %x : (tensor<2xf32>) -> !ds.opt<tensor<3xf32>>
  return
}

// -----

// expected-error @+1 {{an optional holds a tensor or a sequence, not 'f32'}}
func.func @optional_of_scalar(%o: !ds.opt<f32>) {
  return
}

// -----

func.func @get_element_wrong(%o: !ds.opt<tensor<2xf32>>) {
  // expected-error @+1 {{'ds.optional_get_element' op result #0 type 'tensor<2xi32>' is incompatible with the inferred type 'tensor<2xf32>'}}
  %v = ds.optional_get_element %o : (!ds.opt<tensor<2xf32>>) -> tensor<2xi32>
  return
}

// -----

func.func @has_element_not_optional(%x: tensor<2xf32>) {
  // expected-error @+1 {{'ds.optional_has_element' op operand #0 must be optional value}}
  %h = ds.optional_has_element %x : (tensor<2xf32>) -> tensor<i1>
  return
}
