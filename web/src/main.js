// The playground: a CodeMirror 6 editor linted by kubeward (wasm, in a worker), a findings list,
// the rule docs, and the RBAC escalation graph of the editor's content.
import { EditorView, basicSetup } from 'codemirror';
import { EditorSelection } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { encodeState, decodeState } from './share.js';
import { drawGraph } from './graph.js';
import { renderMarkdown } from './markdown.js';
import insecureDeployment from '../../examples/insecure/web.yaml';
import rbacEscalation from '../../examples/rbac/escalation-chain.yaml';
import controlPlane from '../examples/control-plane.yaml';

const EXAMPLES = {
  insecure: { title: 'Insecure Deployment', text: insecureDeployment },
  rbac: { title: 'RBAC escalation chain', text: rbacEscalation, panel: 'rbac' },
  controlplane: { title: 'Control-plane flags (static pod)', text: controlPlane },
};

/** Fragments longer than this are not written to the URL (browsers cap URL length). */
const MAX_FRAGMENT = 256 * 1024;
/** Findings listed at most (the editor still shows every one). */
const MAX_LISTED = 1000;

const $ = (sel) => document.querySelector(sel);
const settings = { pss: 'latest', minSeverity: 'warning', panel: 'findings' };
const stats = { scriptMs: performance.now(), readyMs: null, firstFindingsMs: null, lints: [] };
window.kwStats = stats;

// ---- worker ------------------------------------------------------------------------------

// index.html starts the worker early; a page without that script starts it here.
const worker = window.kwWorker || new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let rulesList = [];
let meta = null;
let gen = 0; // bumped on every edit or option change
let lintSentAt = 0;
const waiting = new Map(); // request key -> resolve
let ready;
const readyPromise = new Promise((r) => (ready = r));

worker.onmessage = (ev) => {
  const msg = ev.data;
  if (msg.type === 'ready') {
    stats.readyMs = performance.now();
    stats.wasmInitMs = msg.initMs;
    rulesList = msg.rules;
    meta = msg.meta;
    $('#version').textContent = `v${msg.version}`;
    fillPssVersions();
    renderRuleList();
    ready();
    return;
  }
  const key = `${msg.type}:${msg.id}`;
  const resolve = waiting.get(key);
  if (resolve) {
    waiting.delete(key);
    resolve(msg);
    return;
  }
  if (msg.type === 'lint') onLint(msg);
  else if (msg.type === 'rbac') onRbac(msg);
};
worker.onerror = (e) => setStatus(`worker failed: ${e.message}`, true);
for (const ev of window.kwEarly || []) worker.onmessage(ev);
if (window.kwEarly) window.kwEarly.length = 0;

function request(req) {
  return new Promise((resolve) => {
    waiting.set(`${req.type}:${req.id}`, resolve);
    worker.postMessage(req);
  });
}

// ---- editor ------------------------------------------------------------------------------

let lintTimer = 0;
let shareTimer = 0;
const view = new EditorView({
  parent: $('#editor'),
  extensions: [
    basicSetup,
    yaml(),
    lintGutter(),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) {
        gen++;
        if (settings.panel !== 'rbac') $('#tab-rbac .count').textContent = '';
        scheduleLint();
        scheduleShare();
      }
    }),
  ],
});
window.kwView = view;

function scheduleLint() {
  clearTimeout(lintTimer);
  // Large documents wait a little longer so a burst of typing costs one lint.
  const delay = view.state.doc.length > 200_000 ? 400 : 120;
  lintTimer = setTimeout(requestLint, delay);
}

function options() {
  return { pssVersion: settings.pss, minSeverity: settings.minSeverity };
}

function requestLint() {
  clearTimeout(lintTimer);
  lintSentAt = performance.now();
  setStatus('linting…');
  worker.postMessage({ type: 'lint', id: gen, text: view.state.doc.toString(), options: options() });
  if (settings.panel === 'rbac') requestRbac();
}

function requestRbac() {
  worker.postMessage({ type: 'rbac', id: gen, text: view.state.doc.toString(), options: {} });
}

