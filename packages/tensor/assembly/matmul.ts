// Single-precision matrix multiply, out = op(a) · op(b), in the GotoBLAS layout: op(b) is packed
// into column panels NR wide and op(a) into row panels MR tall, each ordered by k, so the
// micro-kernel reads both with unit stride whatever the transposes were. Pointers are byte
// offsets into linear memory; the caller owns every buffer, including the packing scratch.

/** Rows of a register tile: one f32x4 broadcast of op(a) per row and k. */
const MR: i32 = 4;
/** Columns of a register tile: two f32x4 vectors of op(b) per k. */
const NR: i32 = 8;
/** Depth of one k block, so an A block and a B panel stay in cache between tiles. */
const KC: i32 = 256;
/** Rows of op(a) packed at once: an MC × KC block is 128 KiB, sized for a 512 KiB L2. */
const MC: i32 = 128;

/** Bytes of packing scratch that `matmulF32` needs for a block of `cols` columns. */
export function matmulScratchBytes(cols: i32): i32 {
  const panelsB = (cols + NR - 1) / NR;
  return (panelsB * NR * KC + MC * KC + MR * NR) << 2;
}

// Transposes the 4 × 4 block whose rows are r0..r3 and stores its columns at dst, dst + stride,
// dst + 2·stride and dst + 3·stride (byte offsets), so packing reads both operands by vectors.
@inline
function storeTransposed(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7));
}

// Packs a full panel of NR columns of op(b) when b is stored [n, k]. Each 4-deep step reads
// four consecutive k values of every column as a vector and transposes them into place. Returns
// the number of depths packed, a multiple of 4, and the caller packs the rest one by one.
function packBTransposedPanel(b: usize, k: i32, p0: i32, depth: i32, jStart: i32, base: usize): i32 {
  const rowBytes = <usize>k << 2;
  const stride = <usize>NR << 2;
  const vectorDepth = depth & ~3;
  let src = b + (<usize>(jStart * k + p0) << 2);
  for (let p = 0; p < vectorDepth; p += 4) {
    const dst = base + (<usize>(p * NR) << 2);
    storeTransposed(
      v128.load(src), v128.load(src + rowBytes), v128.load(src + 2 * rowBytes), v128.load(src + 3 * rowBytes),
      dst, stride,
    );
    const upper = src + 4 * rowBytes;
    storeTransposed(
      v128.load(upper), v128.load(upper + rowBytes), v128.load(upper + 2 * rowBytes), v128.load(upper + 3 * rowBytes),
      dst + 16, stride,
    );
    src += 16;
  }
  return vectorDepth;
}

// Packs a full panel of MR rows of op(a) when a is stored [m, k], in the same way.
function packARowsPanel(a: usize, k: i32, p0: i32, depth: i32, iStart: i32, base: usize): i32 {
  const rowBytes = <usize>k << 2;
  const stride = <usize>MR << 2;
  const vectorDepth = depth & ~3;
  let src = a + (<usize>(iStart * k + p0) << 2);
  for (let p = 0; p < vectorDepth; p += 4) {
    storeTransposed(
      v128.load(src), v128.load(src + rowBytes), v128.load(src + 2 * rowBytes), v128.load(src + 3 * rowBytes),
      base + (<usize>(p * MR) << 2), stride,
    );
    src += 16;
  }
  return vectorDepth;
}

// Packs op(b)[p0 .. p0 + depth, j0 .. j0 + cols] into panels of NR columns, zero-padded to a
// multiple of NR, each panel stored k-major: panel[p * NR + jj].
function packB(
  b: usize, k: i32, n: i32, transposeB: bool, p0: i32, depth: i32, j0: i32, cols: i32, dst: usize,
): void {
  const panels = (cols + NR - 1) / NR;
  for (let panel = 0; panel < panels; panel++) {
    const jStart = j0 + panel * NR;
    const width = min(NR, j0 + cols - jStart);
    const base = dst + (<usize>(panel * NR * depth) << 2);
    if (!transposeB && width == NR) {
      // op(b) row p is stored contiguously: two vector copies per k.
      let src = b + (<usize>(p0 * n + jStart) << 2);
      for (let p = 0; p < depth; p++) {
        const out = base + (<usize>(p * NR) << 2);
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
        src += <usize>n << 2;
      }
      continue;
    }
    const packed = transposeB && width == NR ? packBTransposedPanel(b, k, p0, depth, jStart, base) : 0;
    if (width < NR) memory.fill(base, 0, <usize>(NR * depth) << 2);
    for (let jj = 0; jj < width; jj++) {
      const j = jStart + jj;
      for (let p = packed; p < depth; p++) {
        const index = transposeB ? j * k + p0 + p : (p0 + p) * n + j;
        store<f32>(base + (<usize>(p * NR + jj) << 2), load<f32>(b + (<usize>index << 2)));
      }
    }
  }
}

