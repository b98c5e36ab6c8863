//===- LowPrecisionFloats.cpp - float8, float4 and e8m0 conversions -------===//
//
// Part of ds. Lowers ds.cast to and from ONNX's storage-only float formats
// (called from Cast's body in ElementwiseLowering.cpp): f8E4M3FN,
// f8E4M3FNUZ, f8E5M2, f8E5M2FNUZ (FLOAT8*), f4E2M1FN (FLOAT4E2M1) and
// f8E8M0FNU (FLOAT8E8M0). Every conversion is integer arithmetic on the
// format's bits (arith.bitcast to i8 or i4, and back) and on the bits of
// an f32: the conversion to LLVM stores these types as integers of their
// width and has no float operation on them, so nothing here is an
// arith.extf or truncf of them (MLIR's arith-expand patterns for f4E2M1
// and f8E8M0 exist but follow other rules: NaN to 6.0, e8m0 truncated).
// Nothing is left unlowered: ds computes in none of these formats, so a
// cast is all there is.
//
// The rules are ONNX's Cast (opsets 19 to 25) and its reference (ml_dtypes
// and onnx.numpy_helper), the tests' oracle:
// - To the float8 formats: round to nearest even. With `saturate`, an
//   infinity or a value that rounds beyond the largest finite value gives
//   that value with the sign; without, NaN (E4M3FN: with the sign; the
//   FNUZ formats: 0x80) or, for E5M2, infinity. NaN gives NaN (E4M3FN
//   S.1111.111, E5M2 the quiet S.11111.10, the FNUZ formats 0x80). The FNUZ
//   formats have no -0: a zero result is +0.
// - To f4E2M1FN (finite only): round to nearest even, always saturating;
//   NaN gives the zero of the opposite sign, as ml_dtypes does (ONNX's
//   float4 page says 6, its reference and test data say 0).
// - To f8E8M0FNU: onnx.numpy_helper.to_float8e8m0 on the f32 bits: the
//   exponent field, the sign dropped, rounded up by `round_mode` (`up`:
//   when any mantissa bit is set; `nearest`: when bit 22 is set and bit 21,
//   a lower bit or the exponent is not zero; `down`: never), not past 254
//   with `saturate`; an f32 infinity or NaN gives 0xFF (NaN).
// - From these formats: their exact value as an f32 (NaN with its sign and
//   E5M2's payload, quiet), and from there as Cast converts f32.
// Sources other than f32: f16 and bf16 widen exactly; f64 is rounded to
// f32 to odd (truncated, the last bit set when inexact), which keeps the
// one rounding to the format correct; integers and bool convert to f32
// (up to 16 bits, exactly) or f64 (exact up to 2^53, beyond every format's
// range but e8m0's) first.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/LowPrecisionFloats.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>
#include <optional>

using namespace mlir;

namespace ds {
namespace {

/// How a format encodes what is not a finite number.
enum class Specials {
  IEEE,            // f8E5M2: exponent all ones, infinity or NaN
  NaNOnly,         // f8E4M3FN: S.1111.111 is NaN, no infinity
  UnsignedZeroNaN, // FNUZ: 0x80 is the one NaN, no -0, no infinity
  None,            // f4E2M1FN: finite numbers only
};

struct Format {
  unsigned width;     // storage bits: 8 or 4
  unsigned mantissa;  // explicit mantissa bits
  unsigned bias;      // exponent bias
  uint32_t maxFinite; // code of the largest finite magnitude
  Specials specials;
};

std::optional<Format> formatOf(Type type) {
  if (isa<Float8E4M3FNType>(type))
    return Format{8, 3, 7, 0x7E, Specials::NaNOnly};
  if (isa<Float8E4M3FNUZType>(type))
    return Format{8, 3, 8, 0x7F, Specials::UnsignedZeroNaN};
  if (isa<Float8E5M2Type>(type))
    return Format{8, 2, 15, 0x7B, Specials::IEEE};
  if (isa<Float8E5M2FNUZType>(type))
    return Format{8, 2, 16, 0x7F, Specials::UnsignedZeroNaN};
  if (isa<Float4E2M1FNType>(type))
    return Format{4, 1, 1, 0x7, Specials::None};
  return std::nullopt;
}

/// Builds arith on i32 bit patterns.
struct Bits {
  OpBuilder &b;
  Location loc;
  Type i32 = b.getI32Type();

