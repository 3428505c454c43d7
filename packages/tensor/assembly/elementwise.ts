// Element-wise kernels on float32 arrays. Each loops over whole f32x4 vectors and finishes the
// last length % 4 elements one at a time, so any length works. Op and activation codes match
// the tables in src/kernels/wasm/codes.ts.

/** `binaryF32` op codes. */
const ADD: i32 = 0;
const SUB: i32 = 1;
const MUL: i32 = 2;
const DIV: i32 = 3;

/** Activation codes shared by the activation kernels. */
const RELU: i32 = 0;
const SIGMOID: i32 = 1;
const IDENTITY: i32 = 2;

/** `unaryF32` op codes. */
const NEG: i32 = 0;
const EXP: i32 = 1;
const LOG: i32 = 2;
const SQRT: i32 = 3;

@inline
function binaryVector(op: i32, x: v128, y: v128): v128 {
  if (op == ADD) return f32x4.add(x, y);
  if (op == SUB) return f32x4.sub(x, y);
  if (op == MUL) return f32x4.mul(x, y);
  return f32x4.div(x, y);
}

@inline
function binaryScalar(op: i32, x: f32, y: f32): f32 {
  if (op == ADD) return x + y;
  if (op == SUB) return x - y;
  if (op == MUL) return x * y;
  return x / y;
}

/** Writes out[i] = a[i] op b[i] for i < length. */
export function binaryF32(op: i32, a: usize, b: usize, out: usize, length: i32): void {
  const vectorEnd = length & ~3;
  for (let i = 0; i < vectorEnd; i += 4) {
    const offset = <usize>i << 2;
    v128.store(out + offset, binaryVector(op, v128.load(a + offset), v128.load(b + offset)));
  }
  for (let i = vectorEnd; i < length; i++) {
    const offset = <usize>i << 2;
    store<f32>(out + offset, binaryScalar(op, load<f32>(a + offset), load<f32>(b + offset)));
  }
}

/** Writes out[r, c] = x[r, c] + row[c] for x [rows, cols], the bias add of a dense layer. */
export function addRowVectorF32(x: usize, row: usize, out: usize, rows: i32, cols: i32): void {
  const vectorEnd = cols & ~3;
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const xRow = x + <usize>r * rowBytes;
    const outRow = out + <usize>r * rowBytes;
    for (let c = 0; c < vectorEnd; c += 4) {
      const offset = <usize>c << 2;
      v128.store(outRow + offset, f32x4.add(v128.load(xRow + offset), v128.load(row + offset)));
    }
    for (let c = vectorEnd; c < cols; c++) {
      const offset = <usize>c << 2;
      store<f32>(outRow + offset, load<f32>(xRow + offset) + load<f32>(row + offset));
    }
  }
}

/**
 * Writes out[i] = op(x[i]) for the unary op codes. Exp and log go one element at a time in
 * float64 and round once, so they match the TypeScript kernels' Math.exp and Math.log.
 */
export function unaryF32(op: i32, x: usize, out: usize, length: i32): void {
  if (op == NEG || op == SQRT) {
    const vectorEnd = length & ~3;
    for (let i = 0; i < vectorEnd; i += 4) {
      const offset = <usize>i << 2;
      const v = v128.load(x + offset);
      v128.store(out + offset, op == NEG ? f32x4.neg(v) : f32x4.sqrt(v));
    }
    for (let i = vectorEnd; i < length; i++) {
      const offset = <usize>i << 2;
      const v = load<f32>(x + offset);
      store<f32>(out + offset, op == NEG ? -v : Mathf.sqrt(v));
    }
    return;
  }
  for (let i = 0; i < length; i++) {
    const offset = <usize>i << 2;
    const v = load<f32>(x + offset);
    const result = op == EXP ? Math.exp(<f64>v) : Math.log(<f64>v);
    store<f32>(out + offset, <f32>result);
  }
}

// Computed in float64 and rounded once, like the TypeScript kernels.
@inline
function sigmoid(z: f32): f64 {
  return 1 / (1 + Math.exp(-<f64>z));
}

/** Writes out = σ(z) element-wise for the activation codes. */
export function activationF32(kind: i32, z: usize, out: usize, length: i32): void {
  if (kind == IDENTITY) {
    memory.copy(out, z, <usize>length << 2);
    return;
  }
  if (kind == SIGMOID) {
    for (let i = 0; i < length; i++) {
      const offset = <usize>i << 2;
      store<f32>(out + offset, <f32>sigmoid(load<f32>(z + offset)));
    }
    return;
  }
  const zero = f32x4.splat(0);
  const vectorEnd = length & ~3;
  for (let i = 0; i < vectorEnd; i += 4) {
    const offset = <usize>i << 2;
    v128.store(out + offset, f32x4.max(v128.load(z + offset), zero));
  }
  for (let i = vectorEnd; i < length; i++) {
    const offset = <usize>i << 2;
    store<f32>(out + offset, max(load<f32>(z + offset), <f32>0));
  }
}

/**
 * Writes outDz = dy ⊙ σ'(z), or σ'(z) itself when `dy` is 0 (no upstream gradient). ReLU's
 * derivative is taken as 0 at z = 0, as the TypeScript kernels do.
 */
export function activationBackwardF32(kind: i32, z: usize, dy: usize, outDz: usize, length: i32): void {
  const hasDy = dy != 0;
  if (kind == RELU) {
    const zero = f32x4.splat(0);
    const one = f32x4.splat(1);
    const vectorEnd = length & ~3;
    for (let i = 0; i < vectorEnd; i += 4) {
      const offset = <usize>i << 2;
      const positive = f32x4.gt(v128.load(z + offset), zero);
      const upstream = hasDy ? v128.load(dy + offset) : one;
      v128.store(outDz + offset, v128.and(upstream, positive));
    }
    for (let i = vectorEnd; i < length; i++) {
      const offset = <usize>i << 2;
      const upstream = hasDy ? load<f32>(dy + offset) : <f32>1;
      store<f32>(outDz + offset, load<f32>(z + offset) > 0 ? upstream : <f32>0);
    }
    return;
  }
  for (let i = 0; i < length; i++) {
    const offset = <usize>i << 2;
    const upstream = hasDy ? load<f32>(dy + offset) : <f32>1;
    // σ'(z) = σ(z)·σ(−z): the form 1 − σ(z) would lose every digit for large z.
    let derivative: f64 = 1;
    if (kind == SIGMOID) {
      const v = load<f32>(z + offset);
      derivative = sigmoid(v) * sigmoid(-v);
    }
    store<f32>(outDz + offset, <f32>(<f64>upstream * derivative));
  }
}
