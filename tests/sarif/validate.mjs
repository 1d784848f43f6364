// Validates SARIF logs written by `kubeward lint --format sarif` against the official SARIF 2.1.0
// JSON schema (the copy shipped in @microsoft/sarif-multitool-linux), then checks what GitHub code
// scanning requires beyond the schema (docs.github.com "SARIF support for code scanning").
//
// usage: node validate.mjs FILE.sarif...   (exit 0 when every file is valid)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

// GitHub's own rules, asserted here because no offline tool applies them.
function githubChecks(log) {
  const errors = [];
  const fail = (msg) => errors.push(msg);
  if (log.version !== '2.1.0') fail(`version is ${log.version}`);
  if (log.runs.length !== 1) fail(`${log.runs.length} runs, expected 1`);
  for (const run of log.runs) {
    const driver = run.tool.driver;
    if (driver.name !== 'kubeward') fail(`driver.name ${driver.name}`);
    if (run.columnKind !== 'unicodeCodePoints') fail('columnKind must be unicodeCodePoints');
    const rules = driver.rules ?? [];
    const ids = rules.map((r) => r.id);
    if (new Set(ids).size !== ids.length) fail('duplicate rule ids in driver.rules');
    if ([...ids].sort().join() !== ids.join()) fail('driver.rules not sorted by id');
    for (const r of rules) {
      const p = r.properties ?? {};
      if (!r.shortDescription?.text) fail(`${r.id}: no shortDescription`);
      if (!r.fullDescription?.text) fail(`${r.id}: no fullDescription`);
      if (!r.help?.text || !r.help?.markdown) fail(`${r.id}: help needs text and markdown`);
      if (!r.helpUri) fail(`${r.id}: no helpUri`);
      if (!['error', 'warning', 'note'].includes(r.defaultConfiguration?.level))
        fail(`${r.id}: defaultConfiguration.level`);
      if (!Array.isArray(p.tags) || p.tags.length === 0 || p.tags.length > 20)
        fail(`${r.id}: tags must be 1..=20`);
      const s = p['security-severity'];
      if (s !== undefined) {
        const n = Number(s);
        if (typeof s !== 'string' || !(n >= 0.1 && n <= 10)) fail(`${r.id}: security-severity ${s}`);
        if (!p.tags.includes('security')) fail(`${r.id}: security-severity without the security tag`);
      }
    }
    if (run.results.length > 25000) fail(`${run.results.length} results (GitHub reads 25,000)`);
    const fingerprints = new Set();
    run.results.forEach((res, i) => {
      const where = `result ${i} (${res.ruleId})`;
      if (ids[res.ruleIndex] !== res.ruleId) fail(`${where}: ruleIndex ${res.ruleIndex} is ${ids[res.ruleIndex]}`);
      if (!['error', 'warning', 'note'].includes(res.level)) fail(`${where}: level ${res.level}`);
      if (!res.message?.text) fail(`${where}: empty message`);
      const loc = res.locations?.[0]?.physicalLocation;
      if (!loc) return fail(`${where}: no physicalLocation`);
      const { uri, uriBaseId } = loc.artifactLocation;
      if (uri.includes('\\') || uri.startsWith('./')) fail(`${where}: uri ${uri}`);
      if (!/^[a-z]+:/.test(uri) && uri !== 'stdin' && uriBaseId !== '%SRCROOT%')
        fail(`${where}: relative uri without %SRCROOT%`);
      const g = loc.region;
      if (!(g.startLine >= 1 && g.startColumn >= 1 && g.endLine >= g.startLine))
        fail(`${where}: region ${JSON.stringify(g)}`);
      if (g.endLine === g.startLine && !(g.endColumn > g.startColumn))
        fail(`${where}: endColumn is exclusive, must exceed startColumn: ${JSON.stringify(g)}`);
      const fp = res.partialFingerprints?.['kubeward/v1'];
      if (!fp) fail(`${where}: no kubeward/v1 fingerprint`);
      else if (fingerprints.has(fp)) fail(`${where}: duplicate fingerprint ${fp}`);
      fingerprints.add(fp);
      for (const s of res.suppressions ?? []) {
        if (!s.justification) fail(`${where}: suppression without justification`);
      }
    });
  }
  return errors;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE.sarif...');
  process.exit(2);
}
let bad = 0;
for (const file of files) {
  let log;
  try {
    log = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: not JSON: ${e.message}`);
    bad++;
    continue;
  }
  const errors = [];
  if (!validate(log)) {
    for (const e of validate.errors.slice(0, 20)) errors.push(`schema: ${e.instancePath} ${e.message}`);
  } else {
    errors.push(...githubChecks(log));
  }
  const results = log.runs?.[0]?.results?.length ?? 0;
  const rules = log.runs?.[0]?.tool?.driver?.rules?.length ?? 0;
  if (errors.length) {
    bad++;
    console.error(`${file}: INVALID`);
    for (const e of errors.slice(0, 20)) console.error(`  ${e}`);
  } else {
    console.log(`${file}: valid SARIF 2.1.0 (${results} results, ${rules} rules)`);
  }
}
console.log(`sarif: ${files.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
