import type { Targets } from '@puregrad/nn';
import type { FloatTensor } from '@puregrad/tensor';

/** Returns the index of the largest of `cols` values at `offset`; the first one wins a tie. */
function argmaxRow(data: ArrayLike<number>, offset: number, cols: number): number {
  let best = 0;
  for (let j = 1; j < cols; j++) {
    if ((data[offset + j] as number) > (data[offset + best] as number)) best = j;
  }
  return best;
}

/** Returns each sample's true class: the int32 label, or the argmax of its target row. */
export function trueClasses(targets: Targets): Int32Array {
  if (targets.dtype === 'int32') return Int32Array.from(targets.data);
  const [rows, cols] = targets.shape as [number, number];
  const classes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) classes[r] = argmaxRow(targets.data, r * cols, cols);
  return classes;
}

/** Returns each sample's predicted class, the argmax of its row of predictions `[batch, classes]`. */
export function predictedClasses(predictions: FloatTensor): Int32Array {
  const [rows, cols] = predictions.shape as [number, number];
  const classes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) classes[r] = argmaxRow(predictions.data, r * cols, cols);
  return classes;
}

/** Counts the samples whose predicted class is their true class. */
export function countCorrect(predictions: FloatTensor, targets: Targets): number {
  const predicted = predictedClasses(predictions);
  const actual = trueClasses(targets);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === actual[i]) correct++;
  return correct;
}
