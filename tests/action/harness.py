"""Runs the composite action.yml locally, as the Actions runner would, and checks what it does.

Each step's `run` is executed with bash, under its declared `env` with the `${{ }}` expressions
substituted (inputs with their defaults, github.action_path/action_ref, earlier steps' outputs),
and with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP set. The action's outputs are then
computed from its `outputs:` map. No Docker or `act` is needed.

usage: python harness.py REPO KUBEWARD_BIN
"""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

REPO = os.path.abspath(sys.argv[1])
KUBEWARD = os.path.abspath(sys.argv[2])
ACTION = yaml.safe_load(open(os.path.join(REPO, "action.yml"), encoding="utf-8"))
EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
failures = []
passed = 0


def read_outputs(path):
    """Parses a GITHUB_OUTPUT file (name=value lines; heredoc form is not used by the action)."""
    out = {}
    for line in open(path, encoding="utf-8").read().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
    return out


def run_action(inputs, workspace, env_extra=None, action_ref=""):
    """Runs every step; returns (failed step id or None, outputs, stdout, summary)."""
    for name in inputs:
        assert name in ACTION["inputs"], f"unknown input {name}"
    values = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    values.update(inputs)
    runner_temp = tempfile.mkdtemp(prefix="runner-temp-")
    summary = os.path.join(runner_temp, "step-summary.md")
    open(summary, "w").close()
    steps_out = {}
    stdout = ""
    failed = None

    def evaluate(expr):
        if expr.startswith("inputs."):
            return values[expr[len("inputs."):]]
        if expr == "github.action_path":
            return REPO
        if expr == "github.action_ref":
            return action_ref
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if m:
            return steps_out.get(m.group(1), {}).get(m.group(2), "")
        raise AssertionError(f"expression the harness does not know: {expr}")

    for step in ACTION["runs"]["steps"]:
        assert step.get("shell") == "bash", f"step {step['id']}: shell must be bash"
        assert "${{" not in step["run"], f"step {step['id']}: no expressions inside run:"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
        env.update(env_extra or {})
        output_file = os.path.join(runner_temp, f"output-{step['id']}")
        open(output_file, "w").close()
        env.update(
            GITHUB_OUTPUT=output_file,
            GITHUB_STEP_SUMMARY=summary,
            RUNNER_TEMP=runner_temp,
            GITHUB_WORKSPACE=workspace,
            GITHUB_ACTION_PATH=REPO,
        )
        for k, v in (step.get("env") or {}).items():
            env[k] = EXPR.sub(lambda m: evaluate(m.group(1)), str(v))
        p = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace, env=env, capture_output=True, text=True, timeout=1800,
        )
        stdout += p.stdout + p.stderr
        steps_out[step["id"]] = read_outputs(output_file)
        if p.returncode != 0:
            failed = step["id"]
            break
    outputs = {
        k: EXPR.sub(lambda m: evaluate(m.group(1)), v["value"]) for k, v in ACTION["outputs"].items()
    }
    text = open(summary, encoding="utf-8").read()
    shutil.rmtree(runner_temp, ignore_errors=True)
    return failed, outputs, stdout, text


def check(name, cond, detail=""):
    global passed
    if cond:
        passed += 1
        print(f"ok: {name}")
    else:
        failures.append(name)
        print(f"FAIL: {name}\n{detail}")


def scratch(prefix):
    """A temporary directory removed when the harness exits, pass or fail."""
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def workspace():
    ws = scratch("action-ws-")
    shutil.copytree(os.path.join(REPO, "examples", "insecure"), os.path.join(ws, "insecure"))
    shutil.copytree(os.path.join(REPO, "examples", "hardened"), os.path.join(ws, "hardened"))
    return ws


bindir = scratch("kubeward-bin-")
shutil.copy(KUBEWARD, os.path.join(bindir, "kubeward"))
system = {"PATH": bindir + os.pathsep + os.environ["PATH"]}

# 1. Defaults (format github): annotations, SARIF file, outputs, summary, and a failing step.
ws = workspace()
failed, outputs, log, summary = run_action(
    {"version": "system", "paths": "insecure\nhardened"}, ws, system)
check("findings fail the lint step", failed == "lint", log)
check("exit-code output is 1", outputs["exit-code"] == "1", outputs)
sarif_path = os.path.join(ws, outputs["sarif-file"])
check("sarif-file output names the written file",
      outputs["sarif-file"] == "kubeward.sarif" and os.path.isfile(sarif_path), outputs)
