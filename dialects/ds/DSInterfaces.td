//===- DSInterfaces.td - Interfaces of ds ops ---------------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_INTERFACES_TD
#define DS_INTERFACES_TD

include "mlir/IR/OpBase.td"

def DS_ComputePrecisionOpInterface
    : OpInterface<"ComputePrecisionOpInterface"> {
  let cppNamespace = "::ds";
  let description = [{
    An op whose floating-point arithmetic may be carried out in a precision
    other than that of its operands. The precision is the op's optional
    `precision` attribute; when it is absent the op computes in the element
    type of its operands. The mixed-precision passes read and set it through
    this interface.

    The verifier requires a floating-point operand (the first tensor operand)
    and, for `tf32`, an `f32` one.
  }];
  let methods = [
    InterfaceMethod<"The precision set on the op, if any.",
      "std::optional<::ds::Precision>", "getComputePrecision", (ins), [{}],
      [{ return $_op.getPrecision(); }]>,
    InterfaceMethod<"Sets (or, with std::nullopt, clears) the precision.",
      "void", "setComputePrecision", (ins "std::optional<::ds::Precision>":$p),
      [{}], [{
        if (p)
          $_op.setPrecisionAttr(::ds::PrecisionAttr::get($_op->getContext(), *p));
        else
          $_op.removePrecisionAttr();
      }]>,
  ];
  let verify = [{ return ::ds::verifyComputePrecision($_op); }];
}

#endif // DS_INTERFACES_TD
