import type { RunSettings } from '../../checkpoint/runManifest.js';

/** Describes a run's data source in a few words, e.g. `digits` or `csv flowers.csv`. */
export function describeSource(settings: RunSettings): string {
  const source = settings.dataset;
  switch (source.kind) {
    case 'digits':
    case 'iris':
      return source.kind;
    case 'idx':
      return `idx ${source.dir}`;
    case 'csv':
      return `csv ${source.file}`;
  }
}
