import { typescriptKernels } from '../typescript/index.js';
import type { Kernels } from '../types.js';
import type { WasmArena } from './arena.js';
import { activationCodes, binaryCodes, unaryCodes, type WasmExports } from './exports.js';
import { allFloat32, floatBytes } from './float32.js';

type ElementwiseKernels = Pick<
  Kernels,
  'binary' | 'addRowVector' | 'unary' | 'activation' | 'activationBackward'
>;

/** Builds the element-wise kernels over the module's binary, unary and activation functions. */
export function elementwiseKernels(wasm: WasmExports, arena: WasmArena): ElementwiseKernels {
  const ts = typescriptKernels;
  return {
    binary(op, a, b, out) {
      if (!allFloat32(a, b, out)) return ts.binary(op, a, b, out);
      const size = floatBytes(out.length);
      const [pa, pb, pOut] = arena.layout(size, size, size);
      arena.write(pa, a as Float32Array);
      arena.write(pb, b as Float32Array);
      wasm.binaryF32(binaryCodes[op], pa, pb, pOut, out.length);
      arena.read(pOut, out as Float32Array);
    },

    addRowVector(x, row, rows, cols, out) {
      if (!allFloat32(x, row, out)) return ts.addRowVector(x, row, rows, cols, out);
      const [px, pRow, pOut] = arena.layout(
        floatBytes(rows * cols),
        floatBytes(cols),
        floatBytes(rows * cols),
      );
      arena.write(px, x as Float32Array);
      arena.write(pRow, row as Float32Array);
      wasm.addRowVectorF32(px, pRow, pOut, rows, cols);
      arena.read(pOut, out as Float32Array);
    },

    unary(op, x, out) {
      if (!allFloat32(x, out)) return ts.unary(op, x, out);
      const size = floatBytes(x.length);
      const [px, pOut] = arena.layout(size, size);
      arena.write(px, x as Float32Array);
      wasm.unaryF32(unaryCodes[op], px, pOut, x.length);
      arena.read(pOut, out as Float32Array);
    },

    activation(kind, z, out) {
      if (!allFloat32(z, out)) return ts.activation(kind, z, out);
      const size = floatBytes(z.length);
      const [pz, pOut] = arena.layout(size, size);
      arena.write(pz, z as Float32Array);
      wasm.activationF32(activationCodes[kind], pz, pOut, z.length);
      arena.read(pOut, out as Float32Array);
    },

    activationBackward(kind, z, dy, outDz) {
      if (!allFloat32(z, dy, outDz)) return ts.activationBackward(kind, z, dy, outDz);
      const size = floatBytes(z.length);
      const [pz, pdy, pdz] = arena.layout(size, dy === undefined ? 0 : size, size);
      arena.write(pz, z as Float32Array);
      if (dy !== undefined) arena.write(pdy, dy as Float32Array);
      wasm.activationBackwardF32(
        activationCodes[kind],
        pz,
        dy === undefined ? 0 : pdy,
        pdz,
        z.length,
      );
      arena.read(pdz, outDz as Float32Array);
    },
  };
}
