/**
 * Whether a regular expression from a candidate file can backtrack catastrophically: a
 * quantified group that itself holds a quantifier (`(a+)+$`, `(\w*)*`, `(a|a?)+`), which takes
 * exponential time on a line that almost matches. Such patterns are refused when the file is
 * read (an observer matches every log line of every candidate). The check is the classic "star
 * height above one" rule, over the pattern's own syntax: conservative (some safe patterns like
 * `(ab+)+` are refused too; `(?:ab+c)+` with a literal after the inner quantifier is accepted).
 */
export function nestedQuantifier(pattern: string): string | undefined {
  // Per open group: whether it holds a quantifier, and where it began.
  const groups: Array<{ quantified: boolean; start: number }> = [];
  let lastGroup: { quantified: boolean; start: number; end: number } | undefined;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      i += 1;
      lastGroup = undefined;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      lastGroup = undefined;
      continue;
    }
    if (ch === "(") {
      groups.push({ quantified: false, start: i });
      lastGroup = undefined;
      continue;
    }
    if (ch === ")") {
      const g = groups.pop();
      if (g === undefined) continue;
      lastGroup = { ...g, end: i };
      // A group inside a group: its quantifiers count for the outer one too.
      const outer = groups[groups.length - 1];
      if (outer !== undefined && g.quantified) outer.quantified = true;
      continue;
    }
    const quantifier = ch === "*" || ch === "+" || (ch === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i)) && !/^\{(\d+),\1\}/.test(pattern.slice(i)));
    const optional = ch === "?" && pattern[i - 1] !== "(" && !isQuantifier(pattern[i - 1]);
    if (quantifier || optional) {
      if (quantifier && lastGroup !== undefined && lastGroup.quantified) return pattern.slice(lastGroup.start, ch === "{" ? pattern.indexOf("}", i) + 1 : i + 1);
      const open = groups[groups.length - 1];
      if (open !== undefined) open.quantified = true;
    }
    if (ch !== "?") lastGroup = undefined;
  }
  return undefined;
}

function isQuantifier(ch: string | undefined): boolean {
  return ch === "*" || ch === "+" || ch === "?" || ch === "}";
}
