#!/usr/bin/env python3
"""A BERT-like encoder: 4 post-LayerNorm transformer layers, d_model 256,
4 heads of 64, feed-forward 1024 with GELU (erf form), over a sequence of
128 float embeddings (input [batch, 128, 256]; no embedding lookup, no
attention mask; 3.2 M parameters, 0.44 G multiply-adds at batch 1).

Each layer, as an unfused export writes it: Q, K and V as MatMul + Add,
Reshape to [b, 128, 4, 64] and Transpose to heads first (K to [b, 4, 64,
128]), scores = Q K^T / 8, Softmax over the last axis, context = P V,
Transpose and Reshape back, an output MatMul + Add, the residual Add and
LayerNormalization (opset 17); then MatMul + Add to 1024, GELU as
0.5 x (1 + erf(x / sqrt 2)), MatMul + Add back to 256, the residual Add
and LayerNormalization. Random weights, fixed seed.

    bert_encoder.py <out.onnx> [--batch N|dynamic] [--external]
"""
import math

import numpy as np

try:
    from . import common
except ImportError:
    import common

BATCH = 1
INPUT = "embeddings"
DESCRIPTION = "BERT-like encoder: 4 layers, d 256, 4 heads, FFN 1024, sequence 128"
LAYERS, D_MODEL, HEADS, FFN, SEQUENCE = 4, 256, 4, 1024, 128


def _dense(g, x, name, cin, cout):
    """A Linear layer on a 3-D input: MatMul with the [in, out] weight, Add."""
    y = g.node("MatMul", [x, g.weight(name + ".weight", [cin, cout], fan_in=cin,
                                      gain=1.0)], name + ".matmul")
    return g.node("Add", [y, g.small(name + ".bias", [cout])], name)


def _layer_norm(g, x, name):
    scale = g.const(name + ".weight", (1 + 0.1 * g.rng.standard_normal(D_MODEL))
                    .astype(np.float32))
    return g.node("LayerNormalization", [x, scale, g.small(name + ".bias", [D_MODEL])],
                  name, axis=-1, epsilon=1e-12)


def _heads(g, x, name, perm):
    """[b, s, d] to [b, heads, s, d/heads] (perm 0,2,1,3) or, for K,
    [b, heads, d/heads, s] (perm 0,2,3,1)."""
    y = g.node("Reshape", [x, "shape.heads"], name + ".reshape")
    return g.node("Transpose", [y], name + ".transpose", perm=perm)


def _attention(g, x, name):
    q = _heads(g, _dense(g, x, name + ".query", D_MODEL, D_MODEL), name + ".q",
               [0, 2, 1, 3])
    k = _heads(g, _dense(g, x, name + ".key", D_MODEL, D_MODEL), name + ".k",
               [0, 2, 3, 1])
    v = _heads(g, _dense(g, x, name + ".value", D_MODEL, D_MODEL), name + ".v",
               [0, 2, 1, 3])
    scores = g.node("MatMul", [q, k], name + ".scores")
    scores = g.node("Div", [scores, "attention.scale"], name + ".scaled")
    probs = g.node("Softmax", [scores], name + ".probs", axis=-1)
    context = g.node("MatMul", [probs, v], name + ".context")
    context = g.node("Transpose", [context], name + ".context.transpose",
                     perm=[0, 2, 1, 3])
    context = g.node("Reshape", [context, "shape.model"], name + ".context.reshape")
    return _dense(g, context, name + ".output", D_MODEL, D_MODEL)


def _gelu(g, x, name):
    y = g.node("Div", [x, "gelu.sqrt2"], name + ".div")
    y = g.node("Erf", [y], name + ".erf")
    y = g.node("Add", [y, "gelu.one"], name + ".add")
    y = g.node("Mul", [x, y], name + ".mul")
    return g.node("Mul", [y, "gelu.half"], name)


def build(batch=BATCH):
    g = common.Graph("bert_encoder", seed=256)
    head = D_MODEL // HEADS
    # Reshape's 0 copies the input's dim: batch and sequence pass through.
    g.const("shape.heads", np.array([0, 0, HEADS, head], np.int64))
    g.const("shape.model", np.array([0, 0, D_MODEL], np.int64))
    g.const("attention.scale", np.array(math.sqrt(head), np.float32))
    g.const("gelu.sqrt2", np.array(math.sqrt(2), np.float32))
    g.const("gelu.one", np.array(1, np.float32))
    g.const("gelu.half", np.array(0.5, np.float32))
    x = INPUT
    for i in range(LAYERS):
        name = f"encoder.layer.{i}"
        a = _attention(g, x, name + ".attention")
        x = _layer_norm(g, g.node("Add", [x, a], name + ".attention.residual"),
                        name + ".attention.norm")
        h = _gelu(g, _dense(g, x, name + ".intermediate", D_MODEL, FFN),
                  name + ".intermediate.gelu")
        h = _dense(g, h, name + ".output", FFN, D_MODEL)
        x = _layer_norm(g, g.node("Add", [x, h], name + ".output.residual"),
                        name + ".output.norm")
    shape = [batch, SEQUENCE, D_MODEL]
    return g.model([(INPUT, shape)], [(x, shape)])


if __name__ == "__main__":
    common.main(build, BATCH, __doc__)
