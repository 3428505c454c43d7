import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const generated = fileURLToPath(new URL('./src/kernels/wasm/binary.generated.ts', import.meta.url));

// From source, binaryOptional.ts imports the generated module with a guarded top-level await,
// so an unbuilt checkout still runs. The build has just written that module (scripts/buildWasm.mjs
// runs first), so here it is imported statically and dist loads without any await.
const embedWasmStatically: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'embed-wasm-statically',
  setup(build) {
    build.onResolve({ filter: /[\\/]binaryOptional\.js$|^\.\/binaryOptional\.js$/ }, () => ({
      path: generated,
    }));
  },
};

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  esbuildPlugins: [embedWasmStatically],
});
