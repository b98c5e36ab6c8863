//===- Passes.td - CPU code-generation passes of ds --------*- tablegen -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_PASSES_TD
#define DS_PASSES_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def RecordModelSignature : Pass<"ds-record-model-signature",
                                 "::mlir::ModuleOp"> {
  let summary = "Record the model's entry function and its signature";
  let description = [{
    Finds the model's entry function (the `entry` option, or else the
    module's only public `func.func`) and records, as the module attribute
    `ds.model`, its name and, for every argument and result, the name (the
    `ds.name` attribute the ONNX importer sets, or `input<i>`/`output<i>`),
    the tensor type and the symbolic names of dynamic dimensions (the
    `ds.dim_names` attribute, or empty strings). Runs on the ds level,
    before lowering, so that `ds-generate-model-abi` can describe the
    model after the signature has become LLVM types. A tensor type the
    model ABI cannot carry (unranked, or an element type outside the ABI's
    list) is an error.

    Example:

    ```mlir
    func.func @mlp(%x: tensor<?x64xf32> {ds.name = "x"}) -> (tensor<?x10xf32> {ds.name = "y"})
    ```

    gives the module

    ```mlir
    module attributes {ds.model = {
      entry = "mlp",
      inputs = [{dim_names = ["", ""], name = "x", type = tensor<?x64xf32>} ],
      outputs = [{dim_names = ["", ""], name = "y", type = tensor<?x10xf32>} ]}}
    ```
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"",
           "The model's function (default: the only public one)">,
  ];
}

def DecomposeConcat : Pass<"ds-decompose-concat"> {
  let summary = "Write concatenations as inserts into an empty tensor";
  let description = [{
    Each `tensor.concat` becomes a `tensor.empty` of the result's shape
    and one `tensor.insert_slice` per operand. Bufferized as they are, a
    concatenation allocates its result and copies every operand into it;
    as inserts, bufferization's empty-tensor elimination (run after
    `ds-unshare-empty-tensors`) lets the op that produces each operand
    write it straight into its slice of the result, so that the copies
    go (SqueezeNet's fire modules: a convolution's epilogue stores into
    its half of the concatenation). Runs right before bufferization.

    Example:

    ```mlir
    %c = tensor.concat dim(1) %a, %b
        : (tensor<1x2x4xf32>, tensor<1x3x4xf32>) -> tensor<1x5x4xf32>
    ```

    becomes

    ```mlir
    %e = tensor.empty() : tensor<1x5x4xf32>
    %0 = tensor.insert_slice %a into %e[0, 0, 0] [1, 2, 4] [1, 1, 1]
        : tensor<1x2x4xf32> into tensor<1x5x4xf32>
    %c = tensor.insert_slice %b into %0[0, 2, 0] [1, 3, 4] [1, 1, 1]
        : tensor<1x3x4xf32> into tensor<1x5x4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def UnshareEmptyTensors : Pass<"ds-unshare-empty-tensors"> {
  let summary = "Give every use of a tensor.empty an op of its own";
  let description = [{
    CSE merges identical `tensor.empty` ops, so that element-wise ops of
    the same result shape share one as their `outs`. One-shot
    bufferization then writes each of them in place into one buffer as
    soon as the previous value in it is dead. That reuse ties unrelated
    values to one buffer: a kernel that reads a value longer than the
    tensor program did (a convolution reading its input's interior in
    place of a padded copy, see `ds-lower-window-ops` and
    `ds-lower-contractions`) could then not write its epilogue's output
    there. With an empty tensor per use, each result gets a buffer of its
    own, and `ds-plan-memory` shares memory between buffers whose
    lifetimes do not overlap, after the kernels are in place. Uses in
    other blocks (inside loops) keep sharing the op. Runs right before
    bufferization.

    Example:

    ```mlir
    %e = tensor.empty() : tensor<8xf32>
    %a = linalg.map ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) ...
    %b = linalg.map ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) ...
    ```

    becomes

    ```mlir
    %e = tensor.empty() : tensor<8xf32>
    %a = linalg.map ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) ...
    %e_0 = tensor.empty() : tensor<8xf32>
    %b = linalg.map ins(%a : tensor<8xf32>) outs(%e_0 : tensor<8xf32>) ...
    ```
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def LowerMemRefCopy : Pass<"ds-lower-memref-copy"> {
  let summary = "Turn memref.copy into linalg.copy";
  let description = [{
    Bufferization and deallocation copy buffers with `memref.copy`, which
    the LLVM lowering turns into a call to `memrefCopy` from MLIR's C runner
    library when a layout is not the identity. Compiled models do not link
    that library, so the copies become `linalg.copy`, which lowers to loops
    (and later to vector code) like every other linalg op.

    Example:

    ```mlir
    memref.copy %a, %b : memref<4xf32, strided<[2]>> to memref<4xf32>
    ```

    becomes

    ```mlir
    linalg.copy ins(%a : memref<4xf32, strided<[2]>>) outs(%b : memref<4xf32>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ApproximateMath : Pass<"ds-approximate-math"> {
  let summary = "Expand transcendental math ops into polynomials";
  let description = [{
    Replaces `math.exp`, `math.tanh`, `math.erf`, `math.log` and their
    relatives on f32 (scalars and vectors) by MLIR's polynomial
    approximations, so that compiled models call no libm function for
    them and the loops that use them can be vectorized. f16 and bf16
    operands are computed in f32 first. Accuracy is within a few ulp of
    libm for the ranges ONNX models use.

    Example:

    ```mlir
    %y = math.tanh %x : f32
    ```

    becomes a sequence of `arith` ops (clamp, multiply-adds, division).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def GenerateModelABI : Pass<"ds-generate-model-abi", "::mlir::ModuleOp"> {
  let summary = "Emit the model ABI (ds_model_get) in the LLVM dialect";
  let description = [{
    Runs after the lowering to the LLVM dialect, on a module that
    `ds-record-model-signature` annotated before lowering. Emits what
    `runtime/include/ds/runtime/model_abi.h` specifies: read-only tables
    describing each input and output (name, dtype, dims, names of dynamic
    dims), a `run` function that builds the memref descriptors of the
    entry function from dense row-major buffers and dims, calls it, and
    hands back each output's data, dims and owning block, the
    `parallel_for` slot the runtime fills, and the exported
    `ds_model_get`. Outputs whose block the caller must not free (a
    constant of the library, an input, or an output already returned) are
    reported with a NULL block. When the module has `ds.workspace_bytes`
    (from `ds-plan-memory`), the entry's last argument is its workspace:
    `run` passes the caller's `workspace` on as a `memref<?xi8>` of that
    many bytes, and the size is the model's `workspace_bytes` (0 without
    the attribute). Every other symbol of the module becomes internal, so
    the library exports `ds_model_get` alone.

    Example: for an entry `@mlp(tensor<?x64xf32>) -> tensor<?x10xf32>`
    the module gains

    ```mlir
    llvm.func @ds_model_get() -> !llvm.ptr
    llvm.func internal @__ds_run(%inputs: !llvm.ptr, %input_dims: !llvm.ptr, %outputs: !llvm.ptr, %allocs: !llvm.ptr, %output_dims: !llvm.ptr, %workspace: !llvm.ptr)
    llvm.mlir.global internal constant @__ds_model() : !llvm.struct<(i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr, ptr, i64)>
    ```
  }];
}

def PlanMemory : Pass<"ds-plan-memory", "::mlir::ModuleOp"> {
  let summary = "Place a function's temporary buffers in one reused workspace";
  let description = [{
    A static memory plan. Runs on buffers with explicit `memref.alloc` and
    `memref.dealloc` (after the deallocation pipeline and
    `convert-bufferization-to-memref`). In every `func.func` with a single
    block, a `memref.alloc` of its top level is planned when its shape is
    static, its layout the identity, its memory space the default, and
    neither it nor an alias of it (the results of view-like ops:
    `memref.subview`, `memref.cast`, `memref.expand_shape`,
    `memref.collapse_shape`, `memref.reinterpret_cast`, `memref.view`,
    `memref.transpose`, the base buffer of `memref.extract_strided_metadata`)
    escapes: is returned, yielded, passed to a call, stored, or used by an
    op that produces other memrefs. A planned buffer lives from its alloc to
    the last top-level op that reads or writes it or an alias (a use inside
    a loop or other region counts at the top-level op that holds it). Its
    deallocs, which the deallocation pipeline places at the end of the
    block, do not extend its life. Its address as an index
    (`memref.extract_aligned_pointer_as_index`) may only be compared or
    stored (the ownership checks of lowered deallocs).

    Buffers are placed in one workspace, each at the lowest 64-byte aligned
    offset where it overlaps no placed buffer whose lifetime overlaps its
    own (first fit), in the best of three orders: largest first, longest
    lived first, program order. Each alloc becomes a `memref.view` of the workspace at
    its offset, and its deallocs are erased. The function gets the
    attribute `ds.workspace_bytes` (the workspace's size). The model's entry
    (named by `ds.model`, see `ds-record-model-signature`) takes the
    workspace as a new last argument `memref<?xi8>`, which the model ABI's
    `run` passes on from its caller, and the module gets
    `ds.workspace_bytes` too; any other function allocates its workspace
    once at its start and frees it before it returns.

    Buffers that escape (the outputs, which the caller owns), have dynamic
    shapes, or are allocated inside loops and other regions stay heap
    allocations.

    Example:

    ```mlir
    func.func @f(%x: memref<256xf32>) -> memref<256xf32> {
      %a = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
      linalg.exp ins(%x : memref<256xf32>) outs(%a : memref<256xf32>)
      %b = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
      linalg.exp ins(%a : memref<256xf32>) outs(%b : memref<256xf32>)
      memref.dealloc %a : memref<256xf32>
      %c = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
      linalg.exp ins(%b : memref<256xf32>) outs(%c : memref<256xf32>)
      memref.dealloc %b : memref<256xf32>
      return %c : memref<256xf32>
    }
    ```

    becomes, `%c` being returned,

    ```mlir
    func.func @f(%x: memref<256xf32>) -> memref<256xf32>
        attributes {ds.workspace_bytes = 2048 : i64} {
      %ws = memref.alloc(%c2048) {alignment = 64 : i64} : memref<?xi8>
      %a = memref.view %ws[%c0][] : memref<?xi8> to memref<256xf32>
      ...
      %b = memref.view %ws[%c1024][] : memref<?xi8> to memref<256xf32>
      ...
      memref.dealloc %ws : memref<?xi8>
      return %c : memref<256xf32>
    }
    ```
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Report per function the buffers planned, their total size, the "
           "workspace size and the most bytes live at once">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def LowerContractions : Pass<"ds-lower-contractions",
                              "::mlir::ModuleOp"> {
  let summary = "Emit matmuls and convolutions on buffers as packed, "
                "register-tiled vector loops";
  let description = [{
    Replaces `linalg.matmul`, `linalg.batch_matmul` (default indexing maps)
    and `linalg.conv_2d_nchw_fchw` on f32 buffers by GEMM loops built for
    the target that the options describe:

    - an `scf.parallel` over the batch and over mc x nc tiles of the
      result, which `ds-outline-parallel-loops` turns into tasks for the
      runtime's threads;
    - per task, kc-deep slices of K: the slice of A is packed into panels of
      mr rows and the slice of B into panels of nr columns (zero-padded at
      the edges), in stack buffers of the task (between a stack save and
      restore); for one batch of known K and N whose M spans several task
      tiles, B is packed once before the tasks instead, and a matmul's
      constant B (a `memref.global`) at compile time, into a new global
      that replaces it;
    - a micro-kernel that keeps mr x nr sums in vector registers (nr =
      vectors x lanes) and adds them to the result with masked loads and
      stores at its edges; a last panel of at most one vector of columns
      runs a one-vector kernel; for a 1x1 convolution with a constant
      filter, the columns past the whole panels may instead be extra
      columns of the last one, summed in vectors along its mr rows (the
      filter then packed at compile time into panels of mr rows);
    - the zero fill before the product and the element-wise generic after
      it (bias, activation, residual) fused: the first K slice stores, the
      last applies the generic's body in registers and stores into its
      output (GemmEpilogue.h).

    mr, nr, kc, mc and nc follow from the vector width, the number of
    vector registers and the cache sizes (`deriveGemmTiling` in
    TargetDescription.h); problems of static size get task tiles small
    enough for one task per 4M multiply-adds (8 to 32 tasks; convolutions 2M,
    up to 64). A
    convolution is the GEMM `out[n][f][oy, ox] += filter[f][c, kh, kw] *
    in[n][c][oy*sh + kh*dh, ox*sw + kw*dw]`. At stride 1 over an input of
    contiguous rows, B is read in place and not packed: the columns are
    the output positions laid along the input's rows (a wide output whose
    extra columns per row are computed but not stored; partial sums of
    several K slices in a stack tile of the task); taken for 1x1 windows,
    and for wider ones while the wide output needs at most 5% more lanes.
    Otherwise B is packed straight from the input; padding materialized as
    a zero-filled copy is read implicitly at stride 1 (masked taps, the
    copy goes) and kept at larger strides. A convolution with a constant
    filter whose window is wider than 1x1 or strided is tiled along M
    instead where that computes no more lanes (2% slack): vectors of
    output channels from the filter packed at compile time, times elements
    of the input broadcast in place at any stride (no packing in the run),
    over all of K; the sums go to a stack tile of the task, transposed in
    registers in blocks of lanes x lanes into C's rows
    (`deriveGemmTilingAlongM`); where its result is only copied into the
    interior of a zero-padded buffer (the next convolution's input), it
    stores into that buffer and the copy goes. The filter's [C, KH, KW] and
    the output's [OH, OW] must be contiguous. A 3x3 convolution at stride
    and dilation 1 with a constant filter, static shapes but for the batch
    (run image by image), at least 16 filters and channels and a transformed
    filter of at most 4 MiB runs as Winograd's F(2x2, 3x3) instead
    (Winograd.h; option `winograd`): an input transform (B^T d B, each
    2x2 block of outputs from a 4x4 block of the input (an odd height or
    width computes one more row or column, not stored), padding read
    implicitly: the padded copy and its fill go), 16 GEMMs of the filter
    transformed at compile time (G g G^T, a new global) by the
    transformed input read in place, and an output transform (A^T M A)
    through the fused epilogue; 16 multiply-adds per 2x2 block, filter and
    channel instead of 36. Other element types, layouts and ops are left
    alone.

    Example:

    ```mlir
    linalg.matmul ins(%a, %b : memref<64x256xf32>, memref<256x128xf32>)
                  outs(%c : memref<64x128xf32>)
    ```

    becomes an `scf.parallel` over tiles of `%c` whose body packs `%a` and
    `%b` and accumulates `vector<8xf32>` sums (with `vector-bits=256`) into
    `%c` with `vector.maskedload`/`vector.maskedstore`.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"128",
           "Bits of a vector register (0: no vector unit)">,
    Option<"vectorRegisters", "vector-registers", "unsigned",
           /*default=*/"16", "Number of vector registers">,
    Option<"l1CacheBytes", "l1-cache-bytes", "unsigned",
           /*default=*/"32768", "Per-core L1 data cache">,
    Option<"l2CacheBytes", "l2-cache-bytes", "unsigned",
           /*default=*/"524288", "Per-core L2 cache">,
    Option<"winograd", "winograd", "bool", /*default=*/"true",
           "Run the 3x3 convolutions it applies to as Winograd F(2x2, 3x3)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::LLVM::LLVMDialect"];
}

def LowerReductions : Pass<"ds-lower-reductions", "::mlir::func::FuncOp"> {
  let summary = "Emit reductions over the trailing, contiguous dims of "
                "buffers as vector loops";
  let description = [{
    Replaces a `linalg.generic` or `linalg.reduce` on f32 buffers whose
    loops are parallel dims followed by reduction dims, whose output is
    indexed by the parallel dims in order, and whose body is lane-wise
    arith/math ops ending in `arith.addf`, `maximumf`, `maxnumf`,
    `minimumf` or `minnumf` of a value and the output's element. Each input is either read along
    all the dims in order, with the reduction dims contiguous, or does not
    depend on the reduction dims (a per-output value such as a mean). The
    loops:

    - an `scf.parallel` over the parallel dims (tasks for the runtime's
      threads);
    - per output element, the reduction dims as one run of R contiguous
      elements of each streamed input: 4 vector accumulators of `lanes`
      lanes over chunks of 4 vectors, a masked tail of single vectors
      (masked lanes take the combine's identity), then the accumulators
      combined and reduced across lanes (`vector.reduction`), and the
      result combined with the output's value.

    Global average and max pools, the mean and variance of
    normalizations and the max and sum of a softmax take this form. Sums
    are reassociated (lanes and accumulators are added in a tree), so
    they differ from the sequential order by rounding only; maxima and
    minima are exact and propagate NaN (a compare and select; a zero
    result may have either sign). A target without a
    vector unit (`vector-bits` below 64) keeps the ops.

    Example:

    ```mlir
    linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                                     affine_map<(d0, d1, d2) -> (d0, d1)>],
                    iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%x : memref<1x1280x49xf32>) outs(%s : memref<1x1280xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.addf %in, %out : f32
      linalg.yield %0 : f32
    }
    ```

    becomes (with `vector-bits=512`) an `scf.parallel` over (1, 1280)
    whose body sums 49 elements as 3 vectors of 16 and a masked vector of
    one, reduces them with `vector.reduction <add>` and adds the result to
    `%s`.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"128",
           "Bits of a vector register (0: no vector unit)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::vector::VectorDialect"];
}

def LowerWindowOps : Pass<"ds-lower-window-ops", "::mlir::func::FuncOp"> {
  let summary = "Emit depthwise convolutions and pools on buffers as "
                "vector loops along the output rows";
  let description = [{
    Replaces `linalg.depthwise_conv_2d_nchw_chw`, `linalg.pooling_nchw_max`
    and `linalg.pooling_nchw_sum` on f32 buffers (input and output with
    unit stride along W, static kernel sizes) by loops that the target's
    vector unit runs:

    - an `scf.parallel` over (n, c) and, where n x c alone gives few tasks,
      blocks of output rows; `ds-outline-parallel-loops` turns it into
      tasks for the runtime's threads;
    - per output row, chunks of `vectors` x `lanes` output columns held in
      vector registers, started from the output's values; for each tap
      (kh, kw) of the window, unrolled, the input's vector of that tap is
      combined into them: a multiply-add with the broadcast filter value
      (loaded once per channel), `arith.addf`, or `arith.maximumf`, the
      op's own combiner (NaN propagates);
    - the input vector of a tap is one contiguous load at stride 1, two
      contiguous loads deinterleaved by a `vector.shuffle` at stride 2
      (gathers are slow on several CPUs), and a `vector.gather` of constant
      offsets at larger strides; dilations move the taps;
    - chunks that reach past the output row (or whose stride-2 loads would
      reach past the input row) use `vector.maskedload` /
      `vector.maskedstore` / masked gathers.

    Padding that bufferization materialized (a buffer filled with the
    combine's identity, zeros or -inf, whose interior is a copy of the
    input, read by nothing else) is read implicitly: the loops read the
    unpadded input, the output rows whose taps are all inside it run as
    above, the others test each row of taps and skip those outside, and
    the chunks at the row's edges mask the lanes outside the input (they
    load the identity). The fill, copy and padded buffer go. A constant
    fill of a pool's output right before it becomes the start of the
    values in registers (the fill goes).

    `lanes` is the vector width over 32 bits; `vectors` follows from the
    registers left after the hoisted filter values and a few temporaries
    (at most a quarter of them, and no more than the output row needs).
    A target without a vector unit (`vector-bits` below 64) keeps the ops.
    The cache sizes are taken like ds-lower-contractions' options; a
    task's working set (a few input rows and one output row of a channel)
    stays in L1 at every size models use, so they do not change the
    tiling today.
    The taps are combined in the order of the named ops (kh, then kw), so
    sums and maxima match the reference loops; multiply-adds may fuse.

    Example:

    ```mlir
    linalg.depthwise_conv_2d_nchw_chw
        {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
        ins(%x, %w : memref<1x32x114x114xf32>, memref<32x3x3xf32>)
        outs(%y : memref<1x32x112x112xf32>)
    ```

    becomes (with `vector-bits=512 vector-registers=32`) an
    `scf.parallel` over (n, c) whose body broadcasts the channel's 9 filter
    values and, for each output row, accumulates 7 `vector<16xf32>` over
    the 9 taps from `vector.load`s of the input rows into `%y`.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"128",
           "Bits of a vector register (0: no vector unit)">,
    Option<"vectorRegisters", "vector-registers", "unsigned",
           /*default=*/"16", "Number of vector registers">,
    Option<"l1CacheBytes", "l1-cache-bytes", "unsigned",
           /*default=*/"32768", "Per-core L1 data cache">,
    Option<"l2CacheBytes", "l2-cache-bytes", "unsigned",
           /*default=*/"524288", "Per-core L2 cache">,
    Option<"winograd", "winograd", "bool", /*default=*/"true",
           "Run the 3x3 convolutions it applies to as Winograd F(2x2, 3x3)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::vector::VectorDialect"];
}

def OutlineParallelLoops : Pass<"ds-outline-parallel-loops",
                                 "::mlir::ModuleOp"> {
  let summary = "Outline outermost parallel loops into tasks for threads";
  let description = [{
    Each outermost `scf.parallel` without reductions whose estimated work
    (iterations of the whole loop nest, a dynamic trip count counted as
    16) reaches `min-work` is linearized and moved into a function
    `@<func>_par<k>(%begin, %end, captures...)` that runs the iterations
    [begin, end) of it. Where one iteration's body is small (an element-wise
    one), only the outer dimensions that give 64 tasks are linearized; the
    inner ones stay `scf.for` loops of each task, so that LLVM vectorizes
    them and no element pays for a division. The loop is replaced by a call of a declaration
    `@<func>_par<k>_launch(%count, captures...)` marked with
    `ds.parallel_body`, which `ds-lower-parallel-launch` turns, after the
    lowering to LLVM, into a call of the runtime's `parallel_for` (or of
    the body on the calling thread while the runtime has installed none).
    Stack buffers of static size allocated at the top level of the loop's
    body (`memref.alloca`) move to the entry of `@<func>_par<k>`: one per
    call, reused by its iterations.

    Example:

    ```mlir
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      %v = memref.load %a[%i] : memref<?xf32>
      memref.store %v, %b[%i] : memref<?xf32>
    }
    ```

    becomes a call `@f_par0_launch(%count, %a, %b, ...)` and a function
    `@f_par0(%begin: index, %end: index, ...)` holding an `scf.for` over
    [begin, end) with the loop's body.
  }];
  let options = [
    Option<"minWork", "min-work", "int64_t", /*default=*/"32768",
           "Loops with less estimated work stay on the calling thread">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect"];
}

def LowerParallelLaunch : Pass<"ds-lower-parallel-launch",
                               "::mlir::ModuleOp"> {
  let summary = "Call the runtime's parallel_for for outlined loops";
  let description = [{
    Runs after the lowering to the LLVM dialect. Every call of a
    `ds.parallel_body` launch declaration (from
    `ds-outline-parallel-loops`) becomes: the captured values stored in a
    stack record, a task function `(ctx, begin, end)` that loads them and
    calls the body, and a call through the `parallel_for` slot of the
    model ABI with the task, the record and the iteration count, or of
    the task on the whole range when the slot is null.

    Example:

    ```mlir
    llvm.call @f_par0_launch(%count, %p, %q) : (i64, !llvm.ptr, !llvm.ptr) -> ()
    ```

    becomes

    ```mlir
    %ctx = llvm.alloca %one x !llvm.struct<(ptr, ptr)> : (i64) -> !llvm.ptr
    // ... stores of %p, %q into %ctx ...
    %pf = llvm.load %slot : !llvm.ptr -> !llvm.ptr
    // ... if %pf is null: llvm.call @f_par0_task(%ctx, 0, %count)
    llvm.call %pf(%task, %ctx, %count) : !llvm.ptr, (!llvm.ptr, !llvm.ptr, i64) -> ()
    ```
  }];
}

#endif // DS_PASSES_CODEGEN_PASSES_TD
