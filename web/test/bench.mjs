// The playground's budgets, measured in chromium (run after build.sh):
//   node web/test/bench.mjs
// - lint of a 1,000-line manifest in the browser (the wasm call in the worker), after warm-up
// - first findings shown after page load (the default example), from navigation start
// - a 1 MB paste: time to diagnostics, and the longest main-thread stall meanwhile
// Prints the numbers, writes web/test-results/bench.json, exits 1 if a budget is exceeded.
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { start } from './browser.mjs';

const BUDGET = { lint1000Ms: 20, firstFindingsMs: 1000, wasmGzipBytes: 1.5 * 1024 * 1024 };
const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));

/** A multi-document manifest of `lines` lines: Deployments with findings. */
export function manifest(lines) {
  const doc = (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web-${i}}
  template:
    metadata:
      labels: {app: web-${i}}
    spec:
      hostPID: yes
      containers:
      - name: web
        image: nginx:1.27
        securityContext:
          privileged: true
          allowPrivilegeEscalation: true
        env:
        - name: PORT
          value: "8080"
        resources:
          limits: {cpu: 500m, memory: 256Mi}
---
`;
  let out = '';
  for (let i = 0; out.split('\n').length <= lines; i++) out += doc(i);
  return out.split('\n').slice(0, lines).join('\n') + '\n';
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const env = await start();
try {
  const { page, errors } = await env.page();
  await page.goto(env.url);
  await page.waitForFunction(() => window.kwReady === true, null, { timeout: 20_000 });
  const load = await page.evaluate(() => {
    const { scriptMs, readyMs, wasmInitMs, firstFindingsMs, lints } = window.kwStats;
    return { scriptMs, readyMs, wasmInitMs, firstFindingsMs, firstLintMs: lints[0].ms };
  });
  const { firstFindingsMs } = load;

  const text1000 = manifest(1000);
  const bench = await page.evaluate((t) => window.kwBench(t, 40), text1000);
  const warm = bench.times.slice(10);
  const lint1000Ms = median(warm);

  // 1 MB paste: rAF gaps on the main thread until the diagnostics are shown.
  const big = manifest(Math.ceil((1024 * 1024) / (text1000.length / 1000)));
  const paste = await page.evaluate(async (t) => {
    window.kwReady = false;
    let maxGap = 0;
    let last = performance.now();
    let running = true;
    const tick = () => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const t0 = performance.now();
    const v = window.kwView;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t } });
    const dispatchMs = performance.now() - t0;
    // Type a character while the lint runs: the editor must answer at once.
    await new Promise((r) => setTimeout(r, 50));
    const k0 = performance.now();
    v.dispatch({ changes: { from: 0, insert: '#' } });
    const keyMs = performance.now() - k0;
    while (!window.kwReady) await new Promise((r) => setTimeout(r, 10));
    const shownMs = performance.now() - t0;
    running = false;
    const l = window.kwStats.lints.at(-1);
    return { bytes: t.length, dispatchMs, keyMs, shownMs, workerLintMs: l.ms, findings: l.findings, maxFrameGapMs: maxGap };
  }, big);

  const wasm = await readFile(fileURLToPath(new URL('../dist/kubeward_wasm_bg.wasm', import.meta.url)));
  const result = {
    chromium: env.browser.version(),
    lint1000: { lines: 1000, findings: bench.findings, runs: bench.times.length, warmup: 10, medianMs: lint1000Ms, minMs: Math.min(...warm), maxMs: Math.max(...warm) },
    firstFindingsMs,
    load,
    paste1MB: paste,
    wasm: { bytes: wasm.length, gzip9Bytes: gzipSync(wasm, { level: 9 }).length },
    budget: BUDGET,
    errors,
  };
  await mkdir(RESULTS, { recursive: true });
  await writeFile(`${RESULTS}bench.json`, JSON.stringify(result, null, 2));
  const ok = [
    [`lint of 1,000 lines: median ${lint1000Ms.toFixed(2)} ms (budget ${BUDGET.lint1000Ms})`, lint1000Ms <= BUDGET.lint1000Ms],
    [`first findings: ${firstFindingsMs.toFixed(0)} ms after navigation (budget ${BUDGET.firstFindingsMs}; script ran at ${load.scriptMs.toFixed(0)}, wasm init took ${load.wasmInitMs.toFixed(0)}, ready at ${load.readyMs.toFixed(0)}, first lint ${load.firstLintMs.toFixed(0)} ms)`, firstFindingsMs <= BUDGET.firstFindingsMs],
    [`wasm: ${result.wasm.bytes} bytes, ${result.wasm.gzip9Bytes} gzipped (budget ${BUDGET.wasmGzipBytes})`, result.wasm.gzip9Bytes <= BUDGET.wasmGzipBytes],
    [`1 MB paste (${paste.bytes} chars): dispatch ${paste.dispatchMs.toFixed(1)} ms, keystroke during lint ${paste.keyMs.toFixed(1)} ms, ` +
      `findings (${paste.findings}) shown after ${paste.shownMs.toFixed(0)} ms (worker lint ${paste.workerLintMs.toFixed(0)} ms), ` +
      `longest frame gap ${paste.maxFrameGapMs.toFixed(0)} ms`, true],
    [`no page errors`, errors.length === 0],
  ];
  for (const [line, pass] of ok) console.log(`${pass ? 'ok  ' : 'FAIL'} ${line}`);
  if (ok.some(([, pass]) => !pass)) process.exitCode = 1;
} finally {
  await env.close();
}
