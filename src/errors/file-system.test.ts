import { describe, expect, it } from "vitest";
import { InconclusiveError, UserError } from "./index.js";
import { describeFileSystemError, fileSystemError, UnreadableInputError, UnwritableOutputError, unwrappedFileSystemError } from "./file-system.js";

const errno = (code: string, extra: Record<string, unknown> = {}): Error => Object.assign(new Error(`${code}: raw`), { code, ...extra });

describe("file-system errors", () => {
  it("say the path, the cause and the fix in one line for every code a user can cause", () => {
    for (const code of ["EACCES", "EPERM", "ENOSPC", "EDQUOT", "EISDIR", "ENOTDIR", "EROFS", "ENOENT", "ENAMETOOLONG", "ELOOP", "EMFILE"]) {
      for (const access of ["read", "write", "use"] as const) {
        const line = describeFileSystemError("/r/verdict.json", access, code);
        expect(line).toMatch(new RegExp(`^cannot ${access} /r/verdict\\.json: [^;\\n]+; [^\\n]+$`));
        expect(line).not.toContain(code);
      }
    }
    expect(describeFileSystemError("/r/x", "read", "EACCES")).toBe(
      "cannot read /r/x: permission denied; give your user read access to it and to every directory above it (ls -ld shows who may), or copy it somewhere readable",
    );
  });

  it("an input that cannot be read is bad input (64), an output that cannot be written is inconclusive (2)", () => {
    const read = fileSystemError(errno("EACCES"), "h.jsonl", "read");
    expect(read).toBeInstanceOf(UnreadableInputError);
    expect(read).toBeInstanceOf(UserError);
    const write = fileSystemError(errno("ENOSPC"), "verdict.json", "write");
    expect(write).toBeInstanceOf(UnwritableOutputError);
    expect(write).toBeInstanceOf(InconclusiveError);
    const bug = new TypeError("x is undefined");
    expect(fileSystemError(bug, "verdict.json", "write")).toBe(bug);
  });

  it("maps an unwrapped error by its path and system call; a missing file stays a bug", () => {
    expect(unwrappedFileSystemError(errno("EROFS", { syscall: "mkdir", path: "/ro/runs" }))?.message).toMatch(/^cannot write \/ro\/runs: read-only file system; /);
    expect(unwrappedFileSystemError(errno("EACCES", { syscall: "scandir", path: "/x" }))?.message).toMatch(/^cannot use \/x: permission denied; /);
    expect(unwrappedFileSystemError(errno("EISDIR", { syscall: "rename", path: "/a.tmp", dest: "/a" }))?.message).toMatch(/^cannot write \/a: is a directory/);
    expect(unwrappedFileSystemError(errno("ENOENT", { syscall: "open", path: "/x" }))).toBeUndefined();
    expect(unwrappedFileSystemError(new Error("plain"))).toBeUndefined();
    // Already typed (they carry code and path too): left as they are, with their exit code.
    expect(unwrappedFileSystemError(new UnreadableInputError("/h", "ENOTDIR"))).toBeUndefined();
    expect(unwrappedFileSystemError(new UnwritableOutputError("/v", "EISDIR"))).toBeUndefined();
  });
});