sarif = json.load(open(sarif_path, encoding="utf-8")) if os.path.isfile(sarif_path) else {}
results = sarif.get("runs", [{}])[0].get("results", [])
check("findings output counts the SARIF results", outputs["findings"] == str(len(results)) and results,
      (outputs, len(results)))
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
check("SARIF uris are workspace-relative", uris and all(u.startswith("insecure/") for u in uris), uris)
annotations = [line for line in log.splitlines() if line.startswith(("::error ", "::warning "))]
check("one annotation per finding", len(annotations) == len(results), log)
check("annotations point at files and lines",
      any(a.startswith("::error file=insecure/agent.yaml,line=") for a in annotations), log)
check("step summary has the counts table", "| errors | warnings |" in summary, summary)
check("the install step reports the version", "kubeward 0." in log, log)

# 2. fail-on-findings: false keeps the step green but reports the exit code.
failed, outputs, log, _ = run_action(
    {"version": "system", "paths": "insecure", "fail-on-findings": "false"}, workspace(), system)
check("fail-on-findings false: step succeeds", failed is None, log)
check("fail-on-findings false: exit-code is still 1", outputs["exit-code"] == "1", outputs)

# 3. format sarif: no annotations in the log; a custom sarif-file.
ws = workspace()
failed, outputs, log, _ = run_action(
    {"version": "system", "paths": "insecure", "format": "sarif", "sarif-file": "out/k.sarif"}, ws,
    system)
check("format sarif prints no annotations", "::error file=" not in log, log)
check("custom sarif-file", outputs["sarif-file"] == "out/k.sarif" and
      os.path.isfile(os.path.join(ws, "out", "k.sarif")), (outputs, log))

# 4. A clean tree passes; min-severity and config reach kubeward.
failed, outputs, log, _ = run_action({"version": "system", "paths": "hardened"}, workspace(), system)
check("clean paths: step succeeds with 0 findings",
      failed is None and outputs["findings"] == "0" and outputs["exit-code"] == "0", (outputs, log))
ws = workspace()
with open(os.path.join(ws, "kw.yaml"), "w", encoding="utf-8") as f:
    f.write("rules:\n  pss-privileged: off\n")
_, outputs_cfg, log, _ = run_action(
    {"version": "system", "paths": "insecure", "config": "kw.yaml", "min-severity": "error"}, ws, system)
_, outputs_err, _, _ = run_action(
    {"version": "system", "paths": "insecure", "min-severity": "error"}, workspace(), system)
check("min-severity error counts only errors, config turns a rule off",
      0 < int(outputs_cfg["findings"]) < int(outputs_err["findings"]), (outputs_cfg, outputs_err, log))

# 5. Inputs are data, never code.
ws = workspace()
failed, outputs, log, _ = run_action(
    {"version": "system", "paths": "$(touch pwned1) `touch pwned2` ;touch${IFS}pwned3 *"}, ws, system)
check("shell syntax in paths is not executed",
      not any(os.path.exists(os.path.join(ws, f)) for f in ("pwned1", "pwned2", "pwned3")), os.listdir(ws))
check("unreadable paths exit 2", failed == "lint" and outputs["exit-code"] == "2", (outputs, log))
failed, _, log, _ = run_action({"version": "system", "format": "xml"}, workspace(), system)
check("an unknown format is an error annotation", failed == "lint" and "::error title=kubeward action::unknown format" in log, log)
failed, _, log, _ = run_action({"version": "latest-ish"}, workspace(), system)
check("an unknown version is an error", failed == "install" and "unknown version" in log, log)
failed, _, log, _ = run_action({"version": "system"}, workspace(), {"PATH": "/usr/bin:/bin"})
check("version system without kubeward on PATH is an error",
      failed == "install" and "no kubeward on PATH" in log, log)

# 6. version: source builds the action's checkout with cargo (slow: opt-in).
if os.environ.get("KUBEWARD_ACTION_SOURCE_BUILD") == "1":
    failed, outputs, log, _ = run_action({"version": "source", "paths": "hardened"}, workspace())
    check("version source: cargo install of the action's checkout, then a clean lint",
          failed is None and outputs["exit-code"] == "0", log)
else:
    print("SKIP version: source (set KUBEWARD_ACTION_SOURCE_BUILD=1 to build with cargo install)")

print(f"action: {passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
