/** The parts of report.html that the tests check, read back with regular expressions. */
export interface ParsedReport {
  /** Series name to its number of polyline points. */
  readonly seriesPoints: ReadonlyMap<string, number>;
  /** The confusion matrix's body cells, row by row. */
  readonly confusion: number[][];
  /** The test accuracy from the `data-value` attribute. */
  readonly accuracy: number;
}

/** Reads the curves, the confusion matrix and the test accuracy out of a report's HTML. */
export function parseReport(html: string): ParsedReport {
  const seriesPoints = new Map<string, number>();
  for (const match of html.matchAll(/<polyline[^>]*data-series="([^"]+)"[^>]*points="([^"]*)"/g)) {
    const points = (match[2] ?? '').trim();
    seriesPoints.set(match[1] ?? '', points === '' ? 0 : points.split(/\s+/).length);
  }

  const table =
    /<table id="confusion-matrix">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  const confusion = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((cell) => Number(cell[1])),
  );

  const accuracy = Number(
    /id="test-result">Test accuracy <strong data-value="([^"]+)"/.exec(html)?.[1],
  );
  return { seriesPoints, confusion, accuracy };
}