function setText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
}

function jumpTo(from, to = from) {
  const len = view.state.doc.length;
  const a = Math.min(from, len);
  const b = Math.min(to, len);
  view.dispatch({ selection: EditorSelection.range(a, b), scrollIntoView: true });
  view.focus();
}

// ---- findings ----------------------------------------------------------------------------

let currentFindings = [];

function diagnosticMessage(d) {
  return () => {
    const box = document.createElement('div');
    box.className = 'kw-tip';
    const head = document.createElement('div');
    const rule = document.createElement('code');
    rule.textContent = d.rule;
    head.append(rule, ` ${d.message}`);
    box.append(head);
    if (d.help) {
      const help = document.createElement('div');
      help.className = 'kw-tip-help';
      help.textContent = `help: ${d.help}`;
      box.append(help);
    }
    const link = document.createElement('a');
    link.href = `#rule=${d.rule}`;
    link.className = 'kw-tip-docs';
    link.textContent = 'rule docs';
    link.addEventListener('click', (ev) => {
      ev.preventDefault();
      openRule(d.rule);
    });
    box.append(link);
    return box;
  };
}

function onLint(msg) {
  if (msg.id !== gen) return; // the text changed since: a newer lint is on its way
  if (msg.error) {
    setStatus(msg.error, true);
    return;
  }
  const report = msg.result;
  const len = view.state.doc.length;
  currentFindings = report.diagnostics;
  const diagnostics = report.diagnostics.map((d) => ({
    from: Math.min(d.from, len),
    to: Math.min(Math.max(d.to, d.from), len),
    severity: d.severity,
    message: `${d.rule}: ${d.message}`,
    source: 'kubeward',
    renderMessage: diagnosticMessage(d),
  }));
  view.dispatch(setDiagnostics(view.state, diagnostics));
  renderFindings(report);
  const s = report.summary;
  const round = performance.now() - lintSentAt;
  stats.lints.push({ ms: msg.ms, roundTripMs: round, findings: report.diagnostics.length, chars: len });
  if (stats.firstFindingsMs === null) stats.firstFindingsMs = performance.now();
  setStatus(
    `${report.diagnostics.length} finding${report.diagnostics.length === 1 ? '' : 's'} ` +
      `(${s.errors} error, ${s.warnings} warning, ${s.infos} info) · ${s.objects} object${s.objects === 1 ? '' : 's'} · ` +
      `lint ${msg.ms.toFixed(1)} ms`,
  );
  window.kwReady = true;
}

function renderFindings(report) {
  const list = $('#findings-list');
  list.textContent = '';
  const ds = report.diagnostics;
  $('#tab-findings .count').textContent = String(ds.length);
  if (!ds.length) {
    const li = document.createElement('li');
    li.className = 'kw-empty';
    li.textContent = 'No findings at or above the chosen severity.';
    list.append(li);
    return;
  }
  for (const d of ds.slice(0, MAX_LISTED)) {
    const li = document.createElement('li');
    li.className = `kw-finding kw-sev-${d.severity}`;
    li.tabIndex = 0;
    li.dataset.rule = d.rule;
    li.dataset.line = String(d.line);
    const sev = document.createElement('span');
    sev.className = 'kw-sev';
    sev.textContent = d.severity;
    const pos = document.createElement('span');
    pos.className = 'kw-pos';
    pos.textContent = `${d.line}:${d.column}`;
    const rule = document.createElement('a');
    rule.className = 'kw-rule';
    rule.href = `#rule=${d.rule}`;
    rule.textContent = d.rule;
    rule.addEventListener('click', (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      openRule(d.rule);
    });
    const msg = document.createElement('div');
    msg.className = 'kw-msg';
    msg.textContent = d.message;
    li.append(sev, pos, rule, msg);
    if (d.object) {
      const obj = document.createElement('div');
      obj.className = 'kw-obj';
      obj.textContent = `${d.object.kind} ${d.object.namespace ? `${d.object.namespace}/` : ''}${d.object.name ?? ''}${d.field ? ` · ${d.field}` : ''}`;
      li.append(obj);
    }
    const go = () => jumpTo(d.from, d.to);
    li.addEventListener('click', go);
    li.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') go();
    });
    list.append(li);
  }
  if (ds.length > MAX_LISTED) {
    const li = document.createElement('li');
    li.className = 'kw-empty';
    li.textContent = `… and ${ds.length - MAX_LISTED} more (all are marked in the editor)`;
    list.append(li);
  }
}