  Value c(uint32_t value) {
    return arith::ConstantOp::create(b, loc, i32,
                                     b.getIntegerAttr(i32, APInt(32, value)));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value andi(Value x, uint32_t mask) {
    return arith::AndIOp::create(b, loc, x, c(mask));
  }
  Value ori(Value x, Value y) { return arith::OrIOp::create(b, loc, x, y); }
  Value ori(Value x, uint32_t y) { return ori(x, c(y)); }
  Value shl(Value x, Value amount) {
    return arith::ShLIOp::create(b, loc, x, amount);
  }
  Value shl(Value x, unsigned amount) { return shl(x, c(amount)); }
  Value shr(Value x, Value amount) {
    return arith::ShRUIOp::create(b, loc, x, amount);
  }
  Value shr(Value x, unsigned amount) { return shr(x, c(amount)); }
  Value cmp(arith::CmpIPredicate predicate, Value x, uint32_t y) {
    return arith::CmpIOp::create(b, loc, predicate, x, c(y));
  }
  Value eq(Value x, uint32_t y) { return cmp(arith::CmpIPredicate::eq, x, y); }
  Value ne(Value x, uint32_t y) { return cmp(arith::CmpIPredicate::ne, x, y); }
  Value ugt(Value x, uint32_t y) {
    return cmp(arith::CmpIPredicate::ugt, x, y);
  }
  Value select(Value condition, Value x, Value y) {
    return arith::SelectOp::create(b, loc, condition, x, y);
  }
  Value select(Value condition, uint32_t x, Value y) {
    return select(condition, c(x), y);
  }
  Value both(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }
  Value either(Value x, Value y) { return arith::OrIOp::create(b, loc, x, y); }
  Value toBits(Value f32) { return arith::BitcastOp::create(b, loc, i32, f32); }
  Value toF32(Value bits) {
    return arith::BitcastOp::create(b, loc, b.getF32Type(), bits);
  }

  /// `value >> amount` rounded to nearest even: half an output unit less
  /// one, plus the would-be result's low bit, carries exactly the values
  /// above the midpoint and the midpoints of odd results. `amount` is 1 to
  /// 31; `value` plus half a unit stays below 2^32.
  Value shiftRoundingEven(Value value, Value amount) {
    Value lowBit = andi(shr(value, amount), 1);
    Value halfLessOne = sub(shl(c(1), sub(amount, c(1))), c(1));
    return shr(add(value, add(halfLessOne, lowBit)), amount);
  }
};

/// The f32 `x` rounded to `format`, as its code in the low bits of an i32.
Value encode(Bits &k, Value x, const Format &format, bool saturate) {
  Value bits = k.toBits(x);
  Value signBit = k.shl(k.shr(bits, 31), format.width - 1);
  Value abs = k.andi(bits, 0x7FFFFFFF);
  Value exponent = k.shr(abs, 23);
  unsigned shift = 23 - format.mantissa;
  // f32's exponent field less `rebias` is the format's.
  unsigned rebias = 127 - format.bias;

  // Normal results: rebias the exponent in place and round the mantissa
  // off; a carry out of the mantissa increments the exponent, as it must.
  Value normal = k.shiftRoundingEven(k.sub(abs, k.c(rebias << 23)), k.c(shift));
  // Subnormal results: the significand with its leading one, shifted right
  // by as much more as the exponent is below the format's smallest normal
  // (at most 31, which leaves nothing). Rounding up to 1 << mantissa gives
  // the smallest normal's code.
  Value significand = k.ori(k.andi(abs, 0x7FFFFF), 0x800000);
  Value amount = arith::MinUIOp::create(
      k.b, k.loc, k.sub(k.c(shift + rebias + 1), exponent), k.c(31));
  Value subnormal = k.shiftRoundingEven(significand, amount);
  Value magnitude = k.select(k.ugt(exponent, rebias), normal, subnormal);

  Value result = k.ori(signBit, magnitude);
  if (format.specials == Specials::UnsignedZeroNaN)
    result = k.select(k.eq(magnitude, 0), 0u, result);

  // Beyond the largest finite value (infinities included).
  Value overflowed = k.ori(signBit, format.maxFinite);
  if (!saturate) {
    switch (format.specials) {
    case Specials::IEEE:
      overflowed = k.ori(signBit, 0x7C);
      break;
    case Specials::NaNOnly:
      overflowed = k.ori(signBit, 0x7F);
      break;
    case Specials::UnsignedZeroNaN:
      overflowed = k.c(0x80);
      break;
    case Specials::None:
      break;
    }
  }
  result = k.select(k.ugt(magnitude, format.maxFinite), overflowed, result);

  Value nan;
  switch (format.specials) {
  case Specials::IEEE:
    nan = k.ori(signBit, 0x7E);
    break;
  case Specials::NaNOnly:
    nan = k.ori(signBit, 0x7F);
    break;
  case Specials::UnsignedZeroNaN:
    nan = k.c(0x80);
    break;
  case Specials::None:
    nan = arith::XOrIOp::create(k.b, k.loc, signBit, k.c(0x8));
    break;
  }
  return k.select(k.ugt(abs, 0x7F800000), nan, result);
}

/// The f32 `x` as an f8E8M0FNU code, as onnx.numpy_helper.to_float8e8m0.
Value encodeE8M0(Bits &k, Value x, bool saturate, StringRef roundMode) {
  Value bits = k.toBits(x);
  Value exponent = k.andi(k.shr(bits, 23), 0xFF);
  Value roundUp;
  if (roundMode == "up") {
    roundUp = k.ne(k.andi(bits, 0x7FFFFF), 0);
  } else if (roundMode == "nearest") {
    Value guard = k.ne(k.andi(bits, 0x400000), 0);
    Value rest = k.ne(k.andi(bits, 0x3FFFFF), 0);
    roundUp = k.both(guard, k.either(rest, k.ne(exponent, 0)));
  }
  Value result = exponent;
  if (roundUp) {
    if (saturate)
      roundUp = k.both(roundUp, k.ne(exponent, 0xFE));
    Value up = arith::ExtUIOp::create(k.b, k.loc, k.i32, roundUp);
    result = k.add(exponent, up);
  }
  return k.select(k.eq(exponent, 0xFF), 0xFFu, result);
}

/// The f64 `x` as an f32 rounded to odd: rounded to nearest, then moved one
/// unit towards `x` when that was inexact and gave an even mantissa. A
/// second rounding of the result to far fewer bits is then as if from `x`.
Value roundToOddF32(Bits &k, Value x) {
  OpBuilder &b = k.b;
  Location loc = k.loc;
  Value nearest = arith::TruncFOp::create(b, loc, b.getF32Type(), x);
  Value back = arith::ExtFOp::create(b, loc, b.getF64Type(), nearest);
  // Ordered: NaN stays as it is.
  Value inexact =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE, back, x);
  Value bits = k.toBits(nearest);
  Value even = k.eq(k.andi(bits, 1), 0);
  Value away = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                     math::AbsFOp::create(b, loc, x),
                                     math::AbsFOp::create(b, loc, back));
  // Sign and magnitude: adding one to the bits moves away from zero.
  Value moved = k.select(away, k.add(bits, k.c(1)), k.sub(bits, k.c(1)));
  return k.toF32(k.select(k.both(inexact, even), moved, bits));
}

/// `x` of any source type Cast takes as an f32, rounded at most once.
Value toF32(Bits &k, Value x, bool fromUnsigned) {
  OpBuilder &b = k.b;
  Location loc = k.loc;
  Type type = x.getType();
  Type f32 = b.getF32Type(), f64 = b.getF64Type();
  if (isLowPrecisionFloat(type))
    return extendLowPrecisionFloat(b, loc, x);
  if (auto integer = dyn_cast<IntegerType>(type)) {
    // Up to 16 bits, f32 holds the integer exactly.
    Type wide = integer.getWidth() <= 16 ? f32 : f64;
    if (fromUnsigned || integer.getWidth() == 1)
      x = arith::UIToFPOp::create(b, loc, wide, x);
    else
      x = arith::SIToFPOp::create(b, loc, wide, x);
    type = wide;
  }
  if (type.isF64())
    return roundToOddF32(k, x);
  if (type.isF32())
    return x;
  return arith::ExtFOp::create(b, loc, f32, x);
}

} // namespace

