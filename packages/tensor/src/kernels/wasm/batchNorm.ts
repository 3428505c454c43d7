import { typescriptKernels } from '../typescript/index.js';
import type { Kernels } from '../types.js';
import type { WasmArena } from './arena.js';
import type { WasmExports } from './exports.js';
import { allFloat32, floatBytes } from './float32.js';

type BatchNormKernels = Pick<Kernels, 'batchNormTrainForward' | 'batchNormTrainBackward'>;

/** Bytes of the module's float64 column statistics: four arrays of `cols` values. */
function statisticsBytes(cols: number): number {
  return cols * 4 * 8;
}

/** Builds the batch-norm kernels over the module's `batchNormForwardF32` and `batchNormBackwardF32`. */
export function batchNormKernels(wasm: WasmExports, arena: WasmArena): BatchNormKernels {
  const ts = typescriptKernels;
  return {
    batchNormTrainForward(
      x,
      gamma,
      beta,
      rows,
      cols,
      epsilon,
      mean,
      variance,
      unbiased,
      invStd,
      xHat,
      y,
    ) {
      if (!allFloat32(x, gamma, beta, mean, variance, unbiased, invStd, xHat, y)) {
        ts.batchNormTrainForward(
          x,
          gamma,
          beta,
          rows,
          cols,
          epsilon,
          mean,
          variance,
          unbiased,
          invStd,
          xHat,
          y,
        );
        return;
      }
      const matrix = floatBytes(rows * cols);
      const vector = floatBytes(cols);
      const [px, pGamma, pBeta, pMean, pVariance, pUnbiased, pInvStd, pXHat, pY, pScratch] =
        arena.layout(
          matrix,
          vector,
          vector,
          vector,
          vector,
          vector,
          vector,
          matrix,
          matrix,
          statisticsBytes(cols),
        );
      arena.write(px, x as Float32Array);
      arena.write(pGamma, gamma as Float32Array);
      arena.write(pBeta, beta as Float32Array);
      wasm.batchNormForwardF32(
        px,
        pGamma,
        pBeta,
        rows,
        cols,
        epsilon,
        pMean,
        pVariance,
        pUnbiased,
        pInvStd,
        pXHat,
        pY,
        pScratch,
      );
      arena.read(pMean, mean as Float32Array);
      arena.read(pVariance, variance as Float32Array);
      arena.read(pUnbiased, unbiased as Float32Array);
      arena.read(pInvStd, invStd as Float32Array);
      arena.read(pXHat, xHat as Float32Array);
      arena.read(pY, y as Float32Array);
    },

    batchNormTrainBackward(dy, xHat, gamma, invStd, rows, cols, outDx, outDGamma, outDBeta) {
      if (!allFloat32(dy, xHat, gamma, invStd, outDx, outDGamma, outDBeta)) {
        ts.batchNormTrainBackward(dy, xHat, gamma, invStd, rows, cols, outDx, outDGamma, outDBeta);
        return;
      }
      const matrix = floatBytes(rows * cols);
      const vector = floatBytes(cols);
      const dxBytes = outDx === undefined ? 0 : matrix;
      const [pdy, pXHat, pGamma, pInvStd, pdx, pDGamma, pDBeta, pScratch] = arena.layout(
        matrix,
        matrix,
        vector,
        vector,
        dxBytes,
        vector,
        vector,
        statisticsBytes(cols),
      );
      arena.write(pdy, dy as Float32Array);
      arena.write(pXHat, xHat as Float32Array);
      arena.write(pGamma, gamma as Float32Array);
      arena.write(pInvStd, invStd as Float32Array);
      const dxPointer = outDx === undefined ? 0 : pdx;
      wasm.batchNormBackwardF32(
        pdy,
        pXHat,
        pGamma,
        pInvStd,
        rows,
        cols,
        dxPointer,
        pDGamma,
        pDBeta,
        pScratch,
      );
      if (outDx !== undefined) arena.read(pdx, outDx as Float32Array);
      arena.read(pDGamma, outDGamma as Float32Array);
      arena.read(pDBeta, outDBeta as Float32Array);
    },
  };
}
