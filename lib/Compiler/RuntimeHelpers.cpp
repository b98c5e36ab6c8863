//===- RuntimeHelpers.cpp - Compiler-runtime functions in the library -----===//
//
// Part of ds.
//
// Where a target has no instruction for a conversion between f32 and
// f16/bf16, LLVM's code generator calls a compiler-runtime function for
// it. A compiled model is linked without any runtime library, and the
// systems it runs on do not export all of these (GCC 12's libgcc_s has no
// f16 functions for riscv64, the armv7 ones are only in the static
// libgcc.a, and x86-64's are in libgcc_s, which a C program need not
// load). So the library defines them itself, hidden: written here in LLVM
// IR with the signature and calling convention of LLVM's own calls, so
// that the definition and the calls agree by construction. Rounding is to
// nearest even, NaNs stay NaNs (quiet), as the instructions do.
//
//===----------------------------------------------------------------------===//

#include "ds/Compiler/Compiler.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace {

/// The f32 bits of the f16 bits `h` (i16).
Value *halfToFloatBits(IRBuilder<> &b, Value *h) {
  Type *i32 = b.getInt32Ty();
  Value *x = b.CreateZExt(h, i32);
  Value *sign = b.CreateShl(b.CreateAnd(x, 0x8000), 16);
  Value *exponent = b.CreateAnd(b.CreateLShr(x, 10), 0x1f);
  Value *mantissa = b.CreateAnd(x, 0x3ff);
  // Normal: rebias the exponent (15 -> 127) and widen the mantissa.
  Value *normal = b.CreateOr(b.CreateShl(b.CreateAdd(exponent, b.getInt32(112)), 23),
                             b.CreateShl(mantissa, 13));
  // Inf and NaN keep their mantissa (NaNs stay NaNs).
  Value *special = b.CreateOr(b.getInt32(0x7f800000), b.CreateShl(mantissa, 13));
  // Zero and subnormals: mantissa * 2^-24, exactly, in f32.
  Value *small = b.CreateBitCast(
      b.CreateFMul(b.CreateUIToFP(mantissa, b.getFloatTy()),
                   ConstantFP::get(b.getFloatTy(), 0x1p-24)),
      i32);
  Value *magnitude = b.CreateSelect(
      b.CreateICmpEQ(exponent, b.getInt32(0x1f)), special,
      b.CreateSelect(b.CreateICmpEQ(exponent, b.getInt32(0)), small, normal));
  return b.CreateOr(sign, magnitude);
}

/// The f16 bits (i16) of the f32 bits `x` (i32), rounded to nearest even.
Value *floatBitsToHalf(IRBuilder<> &b, Value *x) {
  Type *i32 = b.getInt32Ty();
  Type *f32 = b.getFloatTy();
  Value *sign = b.CreateAnd(b.CreateLShr(x, 16), 0x8000);
  Value *abs = b.CreateAnd(x, 0x7fffffff);
  // NaN -> quiet NaN, anything at or above 65520 -> inf.
  Value *isNaN = b.CreateICmpUGT(abs, b.getInt32(0x7f800000));
  Value *overflow = b.CreateICmpUGE(abs, b.getInt32(0x477ff000));
  Value *special = b.CreateSelect(isNaN, b.getInt32(0x7e00), b.getInt32(0x7c00));
  // Below 2^-14 the result is subnormal: adding 0.5 lines the f16
  // mantissa up with the f32 one's low bits, and the FPU's own rounding
  // (to nearest even) does the rest.
  Value *isSmall = b.CreateICmpULT(abs, b.getInt32(0x38800000));
  Value *shifted = b.CreateFAdd(b.CreateBitCast(abs, f32), ConstantFP::get(f32, 0.5));
  Value *small = b.CreateSub(b.CreateBitCast(shifted, i32), b.getInt32(0x3f000000));
  // Normal: rebias the exponent (127 -> 15) and round the 13 dropped bits
  // to nearest even.
  Value *odd = b.CreateAnd(b.CreateLShr(abs, 13), 1);
  Value *rounded = b.CreateAdd(b.CreateAdd(abs, b.getInt32(0xc8000fff)), odd);
  Value *normal = b.CreateLShr(rounded, 13);
  Value *magnitude = b.CreateSelect(
      b.CreateOr(isNaN, overflow), special,
      b.CreateSelect(isSmall, small, normal));
  return b.CreateTrunc(b.CreateOr(sign, magnitude), b.getInt16Ty());
}

