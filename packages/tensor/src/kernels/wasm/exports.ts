import type { WasmMemory } from './webAssemblyApi.js';
import type { ActivationKind, BinaryOp, UnaryOp } from '../types.js';

/**
 * The functions the compiled module (packages/tensor/assembly) exports. Pointers are byte
 * offsets into its memory, booleans are 0 or 1, and every array is float32.
 */
export interface WasmExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  matmulScratchBytes(cols: number): number;
  matmulF32(
    a: number,
    b: number,
    out: number,
    m: number,
    k: number,
    n: number,
    transposeA: number,
    transposeB: number,
    rowStart: number,
    rows: number,
    colStart: number,
    cols: number,
    scratch: number,
  ): void;
  binaryF32(op: number, a: number, b: number, out: number, length: number): void;
  addRowVectorF32(x: number, row: number, out: number, rows: number, cols: number): void;
  unaryF32(op: number, x: number, out: number, length: number): void;
  activationF32(kind: number, z: number, out: number, length: number): void;
  activationBackwardF32(kind: number, z: number, dy: number, outDz: number, length: number): void;
  sumF32(x: number, length: number): number;
  maxF32(x: number, length: number): number;
  sumRowsF32(x: number, rows: number, cols: number, out: number): void;
  batchNormForwardF32(
    x: number,
    gamma: number,
    beta: number,
    rows: number,
    cols: number,
    epsilon: number,
    outMean: number,
    outVariance: number,
    outUnbiasedVariance: number,
    outInvStd: number,
    outXHat: number,
    outY: number,
    scratch: number,
  ): void;
  batchNormBackwardF32(
    dy: number,
    xHat: number,
    gamma: number,
    invStd: number,
    rows: number,
    cols: number,
    outDx: number,
    outDGamma: number,
    outDBeta: number,
    scratch: number,
  ): void;
  adamUpdateF32(
    grads: number,
    m: number,
    v: number,
    length: number,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    correction1: number,
    correction2: number,
    outM: number,
    outV: number,
    outUpdate: number,
  ): void;
  normalizedDenseGradsF32(
    product: number,
    biasGrads: number,
    gamma: number,
    beta: number,
    weight: number,
    units: number,
    inputs: number,
    outWeightGrads: number,
    outGammaGrads: number,
    outBetaGrads: number,
    scratch: number,
  ): void;
  softmaxCrossEntropyF32(
    logits: number,
    targets: number,
    rows: number,
    cols: number,
    outGrad: number,
  ): number;
}

/** Op codes of `binaryF32`, as assembly/elementwise.ts numbers them. */
export const binaryCodes: Record<BinaryOp, number> = { add: 0, sub: 1, mul: 2, div: 3 };

/** Op codes of `unaryF32`, as assembly/elementwise.ts numbers them. */
export const unaryCodes: Record<UnaryOp, number> = { neg: 0, exp: 1, log: 2, sqrt: 3 };

/** Activation codes, as assembly/elementwise.ts numbers them. */
export const activationCodes: Record<ActivationKind, number> = { relu: 0, sigmoid: 1, identity: 2 };
