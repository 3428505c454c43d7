/**
 * Splits CSV text into rows of fields, following RFC 4180: fields may be quoted with `"`, a quote
 * inside a quoted field is doubled, and rows end with LF or CRLF. Each row carries its 1-based
 * starting line. Blank lines are skipped. Returns a message when a quoted field never closes.
 * The body is one pass over the characters, because a quoted field may contain line breaks, so
 * splitting the text into lines first would cut such a field apart.
 */
export function parseCsvFields(
  text: string,
  delimiter: string,
): { line: number; fields: string[] }[] | { line: number; problem: string } {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = 0;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };

  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      if (char === '\n') line += 1;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRow();
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      rowLine = line;
    } else field += char;
    i += 1;
  }
  if (quoted) return { line: rowLine, problem: 'a quoted field never closes. Add the closing "' };
  endRow();
  return rows;
}
