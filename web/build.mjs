// Bundles the playground with esbuild into dist/ (after build.sh has built web/pkg/).
import * as esbuild from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = `${here}dist`;
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await esbuild.build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.js', worker: 'src/worker.js' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  outdir: 'dist',
  // The examples are plain YAML files imported as text (one copy, also linted by the wasm tests).
  loader: { '.yaml': 'text' },
  logLevel: 'warning',
});
await copyFile(`${here}index.html`, `${dist}/index.html`);
await copyFile(`${here}src/style.css`, `${dist}/style.css`);
// wasm-bindgen's glue loads the wasm relative to the worker script.
await copyFile(`${here}pkg/kubeward_wasm_bg.wasm`, `${dist}/kubeward_wasm_bg.wasm`);