bool isLowPrecisionFloat(Type type) {
  return isa<Float8E4M3FNType, Float8E4M3FNUZType, Float8E5M2Type,
             Float8E5M2FNUZType, Float4E2M1FNType, Float8E8M0FNUType>(type);
}

Value extendLowPrecisionFloat(OpBuilder &b, Location loc, Value x) {
  Bits k{b, loc};
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  Value bits = arith::ExtUIOp::create(
      b, loc, k.i32,
      arith::BitcastOp::create(b, loc, b.getIntegerType(width), x));

  if (isa<Float8E8M0FNUType>(type)) {
    // 2^(e - 127) is f32's exponent field e; e = 0 is f32's subnormal
    // 2^-127, and 0xFF is NaN.
    Value result = k.select(k.eq(bits, 0), 0x00400000u, k.shl(bits, 23));
    return k.toF32(k.select(k.eq(bits, 0xFF), 0x7FC00000u, result));
  }

  Format format = *formatOf(type);
  unsigned exponentBits = width - 1 - format.mantissa;
  Value sign = k.shl(k.shr(bits, width - 1), 31);
  Value exponent =
      k.andi(k.shr(bits, format.mantissa), (1u << exponentBits) - 1);
  Value mantissa = k.andi(bits, (1u << format.mantissa) - 1);
  Value normal = k.ori(k.shl(k.add(exponent, k.c(127 - format.bias)), 23),
                       k.shl(mantissa, 23 - format.mantissa));
  // A subnormal is mantissa * 2^(1 - bias - mantissa bits): exact in f32,
  // whose range is far wider.
  Type f32 = b.getF32Type();
  Value scale = arith::ConstantOp::create(
      b, loc, f32,
      b.getF32FloatAttr(
          std::ldexp(1.0f, 1 - int(format.bias) - int(format.mantissa))));
  Value subnormal = k.toBits(arith::MulFOp::create(
      b, loc, arith::UIToFPOp::create(b, loc, f32, mantissa), scale));
  Value result = k.ori(sign, k.select(k.eq(exponent, 0), subnormal, normal));

  switch (format.specials) {
  case Specials::IEEE: {
    // Infinity, or NaN with its payload under f32's quiet bit.
    Value special = k.ori(sign, k.ori(k.shl(mantissa, 21), 0x7F800000));
    special = k.select(k.eq(mantissa, 0), special, k.ori(special, 0x00400000));
    result =
        k.select(k.eq(exponent, (1u << exponentBits) - 1), special, result);
    break;
  }
  case Specials::NaNOnly:
    result = k.select(k.eq(k.andi(bits, 0x7F), 0x7F), k.ori(sign, 0x7FC00000),
                      result);
    break;
  case Specials::UnsignedZeroNaN:
    // 0x80, whose sign bit ml_dtypes keeps.
    result = k.select(k.eq(bits, 0x80), k.ori(sign, 0x7FC00000), result);
    break;
  case Specials::None:
    break;
  }
  return k.toF32(result);
}

Value convertToLowPrecisionFloat(OpBuilder &b, Location loc, Value x,
                                 bool fromUnsigned, Type to, bool saturate,
                                 StringRef roundMode) {
  Bits k{b, loc};
  Value f32 = toF32(k, x, fromUnsigned);
  Value code;
  if (isa<Float8E8M0FNUType>(to)) {
    code = encodeE8M0(k, f32, saturate, roundMode);
  } else {
    std::optional<Format> format = formatOf(to);
    if (!format)
      return nullptr;
    // float4 has no value to give instead of saturating.
    code =
        encode(k, f32, *format, saturate || format->specials == Specials::None);
  }
  unsigned width = to.getIntOrFloatBitWidth();
  Value truncated =
      arith::TruncIOp::create(b, loc, b.getIntegerType(width), code);
  return arith::BitcastOp::create(b, loc, to, truncated);
}

} // namespace ds
