import { randomBytes } from "node:crypto";
import { mkdir, stat, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileSystemError } from "../errors/file-system.js";

/** One file of a report set: where it goes and how to produce its content. */
export interface ReportFile {
  path: string;
  render: () => string | Promise<string>;
}

/** The file operations the set needs; the default is the real file system (tests inject failures). */
export interface ReportFs {
  /** "file", "other" (a directory, …) or "missing". */
  kind(path: string): Promise<"file" | "other" | "missing">;
  mkdir(dir: string): Promise<void>;
  writeFile(path: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file if it exists (never a directory). */
  remove(path: string): Promise<void>;
}

export const NODE_REPORT_FS: ReportFs = {
  kind: async (path) => {
    try {
      return (await stat(path)).isFile() ? "file" : "other";
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return "missing";
      throw err;
    }
  },
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
  writeFile: (path, content) => writeFile(path, content),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};

export interface ReportSetResult {
  /** The files written, in order. */
  written: string[];
  /** Optional files that could not be written (their old version was removed), with why. */
  skipped: { path: string; error: unknown }[];
}

/**
 * Writes a set of report files that must agree with each other (verdict.json, junit.xml,
 * timeline.html of one check) so that the directory never holds files of two different checks:
 *
 * 1. every file is rendered and written to a temporary name in its own directory;
 * 2. only then each one is renamed over the old file (a rename within a directory is atomic).
 *
 * If a required file fails in step 1, the temporaries are removed and the old set stays as it was;
 * the error (a typed file-system error naming the final path) is thrown. An optional file
 * (timeline.html) that fails does not stop the required ones: its old version is removed instead,
 * and the failure is returned in `skipped`. If a rename fails midway (rare: step 1 succeeded),
 * the files already replaced are removed too, so what is left is part of the old set, never a mix.
 */
export async function writeReportSet(required: readonly ReportFile[], optional: readonly ReportFile[] = [], fs: ReportFs = NODE_REPORT_FS): Promise<ReportSetResult> {
  const temps = new Map<ReportFile, string>();
  const cleanup = async (): Promise<void> => {
    for (const tmp of temps.values()) await fs.remove(tmp).catch(() => undefined);
    temps.clear();
  };
  const stage = async (file: ReportFile): Promise<void> => {
    try {
      // A directory (or anything but a file) where the file goes would only fail at the rename.
      if ((await fs.kind(file.path)) === "other") throw Object.assign(new Error(`${file.path} is not a file`), { code: "EISDIR", path: file.path });
      await fs.mkdir(dirname(file.path));
      const content = await file.render();
      const tmp = join(dirname(file.path), `.${basename(file.path)}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`);
      temps.set(file, tmp);
      await fs.writeFile(tmp, content);
    } catch (err) {
      throw fileSystemError(err, file.path, "write");
    }
  };

  for (const file of required) {
    try {
      await stage(file);
    } catch (err) {
      await cleanup();
      throw err;
    }
  }
  const skipped: ReportSetResult["skipped"] = [];
  for (const file of optional) {
    try {
      await stage(file);
    } catch (err) {
      const tmp = temps.get(file);
      if (tmp !== undefined) await fs.remove(tmp).catch(() => undefined);
      temps.delete(file);
      skipped.push({ path: file.path, error: err });
    }
  }

  const written: string[] = [];
  for (const file of required) {
    try {
      await fs.rename(temps.get(file) as string, file.path);
      temps.delete(file);
      written.push(file.path);
    } catch (err) {
      await cleanup();
      for (const done of written) await fs.remove(done).catch(() => undefined);
      throw fileSystemError(err, file.path, "write");
    }
  }
  for (const file of optional) {
    const tmp = temps.get(file);
    if (tmp !== undefined) {
      temps.delete(file);
      try {
        await fs.rename(tmp, file.path);
        written.push(file.path);
        continue;
      } catch (err) {
        await fs.remove(tmp).catch(() => undefined);
        skipped.push({ path: file.path, error: fileSystemError(err, file.path, "write") });
      }
    }
    // The old version would disagree with the new required files.
    if ((await fs.kind(file.path).catch(() => "other")) === "file") await fs.remove(file.path).catch(() => undefined);
  }
  return { written, skipped };
}

/**
 * One file (a JUnit file, a suite summary) written like a report set: to a temporary name beside
 * it, then renamed over the old one, so a reader never sees half of it. Its directory is created
 * if missing; a failure is one typed error naming `path` (UnwritableOutputError, exit 2).
 */
export async function writeReportFile(path: string, content: string, fs: ReportFs = NODE_REPORT_FS): Promise<void> {
  await writeReportSet([{ path, render: () => content }], [], fs);
}
