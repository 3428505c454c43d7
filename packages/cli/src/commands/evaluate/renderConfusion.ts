/**
 * Renders a confusion matrix as a text table: one row per true class, one column per predicted
 * class, with the class names as headers and the counts right-aligned.
 */
export function renderConfusion(
  confusion: readonly (readonly number[])[],
  classNames: readonly string[],
): string {
  const counts = confusion.flat().map(String);
  const width = Math.max(
    3,
    ...counts.map((count) => count.length),
    ...classNames.map((n) => n.length),
  );
  const labelWidth = Math.max(...classNames.map((name) => name.length));
  const header = `${' '.repeat(labelWidth)}  ${classNames.map((name) => name.padStart(width)).join(' ')}`;
  const rows = confusion.map(
    (row, i) =>
      `${(classNames[i] ?? String(i)).padStart(labelWidth)}  ` +
      row.map((count) => String(count).padStart(width)).join(' '),
  );
  return [header, ...rows, ''].join('\n');
}
