# If and Loop become ds.if and ds.loop whose regions are the imported
# subgraphs; the subgraphs use values of their enclosing graphs, and nest.
# RUN: %python %s %t && ds-opt %t.if.onnx | FileCheck %s --check-prefix=IF
# RUN: ds-opt %t.loop.onnx | FileCheck %s --check-prefix=LOOP
# RUN: ds-opt %t.while.onnx | FileCheck %s --check-prefix=WHILE
# RUN: ds-opt %t.nested.onnx | FileCheck %s --check-prefix=NESTED
# RUN: not ds-opt %t.if-types.onnx 2>&1 | FileCheck %s --check-prefix=IF-TYPES
# RUN: not ds-opt %t.if-inputs.onnx 2>&1 | FileCheck %s --check-prefix=IF-INPUTS
# RUN: not ds-opt %t.loop-inputs.onnx 2>&1 | FileCheck %s --check-prefix=LOOP-INPUTS
# RUN: not ds-opt %t.loop-types.onnx 2>&1 | FileCheck %s --check-prefix=LOOP-TYPES
# RUN: not ds-opt %t.in-body.onnx 2>&1 | FileCheck %s --check-prefix=IN-BODY
# RUN: not ds-opt %t.body-error.onnx 2>&1 | FileCheck %s --check-prefix=BODY-ERROR
from onnx_test_models import *

F, I64, B = TensorProto.FLOAT, TensorProto.INT64, TensorProto.BOOL


def graph(nodes, name, inputs, outputs, initializers=()):
    return helper.make_graph(nodes, name, inputs, outputs, list(initializers))


# Each result is compatible with both branches: `?` where the sizes differ,
# unranked where the ranks do. The branches use the outer x, y and m.
# IF-LABEL: func.func @main
# IF: %[[R:.*]]:3 = ds.if %arg0 : tensor<i1> -> (tensor<?xf32>, tensor<*xf32>, tensor<2xf32>) {
# IF-NEXT: %[[A:.*]] = ds.add %arg1, %arg1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
# IF-NEXT: ds.yield %[[A]], %arg1, %[[A]] : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
# IF-NEXT: } else {
# IF-NEXT: ds.yield %arg2, %arg3, %arg1 : tensor<3xf32>, tensor<2x2xf32>, tensor<2xf32>
# IF-NEXT: }
# IF: return %[[R]]#0, %[[R]]#1, %[[R]]#2
save(out_path(".if.onnx"), [
    helper.make_node("If", ["c"], ["r0", "r1", "r2"], then_branch=graph(
        [helper.make_node("Add", ["x", "x"], ["a"])], "then", [],
        [value("a", F, [2]), value("x", F, [2]), value("a", F, [2])]),
        else_branch=graph([], "else", [],
                          [value("y", F, [3]), value("m", F, [2, 2]),
                           value("x", F, [2])])),
], [value("c", B, []), value("x", F, [2]), value("y", F, [3]),
    value("m", F, [2, 2])],
   [value("r0", F, [None]), value("r1", F, None), value("r2", F, [2])],
   check=False)  # The checker wants a shape (a rank) for r1.


def body(nodes, carried, scans, cond="c_out", initializers=(),
         carried_inputs=None):
    """A Loop body (i, c, carried inputs) -> (cond, carried, scans)."""
    inputs = [value("i", I64, []), value("c", B, [])]
    inputs += carried_inputs or [value(n + "_in", F, None) for n in carried]
    outputs = [value(cond, B, [])] + [value(n, F, None) for n in carried]
    outputs += [value(n, F, None) for n in scans]
    return graph(nodes, "body", inputs, outputs, initializers)


# A for loop over a constant count (no cond): the scan output stacks 5
# rows; with a runtime count and a condition, its leading size is `?`. The
# body adds the outer x to the accumulator.
# LOOP-LABEL: func.func @main
# LOOP: %[[N:.*]] = ds.constant dense<5> : tensor<i64>
# LOOP: %[[L:.*]]:2 = ds.loop max %[[N]] iter_args(%arg0) : (tensor<i64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<5x4xf32>) {
# LOOP-NEXT: ^bb0(%[[I:.*]]: tensor<i64>, %[[C:.*]]: tensor<i1>, %[[ACC:.*]]: tensor<4xf32>):
# LOOP-NEXT: %[[NEXT:.*]] = ds.add %[[ACC]], %arg0 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
# LOOP-NEXT: %[[COUT:.*]] = ds.identity %[[C]]
# LOOP-NEXT: %[[ROW:.*]] = ds.identity %[[NEXT]]
# LOOP-NEXT: ds.yield %[[COUT]], %[[NEXT]], %[[ROW]] : tensor<i1>, tensor<4xf32>, tensor<4xf32>
# LOOP: ds.loop max %arg1 cond %arg2 iter_args(%arg0) : (tensor<i64>, tensor<i1>, tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>)
add_body = body([helper.make_node("Add", ["acc_in", "x"], ["acc"]),
                 helper.make_node("Identity", ["c"], ["c_out"]),
                 helper.make_node("Identity", ["acc"], ["row"])],
                ["acc"], ["row"])
