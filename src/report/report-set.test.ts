import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UnwritableOutputError } from "../errors/file-system.js";
import { NODE_REPORT_FS, writeReportFile, writeReportSet, type ReportFs } from "./report-set.js";

/** An in-memory directory whose writes fail on the paths `failOn` says. */
function memoryFs(files: Record<string, string>, failOn: { write?: RegExp; rename?: RegExp; code?: string }): ReportFs {
  const fail = (path: string): never => {
    throw Object.assign(new Error(`injected failure on ${path}`), { code: failOn.code ?? "ENOSPC", path });
  };
  return {
    kind: async (path) => (path in files ? "file" : "missing"),
    mkdir: async () => undefined,
    writeFile: async (path, content) => {
      if (failOn.write?.test(path)) {
        files[path] = content.slice(0, 3); // a full disk leaves a truncated file
        fail(path);
      }
      files[path] = content;
    },
    rename: async (from, to) => {
      if (failOn.rename?.test(to)) fail(to);
      files[to] = files[from] as string;
      delete files[from];
    },
    remove: async (path) => {
      delete files[path];
    },
  };
}

const OLD = { "/d/verdict.json": "old pass", "/d/junit.xml": "old pass", "/d/timeline.html": "old pass" };
const NEW = [
  { path: "/d/verdict.json", render: () => "new fail" },
  { path: "/d/junit.xml", render: () => "new fail" },
];
const TIMELINE = [{ path: "/d/timeline.html", render: () => "new fail" }];

describe("writeReportSet", () => {
  it("replaces the whole set and leaves no temporary file", async () => {
    const files: Record<string, string> = { ...OLD };
    const r = await writeReportSet(NEW, TIMELINE, memoryFs(files, {}));
    expect(r).toEqual({ written: ["/d/verdict.json", "/d/junit.xml", "/d/timeline.html"], skipped: [] });
    expect(files).toEqual({ "/d/verdict.json": "new fail", "/d/junit.xml": "new fail", "/d/timeline.html": "new fail" });
  });

  it("keeps the old set untouched when a required file cannot be written (full disk on junit.xml)", async () => {
    const files: Record<string, string> = { ...OLD };
    const err = await writeReportSet(NEW, TIMELINE, memoryFs(files, { write: /junit/ })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnwritableOutputError);
    expect((err as Error).message).toBe("cannot write /d/junit.xml: no space left on the device; free space on that disk (df -h shows it), or write to another disk");
    expect(files).toEqual(OLD);
  });

  it("writes verdict.json and junit.xml when timeline.html fails, and removes the old timeline (it would disagree)", async () => {
    const files: Record<string, string> = { ...OLD };
    const boom = [{ path: "/d/timeline.html", render: (): string => "x".repeat(-1) }];
    const r = await writeReportSet(NEW, boom, memoryFs(files, {}));
    expect(r.written).toEqual(["/d/verdict.json", "/d/junit.xml"]);
    expect(r.skipped.map((s) => s.path)).toEqual(["/d/timeline.html"]);
    expect(r.skipped[0]?.error).toBeInstanceOf(RangeError);
    expect(files).toEqual({ "/d/verdict.json": "new fail", "/d/junit.xml": "new fail" });
  });

  it("removes what it already replaced when a rename fails midway: part of the old set, never a mix", async () => {
    const files: Record<string, string> = { ...OLD };
    const err = await writeReportSet(NEW, TIMELINE, memoryFs(files, { rename: /junit/, code: "EACCES" })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^cannot write \/d\/junit\.xml: permission denied; /);
    expect(files).toEqual({ "/d/junit.xml": "old pass", "/d/timeline.html": "old pass" });
  });

  it("on a real directory: a directory where junit.xml goes leaves the old set and no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-set-"));
    writeFileSync(join(dir, "verdict.json"), "old");
    mkdirSync(join(dir, "junit.xml"));
    const err = await writeReportSet(
      [
        { path: join(dir, "verdict.json"), render: () => "new" },
        { path: join(dir, "junit.xml"), render: () => "new" },
      ],
      [],
      NODE_REPORT_FS,
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`cannot write ${join(dir, "junit.xml")}: is a directory; a file is written at that path: remove or rename the directory`);
    expect(readFileSync(join(dir, "verdict.json"), "utf8")).toBe("old");
    expect(readdirSync(dir).sort()).toEqual(["junit.xml", "verdict.json"]);
  });
});

describe("one file written like a report set (run --junit, suite-<name>.json, merge --junit)", () => {
  it("a path under a file: one error naming the path and the fix, the directory left clean", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-report-file-"));
    writeFileSync(join(dir, "file"), "");
    const path = join(dir, "file", "junit.xml");
    const err = await writeReportFile(path, "<testsuites/>").catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(UnwritableOutputError);
    expect((err as Error).message).toBe(`cannot write ${path}: a part of the path is a file, not a directory; check the path: a name before the last / is a file, remove or rename it`);
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it("a failed write keeps the old file whole", async () => {
    const files: Record<string, string> = { "/r/junit.xml": "<old/>" };
    const err = await writeReportFile("/r/junit.xml", "<new/>", memoryFs(files, { write: /junit/ })).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(UnwritableOutputError);
    expect(files["/r/junit.xml"]).toBe("<old/>");
    expect(Object.keys(files)).toEqual(["/r/junit.xml"]);
  });

  it("a directory that does not exist yet is created", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "sb-report-file-")), "ci", "out", "junit.xml");
    await writeReportFile(path, "<testsuites/>");
    expect(readFileSync(path, "utf8")).toBe("<testsuites/>");
  });
});