// ---- rules -------------------------------------------------------------------------------

let selectedRule = null;

function renderRuleList() {
  const q = $('#rule-search').value.trim().toLowerCase();
  const list = $('#rule-list');
  list.textContent = '';
  for (const r of rulesList) {
    if (q && !`${r.id} ${r.summary} ${r.category}`.toLowerCase().includes(q)) continue;
    const li = document.createElement('li');
    li.dataset.rule = r.id;
    li.className = `kw-rule-item${r.id === selectedRule ? ' selected' : ''}`;
    li.tabIndex = 0;
    const id = document.createElement('code');
    id.textContent = r.id;
    const sev = document.createElement('span');
    sev.className = `kw-sev kw-sev-${r.severity}`;
    sev.textContent = r.severity;
    const sum = document.createElement('div');
    sum.className = 'kw-msg';
    sum.textContent = r.summary;
    li.append(id, ' ', sev, sum);
    li.addEventListener('click', () => showRule(r.id));
    li.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') showRule(r.id);
    });
    list.append(li);
  }
}

let explainSeq = 0;
async function showRule(id) {
  selectedRule = id;
  for (const li of document.querySelectorAll('#rule-list li')) li.classList.toggle('selected', li.dataset.rule === id);
  const seq = ++explainSeq;
  const msg = await request({ type: 'explain', id });
  if (seq !== explainSeq) return;
  const box = $('#rule-doc');
  box.textContent = '';
  if (msg.error) {
    box.textContent = msg.error;
    return;
  }
  const r = msg.result;
  const h = document.createElement('h2');
  h.textContent = r.id;
  const sum = document.createElement('p');
  sum.className = 'kw-summary';
  sum.textContent = r.summary;
  const dl = document.createElement('p');
  dl.className = 'kw-meta';
  dl.textContent = `${r.category} · ${r.severity}${r.pss ? ` · PSS ${r.pss.level} (${r.pss.check})` : ''} · since ${r.since}${r.status === 'preview' ? ' · preview' : ''}`;
  box.append(h, sum, dl);
  for (const s of r.sections) {
    const h3 = document.createElement('h3');
    h3.textContent = s.title;
    box.append(h3, renderMarkdown(s.body));
  }
  if (r.equivalents.length) {
    const h3 = document.createElement('h3');
    h3.textContent = 'Equivalent checks';
    const ul = document.createElement('ul');
    for (const e of r.equivalents) {
      const li = document.createElement('li');
      li.textContent = `${e.tool}: ${e.id}`;
      ul.append(li);
    }
    box.append(h3, ul);
  }
  const sup = document.createElement('p');
  sup.className = 'kw-meta';
  sup.textContent = `Suppress with the annotation ignore.kubeward.dev/${r.id}: "<reason>"`;
  box.append(sup);
  box.scrollTop = 0;
}

