import type { CheckerResult, Validity } from "../checkers/types.js";

/** One scenario's outcome, as JUnit sees it: a test case per checker. */
export interface JunitScenario {
  scenario: string;
  seed: number;
  runDir: string;
  /** Seconds the scenario took. */
  seconds: number;
  checkers: Record<string, CheckerResult>;
  /** Why the run itself could not be completed, if it could not. */
  inconclusive?: string;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    // XML 1.0 has no place for most control characters.
    .replace(CONTROL, "");
}

/** Warnings listed per test case at most. */
const MAX_WARNINGS = 20;

function outcome(valid: Validity): "pass" | "failure" | "error" {
  return valid === true ? "pass" : valid === false ? "failure" : "error";
}

/**
 * JUnit XML (the testsuites/testsuite/testcase/failure shape CI systems read): a testsuite per
 * scenario, a testcase per checker; violations are failures, an undecided checker or a run that
 * could not complete is an error.
 */
export function renderJunit(scenarios: readonly JunitScenario[], name = "splitbrain"): string {
  return junitDocument(name, [junitScenariosPart(scenarios, name)]);
}

/**
 * Test suites before they are wrapped in a document, with their counts: what each renderer
 * makes, so that `merge` puts several under one root without reading XML back.
 */
export interface JunitPart {
  suites: string[];
  tests: number;
  failures: number;
  errors: number;
  seconds: number;
}

/** A JUnit document: every part's test suites under one root named `name`, the counts added up. */
export function junitDocument(name: string, parts: readonly JunitPart[]): string {
  const sum = (f: (p: JunitPart) => number): number => parts.reduce((n, p) => n + f(p), 0);
  const inner = parts.flatMap((p) => p.suites).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${esc(name)}" tests="${sum((p) => p.tests)}" failures="${sum((p) => p.failures)}" errors="${sum((p) => p.errors)}" time="${sum((p) => p.seconds).toFixed(3)}">\n${inner}${inner === "" ? "" : "\n"}</testsuites>\n`;
}

/** The scenarios' test suites: one per scenario, a test case per checker. */
export function junitScenariosPart(scenarios: readonly JunitScenario[], name = "splitbrain"): JunitPart {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites = scenarios.map((s) => {
    const cases: string[] = [];
    let sf = 0;
    let se = 0;
    const entries = Object.entries(s.checkers);
    for (const [checker, r] of entries) {
      const kind = outcome(r.valid);
      const time = (s.seconds / Math.max(1, entries.length)).toFixed(3);
      const head = `    <testcase classname="${esc(`${name}.${s.scenario}`)}" name="${esc(checker)}" time="${time}">`;
      // Warnings (fenced, frozen-leader and possible overlaps) go with every outcome: a possible
      // overlap's bounds and answers are what a reader of an inconclusive gate needs.
      const warnings = r.warnings.slice(0, MAX_WARNINGS).map((w) => `warning: ${w.message}`);
      if (r.warningCount > warnings.length && warnings.length > 0) warnings.push(`... ${r.warningCount - warnings.length} more warnings`);
      if (kind === "pass") {
        cases.push(`${head}\n      <system-out>${esc([r.summary, ...warnings].join("\n"))}</system-out>\n    </testcase>`);
      } else if (kind === "failure") {
        sf += 1;
        const body = [r.summary, ...r.violations.map((v) => v.message), r.violationCount > r.violations.length ? `... ${r.violationCount - r.violations.length} more` : ""]
          .filter((l) => l !== "")
          .join("\n");
        cases.push(`${head}\n      <failure message="${esc(r.summary)}" type="${esc(checker)}">${esc(body)}\n(run directory: ${esc(s.runDir)}, seed ${s.seed})</failure>\n    </testcase>`);
      } else {
        se += 1;
        cases.push(`${head}\n      <error message="${esc(r.error ?? r.summary)}" type="inconclusive">${esc([r.summary, ...warnings].join("\n"))}</error>\n    </testcase>`);
      }
    }
    if (s.inconclusive !== undefined) {
      se += 1;
      cases.push(
        `    <testcase classname="${esc(`${name}.${s.scenario}`)}" name="run" time="0">\n      <error message="${esc(s.inconclusive.split("\n")[0] ?? "")}" type="inconclusive">${esc(s.inconclusive)}</error>\n    </testcase>`,
      );
    }
    tests += cases.length;
    failures += sf;
    errors += se;
    return `  <testsuite name="${esc(`${name}.${s.scenario}`)}" tests="${cases.length}" failures="${sf}" errors="${se}" skipped="0" time="${s.seconds.toFixed(3)}">\n    <properties>\n      <property name="seed" value="${s.seed}"/>\n      <property name="runDir" value="${esc(s.runDir)}"/>\n    </properties>\n${cases.join("\n")}\n  </testsuite>`;
  });
  return { suites, tests, failures, errors, seconds: scenarios.reduce((sum, s) => sum + s.seconds, 0) };
}
