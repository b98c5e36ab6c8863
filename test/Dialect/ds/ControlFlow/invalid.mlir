// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @yield_outside(%x: tensor<f32>) {
  // expected-error @+1 {{expects parent op to be one of 'ds.if, ds.loop'}}
  ds.yield %x : tensor<f32>
}

// -----

func.func @if_then_yield_count(%c: tensor<i1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  %r = ds.if %c : tensor<i1> -> (tensor<2xf32>) {
    // expected-error @+1 {{then region yields 2 values, but the ds.if has 1 results}}
    ds.yield %a, %a : tensor<2xf32>, tensor<2xf32>
  } else {
    ds.yield %a : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @if_else_yield_count(%c: tensor<i1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  %r = ds.if %c : tensor<i1> -> (tensor<2xf32>) {
    ds.yield %a : tensor<2xf32>
  } else {
    // expected-error @+1 {{else region yields 0 values, but the ds.if has 1 results}}
    ds.yield
  }
  return %r : tensor<2xf32>
}

// -----

// The branches may differ in shape, but a static result must then match
// both.
func.func @if_static_result_vs_branches(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  %r = ds.if %c : tensor<i1> -> (tensor<2xf32>) {
    ds.yield %a : tensor<2xf32>
  } else {
    // expected-error @+1 {{else region yields 'tensor<3xf32>' for result #0 of incompatible type 'tensor<2xf32>'}}
    ds.yield %b : tensor<3xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @if_element_type(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<2xi32>) -> tensor<2xf32> {
  %r = ds.if %c : tensor<i1> -> (tensor<2xf32>) {
    ds.yield %a : tensor<2xf32>
  } else {
    // expected-error @+1 {{else region yields 'tensor<2xi32>' for result #0 of incompatible type 'tensor<2xf32>'}}
    ds.yield %b : tensor<2xi32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @if_condition_elements(%c: tensor<2xi1>) {
  // expected-error @+1 {{condition must hold one element, got 'tensor<2xi1>'}}
  ds.if %c : tensor<2xi1> {
  } else {
  }
  return
}

// -----

func.func @if_condition_type(%c: tensor<i32>) {
  // expected-error @+1 {{operand #0 must be tensor of 1-bit signless integer values}}
  ds.if %c : tensor<i32> {
  } else {
  }
  return
}

// -----

func.func @if_region_arguments(%c: tensor<i1>, %a: tensor<f32>) {
  // expected-error @+1 {{region #0 should have no arguments}}
  %r = ds.if %c : tensor<i1> -> (tensor<f32>) {
  ^bb0(%x: tensor<f32>):
    ds.yield %x : tensor<f32>
  } else {
    ds.yield %a : tensor<f32>
  }
  return
}

// -----

func.func @loop_body_arguments(%n: tensor<i64>, %x: tensor<4xf32>) {
  // expected-error @+1 {{body must have 3 arguments (iteration_num, cond and 1 carried values), got 2}}
  %r = ds.loop max %n iter_args(%x) : (tensor<i64>, tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>):
    ds.yield %c, %x : tensor<i1>, tensor<4xf32>
  }
  return
}

// -----

func.func @loop_iteration_num_type(%n: tensor<i64>) {
  // expected-error @+1 {{body argument #0 (iteration_num) must be a one-element i64 tensor, got 'tensor<i32>'}}
  ds.loop max %n : (tensor<i64>) -> () {
  ^bb0(%i: tensor<i32>, %c: tensor<i1>):
    ds.yield %c : tensor<i1>
  }
  return
}

// -----

func.func @loop_cond_argument_type(%n: tensor<i64>) {
  // expected-error @+1 {{body argument #1 (cond) must be a one-element i1 tensor, got 'tensor<2xi1>'}}
  ds.loop max %n : (tensor<i64>) -> () {
  ^bb0(%i: tensor<i64>, %c: tensor<2xi1>):
    ds.yield %c : tensor<2xi1>
  }
  return
}

// -----

func.func @loop_max_trip_count_elements(%n: tensor<2xi64>) {
  // expected-error @+1 {{max_trip_count must hold one element, got 'tensor<2xi64>'}}
  ds.loop max %n : (tensor<2xi64>) -> () {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>):
    ds.yield %c : tensor<i1>
  }
  return
}

// -----

func.func @loop_init_vs_argument(%n: tensor<i64>, %x: tensor<4xf32>) {
  // expected-error @+1 {{initial value #0 of type 'tensor<4xf32>' is incompatible with its body argument type 'tensor<5xf32>'}}
  %r = ds.loop max %n iter_args(%x) : (tensor<i64>, tensor<4xf32>) -> tensor<?xf32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<5xf32>):
    ds.yield %c, %v : tensor<i1>, tensor<5xf32>
  }
  return
}

// -----

func.func @loop_too_few_results(%n: tensor<i64>, %x: tensor<4xf32>) {
  // expected-error @+1 {{expected at least 1 results (one per carried value), got 0}}
  ds.loop max %n iter_args(%x) : (tensor<i64>, tensor<4xf32>) -> () {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<4xf32>):
    ds.yield %c, %v : tensor<i1>, tensor<4xf32>
  }
  return
}

// -----

func.func @loop_yield_count(%n: tensor<i64>, %x: tensor<4xf32>) {
  %r:2 = ds.loop max %n iter_args(%x) : (tensor<i64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<4xf32>):
    // expected-error @+1 {{loop body must yield 3 values (the condition, 1 carried values and 1 scan values), got 2}}
    ds.yield %c, %v : tensor<i1>, tensor<4xf32>
  }
  return
}

// -----

func.func @loop_yield_condition(%n: tensor<i64>, %x: tensor<4xf32>) {
  %r = ds.loop max %n iter_args(%x) : (tensor<i64>, tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<4xf32>):
    // expected-error @+1 {{loop body must yield a one-element i1 tensor as its condition, got 'tensor<4xf32>'}}
    ds.yield %v, %v : tensor<4xf32>, tensor<4xf32>
  }
  return
}

// -----

func.func @loop_yield_carried_type(%n: tensor<i64>, %x: tensor<4xf32>, %y: tensor<3xf32>) {
  %r = ds.loop max %n iter_args(%x) : (tensor<i64>, tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<4xf32>):
    // expected-error @+1 {{loop body yields 'tensor<3xf32>' for carried value #0, incompatible with its body argument type 'tensor<4xf32>' or result type 'tensor<4xf32>'}}
    ds.yield %c, %y : tensor<i1>, tensor<3xf32>
  }
  return
}

// -----

func.func @loop_scan_without_leading_dim(%n: tensor<i64>, %x: tensor<4xf32>) {
  %r = ds.loop max %n : (tensor<i64>) -> tensor<4xf32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>):
    // expected-error @+1 {{loop body yields 'tensor<4xf32>' for scan output #0, which cannot stack into the result type 'tensor<4xf32>' (expected one more, leading, dimension)}}
    ds.yield %c, %x : tensor<i1>, tensor<4xf32>
  }
  return
}

// -----

// With a constant trip count and no condition the scan length is known.
func.func @loop_scan_length(%x: tensor<4xf32>) {
  %n = ds.constant dense<3> : tensor<i64>
  // expected-error @+1 {{'ds.loop' op result #0 type 'tensor<5x4xf32>' is incompatible with the inferred type 'tensor<3x4xf32>'}}
  %r = ds.loop max %n : (tensor<i64>) -> tensor<5x4xf32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>):
    ds.yield %c, %x : tensor<i1>, tensor<4xf32>
  }
  return
}
