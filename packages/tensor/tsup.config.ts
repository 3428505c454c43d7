import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const generatedModules: Record<string, string> = {
  binaryOptional: fileURLToPath(new URL('./src/kernels/wasm/binary.generated.ts', import.meta.url)),
  sharedBinaryOptional: fileURLToPath(
    new URL('./src/kernels/wasm/sharedBinary.generated.ts', import.meta.url),
  ),
};

// From source, binaryOptional.ts and sharedBinaryOptional.ts import the generated modules with a
// guarded top-level await, so an unbuilt checkout still runs. The build has just written those
// modules (scripts/buildWasm.mjs runs first), so here they are imported statically and dist
// loads without any await.
const embedWasmStatically: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'embed-wasm-statically',
  setup(build) {
    build.onResolve({ filter: /(^|[\\/])(binaryOptional|sharedBinaryOptional)\.js$/ }, (args) => {
      const name = /(binaryOptional|sharedBinaryOptional)\.js$/.exec(args.path)?.[1] ?? '';
      return { path: generatedModules[name] };
    });
  },
};

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  esbuildPlugins: [embedWasmStatically],
});