// Packs op(a)[i0 .. i0 + rows, p0 .. p0 + depth] into panels of MR rows, zero-padded, each
// stored k-major: panel[p * MR + ii].
function packA(
  a: usize, m: i32, k: i32, transposeA: bool, i0: i32, rows: i32, p0: i32, depth: i32, dst: usize,
): void {
  const panels = (rows + MR - 1) / MR;
  for (let panel = 0; panel < panels; panel++) {
    const iStart = i0 + panel * MR;
    const height = min(MR, i0 + rows - iStart);
    const base = dst + (<usize>(panel * MR * depth) << 2);
    if (transposeA && height == MR) {
      // op(a) column p is stored contiguously: one vector copy per k.
      let src = a + (<usize>(p0 * m + iStart) << 2);
      for (let p = 0; p < depth; p++) {
        v128.store(base + (<usize>(p * MR) << 2), v128.load(src));
        src += <usize>m << 2;
      }
      continue;
    }
    const packed = !transposeA && height == MR ? packARowsPanel(a, k, p0, depth, iStart, base) : 0;
    if (height < MR) memory.fill(base, 0, <usize>(MR * depth) << 2);
    for (let ii = 0; ii < height; ii++) {
      const i = iStart + ii;
      for (let p = packed; p < depth; p++) {
        const index = transposeA ? (p0 + p) * m + i : i * k + p0 + p;
        store<f32>(base + (<usize>(p * MR + ii) << 2), load<f32>(a + (<usize>index << 2)));
      }
    }
  }
}

// Returns acc + a · b per lane. Builds with relaxed SIMD use f32x4.relaxed_madd, which engines
// with FMA run as one fused instruction; the others use a multiply and then an add.
@inline
function madd(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
  return f32x4.add(acc, f32x4.mul(a, b));
}

// Multiplies an MR-row panel of packed A by an NR-column panel of packed B over `depth` terms
// and writes (or, with `accumulate`, adds) the MR × NR tile at c, whose rows are `ldc` bytes
// apart. The 8 accumulators, 2 B vectors and 1 broadcast fit the 16 registers V8 uses.
@inline
function kernel(pa: usize, pb: usize, depth: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < depth; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc));
    c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc));
    c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc));
    c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20);
  v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30);
  v128.store(c + 3 * ldc, c31, 16);
}

// Runs the kernel into a scratch tile and copies the `height` × `width` part that exists into
// out, for the tiles on the lower and right edges.
function edgeTile(
  pa: usize, pb: usize, depth: i32, out: usize, ldc: usize, height: i32, width: i32,
  accumulate: bool, tile: usize,
): void {
  kernel(pa, pb, depth, tile, NR << 2, false);
  for (let ii = 0; ii < height; ii++) {
    for (let jj = 0; jj < width; jj++) {
      const target = out + <usize>ii * ldc + (<usize>jj << 2);
      let value = load<f32>(tile + (<usize>(ii * NR + jj) << 2));
      if (accumulate) value += load<f32>(target);
      store<f32>(target, value);
    }
  }
}

/**
 * Writes the block out[i0 .. i0 + rows, j0 .. j0 + cols] of out [m, n] = op(a) · op(b), where
 * op(a) is [m, k] (a stored [k, m] when transposeA) and op(b) is [k, n] (b stored [n, k] when
 * transposeB). `scratch` has room for `matmulScratchBytes(cols)` bytes, 16-byte aligned. Blocks that
 * do not overlap may be computed by different threads at once.
 */
export function matmulF32(
  a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, transposeA: bool, transposeB: bool,
  i0: i32, rows: i32, j0: i32, cols: i32, scratch: usize,
): void {
  const panelsB = (cols + NR - 1) / NR;
  const packedB = scratch;
  const packedA = packedB + (<usize>(panelsB * NR * KC) << 2);
  const tile = packedA + (<usize>(MC * KC) << 2);
  const ldc = <usize>n << 2;
  if (k == 0) {
    for (let i = 0; i < rows; i++) memory.fill(out + (<usize>((i0 + i) * n + j0) << 2), 0, cols << 2);
    return;
  }

  for (let p0 = 0; p0 < k; p0 += KC) {
    const depth = min(KC, k - p0);
    const accumulate = p0 > 0;
    packB(b, k, n, transposeB, p0, depth, j0, cols, packedB);

    for (let iBlock = i0; iBlock < i0 + rows; iBlock += MC) {
      const blockRows = min(MC, i0 + rows - iBlock);
      packA(a, m, k, transposeA, iBlock, blockRows, p0, depth, packedA);

      for (let panel = 0; panel < panelsB; panel++) {
        const j = j0 + panel * NR;
        const width = min(NR, j0 + cols - j);
        const pb = packedB + (<usize>(panel * NR * depth) << 2);
        for (let ii = 0; ii < blockRows; ii += MR) {
          const height = min(MR, blockRows - ii);
          const pa = packedA + (<usize>(ii * depth) << 2);
          const c = out + (<usize>((iBlock + ii) * n + j) << 2);
          if (height == MR && width == NR) kernel(pa, pb, depth, c, ldc, accumulate);
          else edgeTile(pa, pb, depth, c, ldc, height, width, accumulate, tile);
        }
      }
    }
  }
}
