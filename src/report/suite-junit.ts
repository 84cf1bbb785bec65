import type { SuiteCaseRow } from "./suite-summary.js";
import { caseExpectation, caseLabel, caseSlug, type Suite } from "../scenarios/suites.js";
import { esc, junitDocument, type JunitPart } from "./junit.js";

/**
 * A suite's JUnit XML: one test case per suite case, judged by its outcome, not by the
 * scenario's own verdict: a bug that is reproduced passes (the harness caught it), a correct
 * candidate that passes passes; a missed bug or a false alarm is a failure, an inconclusive
 * case an error. Each test case names the checkers that failed and its run directory.
 */
export function renderSuiteJunit(suite: Suite, results: readonly SuiteCaseRow[]): string {
  return junitDocument(`splitbrain.suite.${suite.name}`, [suiteJunitPart(suite, results)]);
}

/** The suite's test suite (renderSuiteJunit wraps it). */
export function suiteJunitPart(suite: Suite, results: readonly SuiteCaseRow[]): JunitPart {
  const name = `splitbrain.suite.${suite.name}`;
  let failures = 0;
  let errors = 0;
  const cases = results.map((r) => {
    const got = r.failed.length > 0 ? `failed: ${r.failed.join(", ")}` : "no checker failed";
    const detail = `${caseLabel(r.case)} in ${r.case.scenario}: expected to ${caseExpectation(r.case)}; ${got}; seed ${r.result.seed}; ${r.result.runDir}`;
    const head = `    <testcase classname="${esc(`${name}.${r.case.incident}`)}" name="${esc(`${caseSlug(r.case, ".")}${r.index !== undefined ? `.${r.index}` : ""}`)}" time="${r.seconds.toFixed(3)}">`;
    if (r.outcome === "reproduced" || r.outcome === "passed") return `${head}\n      <system-out>${esc(`${r.outcome}: ${detail}`)}</system-out>\n    </testcase>`;
    if (r.outcome === "inconclusive") {
      errors += 1;
      const why = r.result.inconclusive ?? "a checker could not decide";
      return `${head}\n      <error message="${esc(why.split("\n")[0] ?? "")}" type="inconclusive">${esc(`${detail}\n${why}`)}</error>\n    </testcase>`;
    }
    failures += 1;
    const message = r.outcome === "missed" ? `bug not reproduced (${got})` : `false alarm (${got})`;
    return `${head}\n      <failure message="${esc(message)}" type="${r.outcome}">${esc(detail)}</failure>\n    </testcase>`;
  });
  const total = results.reduce((sum, r) => sum + r.seconds, 0);
  const seed = results[0]?.result.seed;
  const body = `  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${total.toFixed(3)}">
    <properties>
      <property name="summary" value="${esc(suite.summary)}"/>${seed !== undefined ? `\n      <property name="seed" value="${seed}"/>` : ""}
    </properties>
${cases.join("\n")}
  </testsuite>`;
  return { suites: [body], tests: cases.length, failures, errors, seconds: total };
}