function openRule(id) {
  selectPanel('rules');
  $('#rule-search').value = '';
  renderRuleList();
  showRule(id);
  document.querySelector(`#rule-list li[data-rule="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
}

// ---- RBAC --------------------------------------------------------------------------------

let lastRbac = null;

function onRbac(msg) {
  if (msg.id !== gen) return;
  const box = $('#rbac-graph');
  const paths = $('#rbac-paths');
  const ev = $('#rbac-evidence');
  ev.textContent = '';
  if (msg.error) {
    box.textContent = msg.error;
    return;
  }
  const out = msg.result;
  lastRbac = out;
  window.kwRbac = out;
  $('#tab-rbac .count').textContent = String(out.paths.length);
  $('#rbac-summary').textContent =
    `${out.paths.length} escalation path${out.paths.length === 1 ? '' : 's'} from ${out.objects} RBAC-relevant object${out.objects === 1 ? '' : 's'} ` +
    `(with Kubernetes' built-in roles and bindings) · ${msg.ms.toFixed(1)} ms`;
  drawGraph(box, out.graph, { onEdge: showEdge, onNode: showNode });
  if (!out.graph.nodes.length) {
    box.textContent = 'No escalation paths: nothing in the input lets a subject reach cluster-admin, node root or every Secret.';
  }
  paths.textContent = '';
  out.paths.forEach((p, i) => {
    const li = document.createElement('li');
    li.className = 'kw-path';
    li.tabIndex = 0;
    const subj = p.subject.namespace ? `${p.subject.kind} ${p.subject.namespace}/${p.subject.name}` : `${p.subject.kind} ${p.subject.name}`;
    li.textContent = `${subj} → ${p.target} in ${p.steps.length} step${p.steps.length === 1 ? '' : 's'}: ${p.steps.map((s) => s.technique).join(' → ')}`;
    li.addEventListener('click', () => highlightPath(i));
    paths.append(li);
  });
}

function highlightPath(i) {
  const p = lastRbac?.paths[i];
  if (!p) return;
  const labels = lastRbac.graph.nodes.map((n) => n.label);
  const on = new Set();
  for (const s of p.steps) {
    lastRbac.graph.edges.forEach((e, k) => {
      if (labels[e.from] === s.from && labels[e.to] === s.gains && e.technique === s.technique) on.add(k);
    });
  }
  for (const g of document.querySelectorAll('#rbac-graph .kw-edge')) g.classList.toggle('kw-on', on.has(Number(g.dataset.index)));
  for (const [k, li] of [...document.querySelectorAll('#rbac-paths li')].entries()) li.classList.toggle('selected', k === i);
  const first = [...on][0];
  if (first !== undefined) showEdge(lastRbac.graph.edges[first], first);
}

function showEdge(e, i) {
  for (const g of document.querySelectorAll('#rbac-graph .kw-edge')) g.classList.toggle('kw-sel', Number(g.dataset.index) === i);
  const labels = lastRbac.graph.nodes.map((n) => n.label);
  const box = $('#rbac-evidence');
  box.textContent = '';
  const h = document.createElement('h3');
  h.textContent = `${labels[e.from]} —${e.technique}→ ${labels[e.to]}`;
  const p = document.createElement('p');
  p.textContent = e.summary;
  const ul = document.createElement('ul');
  for (const ev of e.evidence) {
    const li = document.createElement('li');
    li.className = 'kw-evidence';
    if (ev.from !== undefined) {
      const a = document.createElement('a');
      a.href = '#';
      a.textContent = `line ${ev.line}`;
      a.addEventListener('click', (x) => {
        x.preventDefault();
        jumpTo(ev.from, ev.to);
      });
      li.append(a, ` ${ev.kind} ${ev.namespace ? `${ev.namespace}/` : ''}${ev.name ?? ''}${ev.field ? ` ${ev.field}` : ''}${ev.note ? ` (${ev.note})` : ''}`);
    } else {
      li.textContent = ev.text;
    }
    ul.append(li);
  }
  box.append(h, p, ul);
}

function showNode(node, i) {
  const edges = lastRbac.graph.edges;
  for (const g of document.querySelectorAll('#rbac-graph .kw-edge')) {
    const e = edges[Number(g.dataset.index)];
    g.classList.toggle('kw-on', e.from === i || e.to === i);
  }
  const box = $('#rbac-evidence');
  box.textContent = '';
  const h = document.createElement('h3');
  h.textContent = node.label;
  const p = document.createElement('p');
  const outs = edges.filter((e) => e.from === i).map((e) => e.technique);
  const ins = edges.filter((e) => e.to === i).map((e) => e.technique);
  p.textContent = `${node.kind}; reached by ${ins.join(', ') || 'nothing'}; leads on by ${outs.join(', ') || 'nothing'}. Click an edge for its evidence.`;
  box.append(h, p);
}

// ---- panels, options, sharing -------------------------------------------------------------

function selectPanel(name) {
  settings.panel = name;
  for (const t of document.querySelectorAll('.kw-tab')) t.setAttribute('aria-selected', String(t.dataset.panel === name));
  for (const p of document.querySelectorAll('.kw-panel')) p.hidden = p.id !== `panel-${name}`;
  if (name === 'rbac') requestRbac();
  scheduleShare();
}

function fillPssVersions() {
  const sel = $('#pss');
  sel.textContent = '';
  const add = (v, label = v) => {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = label;
    sel.append(o);
  };
  add('latest', `latest (v1.${meta.pssLatest})`);
  for (let m = meta.pssLatest; m >= 0; m--) add(`v1.${m}`);
  sel.value = settings.pss;
  if (sel.value !== settings.pss) settings.pss = sel.value = 'latest';
}

function setStatus(text, error = false) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('kw-error', error);
}

async function currentFragment() {
  return encodeState({ t: view.state.doc.toString(), p: settings.pss, m: settings.minSeverity, v: settings.panel });
}

function scheduleShare() {
  clearTimeout(shareTimer);
  shareTimer = setTimeout(updateFragment, 400);
}

async function updateFragment() {
  clearTimeout(shareTimer);
  const frag = await currentFragment();
  if (frag.length > MAX_FRAGMENT) {
    history.replaceState(null, '', location.pathname + location.search);
    return null;
  }
  history.replaceState(null, '', `#${frag}`);
  return location.href;
}

async function applyState(s) {
  if (typeof s.p === 'string') settings.pss = s.p;
  if (['info', 'warning', 'error'].includes(s.m)) settings.minSeverity = s.m;
  $('#severity').value = settings.minSeverity;
  if ($('#pss').options.length) $('#pss').value = settings.pss;
  setText(typeof s.t === 'string' ? s.t : '');
  selectPanel(['findings', 'rules', 'rbac'].includes(s.v) ? s.v : 'findings');
}

async function main() {
  $('#examples').addEventListener('change', (ev) => {
    const ex = EXAMPLES[ev.target.value];
    ev.target.value = '';
    if (!ex) return;
    setText(ex.text);
    selectPanel(ex.panel || 'findings');
    requestLint();
  });
  for (const [key, ex] of Object.entries(EXAMPLES)) {
    const o = document.createElement('option');
    o.value = key;
    o.textContent = ex.title;
    $('#examples').append(o);
  }
  $('#pss').addEventListener('change', (ev) => {
    settings.pss = ev.target.value;
    gen++;
    requestLint();
    scheduleShare();
  });
  $('#severity').addEventListener('change', (ev) => {
    settings.minSeverity = ev.target.value;
    gen++;
    requestLint();
    scheduleShare();
  });
  for (const t of document.querySelectorAll('.kw-tab')) t.addEventListener('click', () => selectPanel(t.dataset.panel));
  $('#rule-search').addEventListener('input', renderRuleList);
  $('#share').addEventListener('click', async () => {
    const url = await updateFragment();
    if (!url) {
      setStatus('too large to share in a link', true);
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus('link copied');
    } catch {
      setStatus('link in the address bar');
    }
  });
  window.addEventListener('hashchange', async () => {
    const s = await decodeState(location.hash);
    if (s) {
      await applyState(s);
      requestLint();
    }
  });
  window.kwBench = async (text, runs) => (await request({ type: 'bench', id: Math.random(), text, runs, options: options() })).result;

  // The first lint is sent at once: the worker answers it as soon as the wasm is compiled.
  const shared = await decodeState(location.hash);
  if (shared) await applyState(shared);
  else {
    setText(EXAMPLES.insecure.text);
    selectPanel('findings');
  }
  requestLint();
  await readyPromise;
}

main();
