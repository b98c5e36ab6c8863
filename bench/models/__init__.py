"""The benchmark's models, by name, in the order the report lists them.

Each maker module has `build(batch) -> onnx.ModelProto`, its default
`BATCH`, its `INPUT` name and a one-line `DESCRIPTION`, and runs as a
command: `<maker>.py <out.onnx> [--batch N|dynamic] [--external]`.
"""
from . import bert_encoder, lenet5, mlp, mobilenet_v2, resnet18, squeezenet1_1

MODELS = {
    "resnet18": resnet18,
    "mobilenet_v2": mobilenet_v2,
    "squeezenet1_1": squeezenet1_1,
    "bert_encoder": bert_encoder,
    "mlp": mlp,
    "lenet5": lenet5,
}
