// The playground in a real browser (Debian chromium via playwright-core): run after build.sh.
//   node --test web/test/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { start } from './browser.mjs';

const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const INSECURE = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
`;

let env;
before(async () => {
  await mkdir(RESULTS, { recursive: true });
  env = await start();
});
after(async () => env && env.close());

/** The 1-based line of the editor position of a DOM element. */
const lineOf = (page, selector) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const v = window.kwView;
    return v.state.doc.lineAt(v.posAtDOM(el)).number;
  }, selector);

const cursorLine = (page) =>
  page.evaluate(() => window.kwView.state.doc.lineAt(window.kwView.state.selection.main.head).number);

test('lint, hover, findings, rules, RBAC graph, shared link', async () => {
  const { page, errors } = await env.page();
  await page.goto(env.url);
  await page.waitForFunction(() => window.kwReady === true, null, { timeout: 20_000 });

  // Paste an insecure manifest.
  await page.evaluate(() => (window.kwReady = false));
  await page.locator('.cm-content').fill(INSECURE);
  await page.waitForFunction(() => window.kwReady === true);
  assert.equal(await page.evaluate(() => window.kwView.state.doc.toString()), INSECURE);

  // The underline is on `true` of `privileged: true`, line 11, and the list names the rule.
  const range = page.locator('.cm-lintRange-error', { hasText: 'true' });
  await range.first().waitFor();
  assert.equal(await range.count(), 1);
  assert.equal(await lineOf(page, '.cm-lintRange-error'), 11);
  const item = page.locator('#findings-list li[data-rule="pss-privileged"]');
  assert.equal(await item.count(), 1);
  assert.equal(await item.getAttribute('data-line'), '11');
  assert.match(await item.innerText(), /privileged/);
  assert.equal(await page.locator('.cm-lint-marker-error').count(), 1);

  // Hover: message, help and a link to the rule docs.
  await range.first().hover();
  const tip = page.locator('.cm-tooltip-lint');
  await tip.waitFor();
  assert.match(await tip.innerText(), /pss-privileged/);
  assert.match(await tip.innerText(), /help: /);
  await tip.locator('a.kw-tip-docs').first().click();
  await page.locator('#rule-doc h2', { hasText: 'pss-privileged' }).waitFor();
  assert.match(await page.locator('#rule-doc').innerText(), /How to fix/);
  assert.equal(await page.locator('#tab-rules').getAttribute('aria-selected'), 'true');

  // Click a finding: the cursor moves to it.
  await page.locator('#tab-findings').click();
  await page.evaluate(() => window.kwView.dispatch({ selection: { anchor: 0 } }));
  assert.equal(await cursorLine(page), 1);
  await item.click();
  assert.equal(await cursorLine(page), 11);
  assert.equal(
    await page.evaluate(() => {
      const s = window.kwView.state.selection.main;
      return window.kwView.state.sliceDoc(s.from, s.to);
    }),
    'true',
  );

  // A minimum severity of `error` leaves out warnings.
  await page.evaluate(() => (window.kwReady = false));
  await page.selectOption('#severity', 'error');
  await page.waitForFunction(() => window.kwReady === true);
  const sevs = await page.locator('#findings-list li.kw-finding .kw-sev').allInnerTexts();
  assert.ok(sevs.length > 0 && sevs.every((s) => s.toLowerCase() === 'error'), sevs.join());

  // The RBAC example: the chain from ci/runner to cluster-admin is drawn.
  await page.selectOption('#examples', 'rbac');
  await page.locator('#rbac-graph svg .kw-edge').first().waitFor({ state: 'attached' });
  assert.equal(await page.locator('#tab-rbac').getAttribute('aria-selected'), 'true');
  const labels = await page.locator('#rbac-graph .kw-node').evaluateAll((ns) => ns.map((n) => n.dataset.label));
  assert.ok(labels.some((l) => l.includes('ci/runner')), labels.join(' | '));
  assert.ok(labels.includes('cluster-admin'), labels.join(' | '));
  const techniques = await page.locator('#rbac-graph .kw-edge').evaluateAll((es) => es.map((e) => e.dataset.technique));
  assert.ok(techniques.includes('pod-create'), techniques.join());
  // Layered left to right: every edge of the chain points right.
  const xs = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('#rbac-graph .kw-node')].map((n) => n.getBoundingClientRect());
    return [...document.querySelectorAll('#rbac-graph .kw-edge')].map((g) => {
      const e = window.kwRbac.graph.edges[Number(g.dataset.index)];
      return [boxes[e.from].right, boxes[e.to].left];
    });
  });
  assert.ok(xs.length >= 2 && xs.every(([a, b]) => a < b), JSON.stringify(xs));
  const pathText = await page.locator('#rbac-paths li').allInnerTexts();
  assert.ok(pathText.some((t) => /runner → cluster-admin/.test(t)), pathText.join('\n'));
  // Click the pod-create edge: its evidence, with a jump into the editor.
  await page.locator('#rbac-graph .kw-edge[data-technique="pod-create"]').first().dispatchEvent('click');
  const evidence = page.locator('#rbac-evidence li.kw-evidence', { hasText: 'RoleBinding ci/runner-runs-pods' });
  await evidence.waitFor();
  await evidence.locator('a').click();
  const bindingLine = await page.evaluate(() => {
    const d = window.kwView.state.doc.toString();
    return d.slice(0, d.indexOf('name: runner-runs-pods')).split('\n').length;
  });
  const at = await cursorLine(page);
  assert.ok(at > bindingLine - 5 && at <= bindingLine + 12, `cursor on line ${at}, binding on ${bindingLine}`);

  // The shared link: wait for the fragment, then load it in a fresh page.
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  await page.waitForTimeout(600); // the fragment is rewritten 400 ms after the last change
  const shared = await page.evaluate(() => location.href);
  const text = await page.evaluate(() => window.kwView.state.doc.toString());
  await page.screenshot({ path: `${RESULTS}playground-rbac.png` });

  const second = await env.page();
  await second.page.goto(shared);
  await second.page.waitForFunction(() => window.kwReady === true, null, { timeout: 20_000 });
  assert.equal(await second.page.evaluate(() => window.kwView.state.doc.toString()), text);
  assert.equal(await second.page.inputValue('#severity'), 'error');
  assert.equal(await second.page.locator('#tab-rbac').getAttribute('aria-selected'), 'true');
  await second.page.locator('#rbac-graph svg .kw-edge[data-technique="pod-create"]').first().waitFor({ state: 'attached' });
  // And a reload of the same page.
  await page.reload();
  await page.waitForFunction(() => window.kwReady === true, null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => window.kwView.state.doc.toString()), text);

  // Control-plane example lints.
  await page.selectOption('#severity', 'info');
  await page.evaluate(() => (window.kwReady = false));
  await page.selectOption('#examples', 'controlplane');
  await page.waitForFunction(() => window.kwReady === true);
  assert.ok((await page.locator('#findings-list li.kw-finding').count()) > 0);
  await page.screenshot({ path: `${RESULTS}playground-findings.png` });

  assert.deepEqual(errors, []);
  assert.deepEqual(second.errors, []);
});

test('quoted "yes" is a string: no finding; bad YAML does not break the page', async () => {
  const { page, errors } = await env.page();
  await page.goto(env.url);
  await page.waitForFunction(() => window.kwReady === true, null, { timeout: 20_000 });
  const pod = (v) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: ${v}\n  containers: [{name: a, image: nginx}]\n`;
  await page.evaluate(() => (window.kwReady = false));
  await page.locator('.cm-content').fill(pod('yes'));
  await page.waitForFunction(() => window.kwReady === true);
  assert.equal(await page.locator('#findings-list li[data-rule="pss-host-namespaces"]').count(), 1);
  await page.evaluate(() => (window.kwReady = false));
  await page.locator('.cm-content').fill(pod('"yes"'));
  await page.waitForFunction(() => window.kwReady === true);
  assert.equal(await page.locator('#findings-list li[data-rule="pss-host-namespaces"]').count(), 0);
  await page.evaluate(() => (window.kwReady = false));
  await page.locator('.cm-content').fill('a: [\n  b: {\n\u0000é😀: x\n');
  await page.waitForFunction(() => window.kwReady === true);
  assert.ok((await page.locator('#findings-list li.kw-finding').count()) > 0);
  assert.deepEqual(errors, []);
});
