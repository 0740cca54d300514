#!/usr/bin/env python3
"""Runs a composite action's `run:` steps as the GitHub runner does, on this machine.

    run_action.py ACTION_DIR WORKSPACE REPORT.json [INPUT=VALUE...]

Each `run:` step runs in WORKSPACE with `bash --noprofile --norc -eo pipefail`, its `env:` with
the `${{ ... }}` expressions substituted (inputs with their defaults, github.action_path,
github.base_ref from GITHUB_BASE_REF, steps.ID.outputs.NAME from the step's $GITHUB_OUTPUT), and
the runner's files faked: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP. A `uses:` step cannot
run here: it is recorded with its substituted `with:` and `if:`. After a failed step the others
are skipped unless their `if:` has always(), as on GitHub. REPORT.json receives the exit code,
the action's outputs, the summary and the recorded `uses:` steps; the exit code is the action's.
An expression this script does not know is an error, so a typo in action.yml fails the test."""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def main():
    action_dir, workspace, report_path = sys.argv[1:4]
    given = dict(arg.split("=", 1) for arg in sys.argv[4:])
    with open(os.path.join(action_dir, "action.yml")) as f:
        action = yaml.safe_load(f)
    assert action["runs"]["using"] == "composite", "not a composite action"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    for name in given:
        assert name in inputs, f"no input {name}"
    inputs.update(given)
    for name, spec in action["inputs"].items():
        assert not (spec.get("required") and not inputs[name]), f"input {name} is required"

    temp = tempfile.mkdtemp(prefix="runner-")
    summary = os.path.join(temp, "summary.md")
    open(summary, "w").close()
    outputs = {}  # step id -> {name: value}

    def value(expression):
        if expression.startswith("inputs."):
            return inputs[expression[len("inputs."):]]
        if expression == "github.action_path":
            return action_dir
        if expression == "github.base_ref":
            return os.environ.get("GITHUB_BASE_REF", "")
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return outputs.get(match.group(1), {}).get(match.group(2), "")
        raise SystemExit(f"run_action.py: unknown expression `{expression}`")

    def substitute(text):
        return EXPRESSION.sub(lambda m: value(m.group(1)), str(text))

    code = 0
    uses = []
    for index, step in enumerate(action["runs"]["steps"]):
        condition = str(step.get("if", ""))
        if code != 0 and "always()" not in condition:
            continue
        if "uses" in step:
            uses.append({"uses": step["uses"], "if": substitute_condition(condition, substitute),
                         "with": {k: substitute(v) for k, v in step.get("with", {}).items()}})
            continue
        assert step.get("shell") == "bash", f"step {index}: composite run steps need shell: bash"
        output_file = os.path.join(temp, f"output-{index}")
        open(output_file, "w").close()
        env = dict(os.environ)
        env.update({k: substitute(v) for k, v in step.get("env", {}).items()})
        env.update({"GITHUB_OUTPUT": output_file, "GITHUB_STEP_SUMMARY": summary,
                    "RUNNER_TEMP": temp, "GITHUB_ACTION_PATH": action_dir,
                    "GITHUB_WORKSPACE": workspace})
        script = os.path.join(temp, f"step-{index}.sh")
        with open(script, "w") as f:
            f.write(substitute(step["run"]))
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                                cwd=workspace, env=env)
        with open(output_file) as f:
            outputs[step.get("id", str(index))] = dict(
                line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        print(f"run_action.py: step `{step.get('name', index)}` exited {result.returncode}",
              file=sys.stderr)
        if result.returncode != 0 and code == 0:
            code = result.returncode

    with open(summary) as f:
        summary_text = f.read()
    report = {"exit_code": code,
              "outputs": {k: substitute(v["value"]) for k, v in action["outputs"].items()},
              "summary": summary_text, "uses": uses}
    with open(report_path, "w") as f:
        json.dump(report, f, indent=2)
    sys.exit(code)


def substitute_condition(condition, substitute):
    """The `if:` with its expressions' values, for the record (`${{ }}` is optional there)."""
    return re.sub(r"(inputs|steps)\.[\w.-]+",
                  lambda m: repr(substitute("${{ " + m.group(0) + " }}")), condition)


if __name__ == "__main__":
    main()
