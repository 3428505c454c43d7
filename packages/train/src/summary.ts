import type { Layer } from '@puregrad/nn';
import { key, treeLeaves } from '@puregrad/tensor';

/** One row of a network's summary. */
export interface LayerSummary {
  /** The layer's position, counted from 1. */
  readonly index: number;
  /** The layer's config kind, e.g. `dense`. */
  readonly kind: string;
  /** One sample's input and output shapes, without the batch axis. */
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  /** The number of trainable numbers (every param leaf's elements). */
  readonly paramCount: number;
}

/**
 * Lists each layer with its shapes and parameter count. The shapes come from initializing every
 * layer once with a fixed key in float32, whose values are discarded.
 */
export function summarize(
  layers: readonly Layer[],
  inputShape: readonly number[],
): readonly LayerSummary[] {
  const rows: LayerSummary[] = [];
  let shape = inputShape;
  layers.forEach((layer, i) => {
    const { params, outputShape } = layer.init(key(0), shape);
    const paramCount = treeLeaves(params).reduce((sum, leaf) => sum + leaf.data.length, 0);
    rows.push({
      index: i + 1,
      kind: layer.config.kind,
      inputShape: shape,
      outputShape,
      paramCount,
    });
    shape = outputShape;
  });
  return Object.freeze(rows);
}