save(out_path(".loop.onnx"), [
    helper.make_node("Loop", ["five", "", "x"], ["sum", "rows"], body=add_body),
    helper.make_node("Loop", ["n", "c0", "x"], ["sum2", "rows2"],
                     body=add_body),
], [value("x", F, [4]), value("n", I64, []), value("c0", B, [])],
   [value("sum", F, [4]), value("rows", F, [5, 4]), value("sum2", F, [4]),
    value("rows2", F, [None, 4])],
   [tensor("five", np.array(5, np.int64))])

# A while loop (neither count nor condition) whose carried value changes
# shape: it starts as tensor<1xf32> and the body broadcasts it against the
# outer v of unknown length, so the body argument and the result are
# widened to tensor<?xf32>.
# WHILE-LABEL: func.func @main
# WHILE: ds.loop iter_args(%arg0) : (tensor<1xf32>) -> tensor<?xf32> {
# WHILE-NEXT: ^bb0(%[[I:.*]]: tensor<i64>, %{{.*}}: tensor<i1>, %[[ACC:.*]]: tensor<?xf32>):
# WHILE-NEXT: %[[NEXT:.*]] = ds.add %[[ACC]], %arg1 : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
# WHILE-NEXT: %[[MORE:.*]] = ds.less %[[I]], %arg2 : (tensor<i64>, tensor<i64>) -> tensor<i1>
# WHILE-NEXT: ds.yield %[[MORE]], %[[NEXT]] : tensor<i1>, tensor<?xf32>
save(out_path(".while.onnx"), [
    helper.make_node("Loop", ["", "", "init"], ["out"], body=body(
        [helper.make_node("Add", ["acc_in", "v"], ["acc"]),
         helper.make_node("Less", ["i", "limit"], ["more"])],
        ["acc"], [], cond="more")),
], [value("init", F, [1]), value("v", F, ["n"]), value("limit", I64, [])],
   [value("out", F, [None])])

# An If inside a Loop body: its branches use the body's carried value and
# iteration number and the outer graph's x.
# NESTED-LABEL: func.func @main
# NESTED: ds.loop max %arg1 iter_args(%arg0) : (tensor<i64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
# NESTED-NEXT: ^bb0(%[[I:.*]]: tensor<i64>, %[[C:.*]]: tensor<i1>, %[[ACC:.*]]: tensor<4xf32>):
# NESTED: %[[ODD:.*]] = ds.equal
# NESTED: %[[R:.*]] = ds.if %[[ODD]] : tensor<i1> -> (tensor<4xf32>) {
# NESTED-NEXT: %[[S:.*]] = ds.sub %[[ACC]], %arg0
# NESTED-NEXT: ds.yield %[[S]] : tensor<4xf32>
# NESTED-NEXT: } else {
# NESTED-NEXT: %[[A:.*]] = ds.add %[[ACC]], %arg0
# NESTED-NEXT: ds.yield %[[A]] : tensor<4xf32>
# NESTED-NEXT: }
# NESTED-NEXT: ds.yield %[[C]], %[[R]], %[[R]] : tensor<i1>, tensor<4xf32>, tensor<4xf32>
inner_if = helper.make_node("If", ["odd"], ["acc"], then_branch=graph(
    [helper.make_node("Sub", ["acc_in", "x"], ["d"])], "then", [],
    [value("d", F, [4])]),
    else_branch=graph([helper.make_node("Add", ["acc_in", "x"], ["s"])],
                      "else", [], [value("s", F, [4])]))
