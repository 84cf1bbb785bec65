/**
 * A string from someone else's file (a node id, a fault id, a scenario name, a message built from
 * them) made safe for a terminal or a CI log: control characters (C0, DEL, C1: newline, ESC,
 * carriage return...) and Unicode line separators and direction overrides are written as
 * `\n`, `\x1b`, `\u2028`, so a history can neither start a line of its own ("PASS: every
 * check passed") nor send terminal escape sequences.
 */
export function printable(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(ch: string): string {
  const named = Object.hasOwn(NAMED, ch) ? NAMED[ch] : undefined;
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** A message of several lines (an error naming several problems): each line made printable, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split("\n").map(printable).join("\n");
}
