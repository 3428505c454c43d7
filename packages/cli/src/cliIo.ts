/** A stream the CLI writes to: process.stdout, process.stderr, or a buffer in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal, which turns on the redrawn progress bar. */
  readonly isTTY?: boolean;
  /** The terminal's width in characters, when it is one. */
  readonly columns?: number;
}

/**
 * Everything the CLI touches outside its arguments, so that tests can inject buffers and a fixed
 * clock. The file system is used directly through node:fs, relative to `cwd`.
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** The folder that relative paths start from. */
  readonly cwd: string;
  /** The current time, for run folder names and timings. */
  readonly now: () => Date;
}

/** An OutputStream that keeps what was written, for tests and for capturing reports. */
export interface BufferStream extends OutputStream {
  readonly text: () => string;
}

/** Creates an in-memory OutputStream; `isTTY` and `columns` let tests exercise the terminal paths. */
export function bufferStream(options: { isTTY?: boolean; columns?: number } = {}): BufferStream {
  const chunks: string[] = [];
  return {
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 80,
    write: (text: string) => chunks.push(text),
    text: () => chunks.join(''),
  };
}
