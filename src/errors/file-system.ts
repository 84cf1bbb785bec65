import { InconclusiveError, UserError } from "./index.js";

/**
 * Whether a file was being read (an input the user named), written (an output), or used in a way
 * the code did not say (an error that reached the CLI unwrapped).
 */
export type FileAccess = "read" | "write" | "use";

/** Cause and fix of a file-system error code, in words; undefined for codes that are not the user's situation. */
const CAUSES: Record<string, { cause: string; read: string; write: string }> = {
  EACCES: {
    cause: "permission denied",
    read: "give your user read access to it and to every directory above it (ls -ld shows who may), or copy it somewhere readable",
    write: "give your user write access to its directory (ls -ld shows who may), or choose another output directory",
  },
  EPERM: {
    cause: "operation not permitted",
    read: "give your user read access to it, or copy it somewhere readable",
    write: "give your user write access to its directory, or choose another output directory",
  },
  ENOSPC: {
    cause: "no space left on the device",
    read: "free space on that disk",
    write: "free space on that disk (df -h shows it), or write to another disk",
  },
  EDQUOT: {
    cause: "disk quota exceeded",
    read: "free space within your quota",
    write: "free space within your quota, or write to another disk",
  },
  EISDIR: {
    cause: "is a directory",
    read: "give the file, not a directory",
    write: "a file is written at that path: remove or rename the directory",
  },
  ENOTDIR: {
    cause: "a part of the path is a file, not a directory",
    read: "check the path: a name before the last / is a file",
    write: "check the path: a name before the last / is a file, remove or rename it",
  },
  EROFS: {
    cause: "read-only file system",
    read: "copy it to a readable place",
    write: "write to a writable location (a run directory or --out on a writable disk)",
  },
  ENOENT: {
    cause: "no such file or directory",
    read: "check the path",
    write: "check that the directory exists",
  },
  ENAMETOOLONG: { cause: "file name too long", read: "use a shorter path", write: "use a shorter path" },
  ELOOP: { cause: "too many symbolic links", read: "check the symbolic links on the path", write: "check the symbolic links on the path" },
  EMFILE: { cause: "too many open files", read: "raise the open-file limit (ulimit -n)", write: "raise the open-file limit (ulimit -n)" },
};

/** The errno code of a Node.js file-system error, if it is one this module explains. */
export function fileSystemCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && Object.hasOwn(CAUSES, code) ? code : undefined;
}

/** One line: what could not be done to which path, why, and what to do. Pure. */
export function describeFileSystemError(path: string, access: FileAccess, code: string): string {
  const c = CAUSES[code];
  const verb = `cannot ${access}`;
  if (c === undefined) return `${verb} ${path}: ${code}`;
  return `${verb} ${path}: ${c.cause}; ${access === "use" ? c.write : c[access]}`;
}

/** An input the user named cannot be read: bad input, exit 64. */
export class UnreadableInputError extends UserError {
  override name = "UnreadableInputError";
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(describeFileSystemError(path, "read", code));
  }
}

/** An output cannot be written: the run or check could not be completed, exit 2. */
export class UnwritableOutputError extends InconclusiveError {
  override name = "UnwritableOutputError";
  constructor(
    readonly path: string,
    readonly code: string,
    access: "write" | "use" = "write",
  ) {
    super(describeFileSystemError(path, access, code));
  }
}

/**
 * The typed error for a file-system failure on `path`, or `err` itself when it is not one (a bug
 * stays a bug). `path` is the name the user knows (the final file, not a temporary one).
 */
export function fileSystemError(err: unknown, path: string, access: FileAccess): unknown {
  const code = fileSystemCode(err);
  if (code === undefined) return err;
  return access === "read" ? new UnreadableInputError(path, code) : new UnwritableOutputError(path, code);
}

const WRITING = new Set(["mkdir", "rename", "write", "unlink", "rmdir", "rm", "symlink", "copyfile", "ftruncate", "fsync"]);

/**
 * A file-system error that reached the CLI unwrapped (from code that did not say whether it read
 * or wrote; inputs the user names are read through code that wraps its errors): the run or check
 * could not be completed, exit 2. A missing file stays a bug (undefined): nothing the user did.
 */
export function unwrappedFileSystemError(err: unknown): UnwritableOutputError | undefined {
  if (err instanceof UserError || err instanceof InconclusiveError) return undefined; // already said
  const code = fileSystemCode(err);
  if (code === undefined || code === "ENOENT") return undefined;
  const e = err as { path?: unknown; dest?: unknown; syscall?: unknown };
  const path = e.dest ?? e.path;
  if (typeof path !== "string") return undefined;
  return new UnwritableOutputError(path, code, typeof e.syscall === "string" && WRITING.has(e.syscall) ? "write" : "use");
}