/// The bf16 bits (i16) of the f32 bits `x`, rounded to nearest even.
Value *floatBitsToBFloat(IRBuilder<> &b, Value *x) {
  Value *abs = b.CreateAnd(x, 0x7fffffff);
  Value *isNaN = b.CreateICmpUGT(abs, b.getInt32(0x7f800000));
  Value *bias = b.CreateAdd(b.getInt32(0x7fff), b.CreateAnd(b.CreateLShr(x, 16), 1));
  Value *rounded = b.CreateLShr(b.CreateAdd(x, bias), 16);
  Value *quiet = b.CreateOr(b.CreateLShr(x, 16), 0x40);
  return b.CreateTrunc(b.CreateSelect(isNaN, quiet, rounded), b.getInt16Ty());
}

/// Defines `name` with `type` (hidden, not exported), its body built by
/// `body` from the arguments; nothing if the module defines it already.
void define(Module &module, StringRef name, FunctionType *type,
            CallingConv::ID cc,
            function_ref<Value *(IRBuilder<> &, Value *)> body) {
  if (Function *existing = module.getFunction(name))
    if (!existing->isDeclaration())
      return;
  Function *fn = cast<Function>(module.getOrInsertFunction(name, type).getCallee());
  fn->setLinkage(GlobalValue::ExternalLinkage);
  fn->setVisibility(GlobalValue::HiddenVisibility);
  fn->setCallingConv(cc);
  fn->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> b(BasicBlock::Create(module.getContext(), "entry", fn));
  Value *result = body(b, fn->getArg(0));
  b.CreateRet(result);
  appendToCompilerUsed(module, {fn});
}

} // namespace

void ds::addCompilerRuntimeHelpers(Module &module, const Triple &triple) {
  LLVMContext &ctx = module.getContext();
  Type *f32 = Type::getFloatTy(ctx);
  Type *f16 = Type::getHalfTy(ctx);
  Type *bf16 = Type::getBFloatTy(ctx);
  Type *i16 = Type::getInt16Ty(ctx);
  Type *i32 = Type::getInt32Ty(ctx);
  auto extend = [&](IRBuilder<> &b, Value *arg) -> Value * {
    Value *bits = arg->getType()->isIntegerTy() ? arg : b.CreateBitCast(arg, i16);
    return b.CreateBitCast(halfToFloatBits(b, bits), f32);
  };
  auto truncate = [&](Type *to) {
    return [=](IRBuilder<> &b, Value *arg) -> Value * {
      Value *half = floatBitsToHalf(b, b.CreateBitCast(arg, i32));
      return to->isIntegerTy() ? half : b.CreateBitCast(half, to);
    };
  };
  auto truncateBF16 = [&](IRBuilder<> &b, Value *arg) -> Value * {
    return b.CreateBitCast(floatBitsToBFloat(b, b.CreateBitCast(arg, i32)), bf16);
  };

  define(module, "__truncsfbf2", FunctionType::get(bf16, {f32}, false),
         CallingConv::C, truncateBF16);
  if (triple.isARM()) {
    // ARM's f16 helpers use the base AAPCS (core registers) even with the
    // hard-float ABI, and carry the f16 as an integer.
    define(module, "__gnu_h2f_ieee", FunctionType::get(f32, {i16}, false),
           CallingConv::ARM_AAPCS, extend);
    define(module, "__gnu_f2h_ieee", FunctionType::get(i16, {f32}, false),
           CallingConv::ARM_AAPCS, truncate(i16));
    return;
  }
  define(module, "__extendhfsf2", FunctionType::get(f32, {f16}, false),
         CallingConv::C, extend);
  define(module, "__truncsfhf2", FunctionType::get(f16, {f32}, false),
         CallingConv::C, truncate(f16));
}
