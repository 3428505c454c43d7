import type { WasmMemory } from './webAssemblyApi.js';
/** Alignment of every buffer the arena places: a cache line, so f32x4 loads never straddle one. */
const ALIGNMENT = 64;

const PAGE_BYTES = 65536;

/**
 * The scratch region of a module's memory above its static data. Each kernel call lays out its
 * operands from the start again, so no buffer outlives the call that placed it. Results are
 * copied out into arrays the caller owns.
 */
export class WasmArena {
  private view: Float32Array;

  constructor(
    private readonly memory: WasmMemory,
    private readonly base: number,
  ) {
    this.view = new Float32Array(memory.buffer);
  }

  /**
   * Places buffers of the given sizes in bytes one after another, growing the memory when they
   * do not fit, and returns their byte offsets.
   */
  layout<const T extends readonly number[]>(...sizes: T): { -readonly [K in keyof T]: number } {
    const offsets: number[] = [];
    let end = align(this.base);
    for (const size of sizes) {
      offsets.push(end);
      end = align(end + size);
    }
    this.reserve(end);
    return offsets as { -readonly [K in keyof T]: number };
  }

  /** Copies `source` into memory at byte `offset`. */
  write(offset: number, source: Float32Array): void {
    this.floats().set(source, offset >>> 2);
  }

  /** Copies `target.length` floats from memory at byte `offset` into `target`. */
  read(offset: number, target: Float32Array): void {
    const start = offset >>> 2;
    target.set(this.floats().subarray(start, start + target.length));
  }

  private reserve(end: number): void {
    const bytes = this.memory.buffer.byteLength;
    if (end <= bytes) return;
    try {
      this.memory.grow(Math.ceil((end - bytes) / PAGE_BYTES));
    } catch (error) {
      // The engine's RangeError names no sizes, so this message reports what the call needed.
      throw new RangeError(
        `WasmArena: a kernel call needs ${end} bytes of WebAssembly memory, more than the module ` +
          `can grow to from ${bytes}. Split the work into smaller tensors or use the TypeScript kernels.`,
        { cause: error },
      );
    }
  }

  // Growing detaches a plain ArrayBuffer, and a shared one keeps its old length in old views,
  // so the view is rebuilt whenever the memory's buffer changed.
  private floats(): Float32Array {
    const buffer = this.memory.buffer;
    if (this.view.buffer !== buffer || this.view.byteLength !== buffer.byteLength) {
      this.view = new Float32Array(buffer);
    }
    return this.view;
  }
}

function align(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}
