import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadWasmKernels } from '../src/kernels/wasm/load.js';
import {
  getKernels,
  InvalidArgumentError,
  isWasmSimdSupported,
  setKernels,
  typescriptKernels,
  wasmUnavailableReason,
} from '../src/index.js';
import type * as TensorPackage from '../src/index.js';

const originalEnvironment = process.env['PUREGRAD_KERNELS'];

afterEach(() => {
  if (originalEnvironment === undefined) delete process.env['PUREGRAD_KERNELS'];
  else process.env['PUREGRAD_KERNELS'] = originalEnvironment;
  vi.resetModules();
});

/** Imports a fresh copy of the package, so its kernel selection runs again. */
async function importFresh(): Promise<typeof TensorPackage> {
  vi.resetModules();
  return import('../src/index.js');
}

describe('kernel selection', () => {
  it('node 20 validates wasm simd', () => {
    expect(isWasmSimdSupported()).toBe(true);
  });

  it('default backend is wasm', async () => {
    delete process.env['PUREGRAD_KERNELS'];
    const fresh = await importFresh();
    const reason = fresh.wasmUnavailableReason();
    expect(reason, `Wasm kernels did not load: ${reason}`).toBeUndefined();
    expect(fresh.getKernels().name).toBe('wasm');
  });

  it('setKernels switches and returns the previous', () => {
    expect(wasmUnavailableReason()).toBeUndefined();
    const previous = setKernels('typescript');
    try {
      expect(getKernels()).toBe(typescriptKernels);
      const before = setKernels('wasm');
      expect(before).toBe(typescriptKernels);
      expect(getKernels().name).toBe('wasm');
    } finally {
      setKernels(previous);
    }
  });

  it('setKernels rejects an unknown name', () => {
    expect(() => setKernels('fortran' as 'wasm')).toThrow(InvalidArgumentError);
    expect(() => setKernels('fortran' as 'wasm')).toThrow(/must be "wasm" or "typescript"/);
  });

  it('PUREGRAD_KERNELS=typescript forces typescript', async () => {
    process.env['PUREGRAD_KERNELS'] = 'typescript';
    const fresh = await importFresh();
    expect(fresh.getKernels().name).toBe('typescript');
  });

  it('PUREGRAD_KERNELS=wasm forces wasm', async () => {
    process.env['PUREGRAD_KERNELS'] = 'wasm';
    const fresh = await importFresh();
    expect(fresh.getKernels().name).toBe('wasm');
  });

  it('PUREGRAD_KERNELS rejects an unknown name', async () => {
    process.env['PUREGRAD_KERNELS'] = 'gpu';
    await expect(importFresh()).rejects.toThrow(
      /PUREGRAD_KERNELS: kernels must be "wasm" or "typescript" \(got "gpu"\)/,
    );
  });

  it('ops run on the selected kernels', async () => {
    process.env['PUREGRAD_KERNELS'] = 'wasm';
    const fresh = await importFresh();
    const a = fresh.tensor([[1, 2, 3]], { dtype: 'float32' });
    const b = fresh.tensor([[4], [5], [6]], { dtype: 'float32' });
    const spy = vi.spyOn(fresh.getKernels(), 'matmul');
    const product = fresh.matmul(a, b);
    expect(spy).toHaveBeenCalledTimes(1);
    expect([...product.data]).toEqual([32]);
  });

  it('loader reports missing simd', () => {
    const api = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } })
      .WebAssembly;
    const validate = vi.spyOn(api, 'validate').mockReturnValue(false);
    try {
      const result = loadWasmKernels();
      expect(result.kernels).toBeUndefined();
      expect(result.reason).toMatch(/does not support WebAssembly SIMD/);
    } finally {
      validate.mockRestore();
    }
  });
});
