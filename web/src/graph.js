// Draws the RBAC escalation graph as SVG: a simple layered layout, left to right. Subjects
// start on the left, targets end on the right, hubs and intermediate identities in between.

const SVG = 'http://www.w3.org/2000/svg';
const NODE_H = 30;
const LAYER_GAP = 140; // room for the technique labels
const ROW_GAP = 22;
const CHAR_W = 7.2;

function el(name, attrs = {}, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

/** Layers (columns) and their order. Exported for tests. */
export function layout(graph) {
  const n = graph.nodes.length;
  const out = Array.from({ length: n }, () => []);
  const inn = Array.from({ length: n }, () => []);
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    out[e.from].push(e.to);
    inn[e.to].push(e.from);
  }
  // Longest-path layering over the graph without its back edges (found by a DFS from the
  // subjects first), so that every edge that is not a back edge points to the right.
  const layer = new Array(n).fill(0);
  const state = new Array(n).fill(0); // 0 new, 1 on the stack, 2 done
  const order = [];
  const back = new Set();
  const visit = (root) => {
    const stack = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, k] = top;
      if (k < out[v].length) {
        top[1]++;
        const w = out[v][k];
        if (state[w] === 1) back.add(`${v}>${w}`);
        else if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        order.push(v);
        stack.pop();
      }
    }
  };
  const roots = graph.nodes.map((_, i) => i).sort((a, b) => (graph.nodes[b].kind === 'subject') - (graph.nodes[a].kind === 'subject') || inn[a].length - inn[b].length);
  for (const r of roots) if (state[r] === 0) visit(r);
  for (const v of order.reverse()) {
    for (const w of out[v]) if (!back.has(`${v}>${w}`)) layer[w] = Math.max(layer[w], layer[v] + 1);
  }
  // Targets share the last column.
  const last = Math.max(1, ...graph.nodes.map((node, i) => (node.kind === 'target' ? 0 : layer[i] + 1)));
  graph.nodes.forEach((node, i) => {
    if (node.kind === 'target') layer[i] = last;
  });
  const columns = [];
  for (let i = 0; i < n; i++) (columns[layer[i]] ||= []).push(i);
  for (let c = 0; c < columns.length; c++) columns[c] ||= [];
  // Two barycenter sweeps to reduce crossings.
  const pos = new Array(n).fill(0);
  const setPos = () => columns.forEach((col) => col.forEach((v, k) => (pos[v] = k)));
  setPos();
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let c = 1; c < columns.length; c++) {
      const bary = (v) => {
        const ps = inn[v].filter((u) => layer[u] < c);
        return ps.length ? ps.reduce((s, u) => s + pos[u], 0) / ps.length : pos[v];
      };
      columns[c].sort((a, b) => bary(a) - bary(b) || a - b);
      setPos();
    }
  }
  return { layer, columns };
}

/**
 * Renders `graph` ({nodes, edges}) into `container`. `onEdge(edge, i)` and `onNode(node, i)` are
 * called on click.
 */
export function drawGraph(container, graph, { onEdge, onNode } = {}) {
  container.textContent = '';
  if (!graph.nodes.length) return null;
  const { columns } = layout(graph);
  const width = (i) => Math.max(90, graph.nodes[i].label.length * CHAR_W + 24);
  const colW = columns.map((col) => Math.max(0, ...col.map(width)));
  const colX = [];
  let x = 20;
  for (let c = 0; c < columns.length; c++) {
    colX.push(x);
    x += colW[c] + LAYER_GAP;
  }
  const tallest = Math.max(...columns.map((c) => c.length));
  const height = tallest * (NODE_H + ROW_GAP) + 40;
  const box = [];
  columns.forEach((col, c) => {
    const top = (height - col.length * (NODE_H + ROW_GAP) + ROW_GAP) / 2;
    col.forEach((v, k) => {
      const w = width(v);
      box[v] = { x: colX[c] + (colW[c] - w) / 2, y: top + k * (NODE_H + ROW_GAP), w, h: NODE_H, c };
    });
  });
  const totalW = x - LAYER_GAP + 20;
  const svg = el('svg', {
    xmlns: SVG,
    viewBox: `0 0 ${totalW} ${height}`,
    width: totalW,
    height,
    class: 'kw-graph',
    role: 'img',
    'aria-label': 'RBAC escalation graph',
  }, container);
  const defs = el('defs', {}, svg);
  const marker = el('marker', {
    id: 'kw-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'kw-arrowhead' }, marker);

  const edgeLayer = el('g', { class: 'kw-edges' }, svg);
  const nodeLayer = el('g', { class: 'kw-nodes' }, svg);
  const labelLayer = el('g', { class: 'kw-labels' }, svg);

  // Several edges between the same pair are fanned out.
  const pairCount = new Map();
  graph.edges.forEach((e, i) => {
    const a = box[e.from];
    const b = box[e.to];
    if (!a || !b) return;
    const key = `${e.from}-${e.to}`;
    const k = pairCount.get(key) || 0;
    pairCount.set(key, k + 1);
    const bend = k * 18;
    let d;
    let mid;
    if (b.c > a.c) {
      const x1 = a.x + a.w;
      const y1 = a.y + a.h / 2;
      const x2 = b.x;
      const y2 = b.y + b.h / 2;
      const dx = (x2 - x1) / 2;
      d = `M${x1},${y1} C${x1 + dx},${y1 + bend} ${x2 - dx},${y2 + bend} ${x2},${y2}`;
      mid = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 + bend * 0.75 };
    } else {
      // Same column or backwards: an arc below the boxes.
      const x1 = a.x + a.w / 2;
      const y1 = a.y + a.h;
      const x2 = b.x + b.w / 2;
      const y2 = b.y + b.h;
      const drop = 40 + bend;
      d = `M${x1},${y1} C${x1},${y1 + drop} ${x2},${y2 + drop} ${x2},${y2}`;
      mid = { x: (x1 + x2) / 2, y: Math.max(y1, y2) + drop * 0.75 };
    }
    const g = el('g', { class: 'kw-edge', 'data-technique': e.technique, 'data-index': i, tabindex: 0 }, edgeLayer);
    el('path', { d, class: 'kw-edge-hit' }, g);
    el('path', { d, class: 'kw-edge-line', 'marker-end': 'url(#kw-arrow)' }, g);
    const title = el('title', {}, g);
    title.textContent = `${e.technique}: ${e.summary}`;
    const lg = el('g', { class: 'kw-edge-label', 'data-index': i }, labelLayer);
    const t = el('text', { x: mid.x, y: mid.y - 4, 'text-anchor': 'middle' }, lg);
    t.textContent = e.technique;
    const activate = () => onEdge && onEdge(e, i);
    g.addEventListener('click', activate);
    lg.addEventListener('click', activate);
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') activate();
    });
  });

  graph.nodes.forEach((node, i) => {
    const b = box[i];
    const g = el('g', { class: `kw-node kw-node-${node.kind}`, 'data-label': node.label, transform: `translate(${b.x},${b.y})`, tabindex: 0 }, nodeLayer);
    el('rect', { width: b.w, height: b.h, rx: node.kind === 'target' ? 15 : 5 }, g);
    const t = el('text', { x: b.w / 2, y: b.h / 2 + 4, 'text-anchor': 'middle' }, g);
    t.textContent = node.label;
    g.addEventListener('click', () => onNode && onNode(node, i));
  });
  return svg;
}
