import type { OutputStream } from '../cliIo.js';

/** A progress display for one loop of known length, such as the batches of an epoch. */
export interface ProgressBar {
  /** Records that `done` of the total steps are finished; `status` is shown after the bar. */
  update(done: number, status?: string): void;
  /** Ends the display; a terminal bar is replaced by nothing so the next line starts clean. */
  finish(): void;
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Shown before the bar, e.g. `epoch 3/10`. */
  readonly label: string;
  /** The number of steps in the loop; at least 1. */
  readonly total: number;
  /** Milliseconds since some origin, to limit terminal redraws; defaults to Date.now. */
  readonly clock?: () => number;
}

/** The share of the loop after which a plain-line display prints, so logs stay short. */
const plainLineShares = [0.25, 0.5, 0.75, 1];

/** The minimum time between two redraws of a terminal bar, in milliseconds. */
const redrawIntervalMs = 80;

/**
 * Creates a progress display on `stream`. On a terminal it redraws one line in place, such as
 * `epoch 1/10 [#####.....] 50% 211/422 loss 0.312`. Elsewhere it prints a plain line at a
 * quarter, half, three quarters and the end of the loop.
 */
export function createProgressBar(stream: OutputStream, options: ProgressBarOptions): ProgressBar {
  return stream.isTTY === true ? terminalBar(stream, options) : plainLines(stream, options);
}

function terminalBar(stream: OutputStream, options: ProgressBarOptions): ProgressBar {
  const clock = options.clock ?? Date.now;
  const total = Math.max(1, options.total);
  let lastDraw = Number.NEGATIVE_INFINITY;

  return {
    update(done, status = '') {
      const now = clock();
      if (done < total && now - lastDraw < redrawIntervalMs) return;
      lastDraw = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
      stream.write(`\r\x1b[2K${formatBar(options.label, done, total, width, status)}`);
    },
    finish() {
      stream.write('\r\x1b[2K');
    },
  };
}

function plainLines(stream: OutputStream, options: ProgressBarOptions): ProgressBar {
  const total = Math.max(1, options.total);
  let nextShare = 0;

  return {
    update(done, status = '') {
      let crossed = false;
      while (
        nextShare < plainLineShares.length &&
        done >= total * (plainLineShares[nextShare] ?? 1)
      ) {
        nextShare++;
        crossed = true;
      }
      if (crossed) stream.write(`${formatCount(options.label, done, total, status)}\n`);
    },
    finish() {},
  };
}

/** Formats one frame of the bar: label, bar of `width` cells, percentage, count and status. */
export function formatBar(
  label: string,
  done: number,
  total: number,
  width: number,
  status: string,
): string {
  const share = Math.min(1, Math.max(0, done / total));
  const filled = Math.round(share * width);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  return `${label} [${bar}] ${formatCount('', done, total, status).trimStart()}`;
}

function formatCount(label: string, done: number, total: number, status: string): string {
  const percent = Math.floor((100 * Math.min(done, total)) / total);
  const text = `${label} ${String(percent).padStart(3)}% ${done}/${total}`;
  return status === '' ? text : `${text} ${status}`;
}
