// The linting worker: loads the wasm once, then answers requests. Only the newest request of
// each kind is processed (older queued ones are dropped), so a burst of edits costs one lint.
import init, * as kw from '../pkg/kubeward_wasm.js';

const t0 = performance.now();
const ready = init({ module_or_path: new URL('kubeward_wasm_bg.wasm', import.meta.url) }).then(() => {
  postMessage({ type: 'ready', initMs: performance.now() - t0, version: kw.version(), meta: JSON.parse(kw.meta()), rules: JSON.parse(kw.rules()) });
});

const pending = new Map(); // kind -> latest request
let scheduled = false;

function handle(req) {
  const t0 = performance.now();
  try {
    switch (req.type) {
      case 'lint': {
        const out = JSON.parse(kw.lint(req.text, JSON.stringify(req.options || {})));
        return { result: out, ms: performance.now() - t0 };
      }
      case 'rbac': {
        const out = JSON.parse(kw.rbacPaths(req.text, JSON.stringify(req.options || {})));
        return { result: out, ms: performance.now() - t0 };
      }
      case 'bench': {
        // Lints the same text `runs` times; returns each run's time (the benchmark).
        const times = [];
        let n = 0;
        for (let i = 0; i < req.runs; i++) {
          const t = performance.now();
          n = JSON.parse(kw.lint(req.text, JSON.stringify(req.options || {}))).diagnostics.length;
          times.push(performance.now() - t);
        }
        return { result: { times, findings: n } };
      }
      case 'explain':
        return { result: JSON.parse(kw.explain(req.id)) };
      default:
        return { error: `unknown request ${req.type}` };
    }
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

function drain() {
  scheduled = false;
  const reqs = [...pending.values()];
  pending.clear();
  for (const req of reqs) {
    postMessage({ type: req.type, id: req.id, ...handle(req) });
  }
}

onmessage = async (ev) => {
  await ready;
  const req = ev.data;
  // `explain` and `bench` requests are keyed by id so that several can be in flight.
  pending.set(req.type === 'explain' || req.type === 'bench' ? `${req.type}:${req.id}` : req.type, req);
  if (!scheduled) {
    scheduled = true;
    setTimeout(drain, 0);
  }
};
