/**
 * What the first bytes of a history say about its encoding. A history is UTF-8 (a byte-order
 * mark is allowed and skipped); UTF-16, which Windows PowerShell 5 writes by default with `>`
 * and `Out-File`, is recognised, with or without its byte-order mark, so that the user is told
 * what the file is instead of "not valid JSON" about an invisible character.
 */
export type Encoding =
  | { kind: "utf8"; bomLength: 0 | 3 }
  | { kind: "utf16"; endian: "little" | "big"; bom: boolean };

/** How many bytes `sniffEncoding` wants to see (fewer only when the file is shorter). */
export const SNIFF_BYTES = 4;

/**
 * Classifies a file by its first bytes. Without a byte-order mark, UTF-16 shows as a zero byte
 * beside the first character: a UTF-8 history starts with `{` or white space, never with a NUL.
 */
export function sniffEncoding(head: Uint8Array): Encoding {
  const [b0, b1, b2] = [head[0], head[1], head[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { kind: "utf8", bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { kind: "utf16", endian: "little", bom: true };
  if (b0 === 0xfe && b1 === 0xff) return { kind: "utf16", endian: "big", bom: true };
  if (head.length >= 2 && b0 !== 0 && b1 === 0) return { kind: "utf16", endian: "little", bom: false };
  if (head.length >= 2 && b0 === 0 && b1 !== 0) return { kind: "utf16", endian: "big", bom: false };
  return { kind: "utf8", bomLength: 0 };
}

/** The problem and fix for a UTF-16 file, in the words of an InputError. */
export function utf16Problem(encoding: Extract<Encoding, { kind: "utf16" }>): { problem: string; hint: string } {
  const name = encoding.endian === "little" ? "UTF-16LE" : "UTF-16BE";
  return {
    problem: `is ${name} text (${encoding.bom ? "it starts with a UTF-16 byte-order mark" : "every other byte is zero"}), not UTF-8: a history is UTF-8`,
    hint:
      `Convert it, e.g. \`iconv -f ${name} -t UTF-8 history.jsonl > history-utf8.jsonl\`, or in PowerShell ` +
      "`Get-Content history.jsonl | Set-Content -Encoding utf8 history-utf8.jsonl`. (Windows PowerShell's `>` writes UTF-16.) See docs/history-format.md.",
  };
}

/** The problem and fix for a line that holds carriage returns without line feeds. */
export function crOnlyProblem(): { problem: string; hint: string } {
  return {
    problem: 'has carriage returns ("\\r") without line feeds: the file\'s lines end with CR alone (classic Mac OS line ends)',
    hint: "A history's lines end with \\n (or \\r\\n). Convert it, e.g. `tr '\\r' '\\n' < history.jsonl > history-lf.jsonl`. See docs/history-format.md.",
  };
}