save(out_path(".nested.onnx"), [
    helper.make_node("Loop", ["n", "", "x"], ["out", "rows"], body=body(
        [helper.make_node("Mod", ["i", "two"], ["r"]),
         helper.make_node("Equal", ["r", "one"], ["odd"]),
         inner_if],
        ["acc"], ["acc"], cond="c",
        initializers=[tensor("two", np.array(2, np.int64)),
                      tensor("one", np.array(1, np.int64))])),
], [value("x", F, [4]), value("n", I64, [])],
   [value("out", F, [4]), value("rows", F, [None, 4])])

# IF-TYPES: if-types.onnx: error: node #0 'sel' (op If, domain ai.onnx, opset 21): cannot convert to 'ds.if': then and else regions yield different element types for result #0: 'tensor<2xf32>' vs 'tensor<2xi64>'
save(out_path(".if-types.onnx"), [
    helper.make_node("If", ["c"], ["r"], name="sel",
                     then_branch=graph([], "then", [], [value("x", F, [2])]),
                     else_branch=graph([], "else", [], [value("k", I64, [2])])),
], [value("c", B, []), value("x", F, [2]), value("k", I64, [2])],
   [value("r", F, [2])], check=False)

# IF-INPUTS: if-inputs.onnx: error: node #0 (op If, domain ai.onnx, opset 21): then_branch has 1 inputs: If branches take none
save(out_path(".if-inputs.onnx"), [
    helper.make_node("If", ["c"], ["r"],
                     then_branch=graph([], "then", [value("x", F, [2])],
                                       [value("x", F, [2])]),
                     else_branch=graph([], "else", [], [value("x", F, [2])])),
], [value("c", B, []), value("x", F, [2])], [value("r", F, [2])],
   check=False)

# LOOP-INPUTS: loop-inputs.onnx: error: node #0 (op Loop, domain ai.onnx, opset 21): body has 2 inputs, expected 3 (iteration_num, cond and 1 loop-carried values)
save(out_path(".loop-inputs.onnx"), [
    helper.make_node("Loop", ["n", "", "x"], ["out"], body=graph(
        [], "body", [value("i", I64, []), value("c", B, [])],
        [value("c", B, []), value("x", F, [4])])),
], [value("x", F, [4]), value("n", I64, [])], [value("out", F, [4])],
   check=False)

# LOOP-TYPES: loop-types.onnx: error: node #0 (op Loop, domain ai.onnx, opset 21): body yields 'tensor<4xi64>' for loop-carried value #0, whose initial value has type 'tensor<4xf32>': the element types differ
save(out_path(".loop-types.onnx"), [
    helper.make_node("Loop", ["n", "", "x"], ["out"], body=body(
        [helper.make_node("Cast", ["acc_in"], ["acc"], to=I64)],
        ["acc"], [], cond="c")),
], [value("x", F, [4]), value("n", I64, [])], [value("out", F, [4])],
   check=False)

# Unsupported ops in subgraphs are reported, with the path to them, before
# anything is imported.
# IN-BODY: in-body.onnx: error: in node #0.body: node #0 'deep' (op Frobnicate, domain ai.onnx, opset 21): op Frobnicate is not supported
# IN-BODY: in-body.onnx: error: in node #0.body/node #1.else_branch: node #0 (op Frobnicate, domain ai.onnx, opset 21): op Frobnicate is not supported
# IN-BODY-NOT: error
deep_if = helper.make_node("If", ["c"], ["acc"], then_branch=graph(
    [], "then", [], [value("acc_in", F, [4])]),
    else_branch=graph([helper.make_node("Frobnicate", ["acc_in"], ["f"])],
                      "else", [], [value("f", F, [4])]))
save(out_path(".in-body.onnx"), [
    helper.make_node("Loop", ["n", "", "x"], ["out"], body=body(
        [helper.make_node("Frobnicate", ["acc_in"], ["z"], name="deep"),
         deep_if], ["acc"], [], cond="c")),
], [value("x", F, [4]), value("n", I64, [])], [value("out", F, [4])],
   check=False)

# A conversion error in a body names the body's node.
# BODY-ERROR: body-error.onnx: error: node #0 'inner' (op Add, domain ai.onnx, opset 21): cannot convert to 'ds.add': operands are not broadcastable
save(out_path(".body-error.onnx"), [
    helper.make_node("Loop", ["n", "", "x"], ["out"], body=body(
        [helper.make_node("Add", ["acc_in", "w"], ["acc"], name="inner")],
        ["acc"], [], cond="c")),
], [value("x", F, [4]), value("n", I64, []), value("w", F, [3])],
   [value("out", F, [4])], check=False)
