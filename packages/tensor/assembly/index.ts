// The WebAssembly module's exports. Every pointer is a byte offset into linear memory, chosen
// by the JavaScript side (src/kernels/wasm/), which copies operands in and results out.
export { matmulF32, matmulScratchBytes } from './matmul';
export {
  binaryF32,
  addRowVectorF32,
  unaryF32,
  activationF32,
  activationBackwardF32,
} from './elementwise';
export { sumF32, maxF32, sumRowsF32 } from './reduce';
export { batchNormForwardF32, batchNormBackwardF32 } from './batchNorm';
export { adamUpdateF32 } from './adam';
export { normalizedDenseGradsF32 } from './denseGrads';
export { softmaxCrossEntropyF32 } from './softmaxCrossEntropy';

/** First byte after the module's static data, where callers may place their buffers. */
export function heapBase(): usize {
  return __heap_base;
}
