/**
 * Terminal text with ANSI colours (SGR) as HTML spans, for pictures of the live view. Only what
 * the live view uses: the 16 colours, bold, dim, inverse, and their resets; anything else is dropped.
 */

const PALETTE: Record<number, string> = {
  30: "#3b4252", 31: "#e06c75", 32: "#98c379", 33: "#e5c07b", 34: "#61afef", 35: "#c678dd", 36: "#56b6c2", 37: "#dcdfe4",
  90: "#7f848e", 91: "#ff7b86", 92: "#b5e890", 93: "#ffd68a", 94: "#7cc3ff", 95: "#e599f7", 96: "#7fd7e2", 97: "#ffffff",
};

interface Style {
  fg?: string;
  bg?: string;
  bold: boolean;
  dim: boolean;
  inverse: boolean;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function apply(style: Style, codes: number[]): Style {
  let s = { ...style };
  for (let i = 0; i < codes.length; i += 1) {
    const c = codes[i] as number;
    if (c === 0) s = { bold: false, dim: false, inverse: false };
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 22) s = { ...s, bold: false, dim: false };
    else if (c === 7) s.inverse = true;
    else if (c === 27) s.inverse = false;
    else if (c === 39) delete s.fg;
    else if (c === 49) delete s.bg;
    else if (PALETTE[c] !== undefined) s.fg = PALETTE[c];
    else if (c >= 40 && c <= 47) s.bg = PALETTE[c - 10];
    else if (c >= 100 && c <= 107) s.bg = PALETTE[c - 10];
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) i += 2;
    else if ((c === 38 || c === 48) && codes[i + 1] === 2) i += 4;
  }
  return s;
}

function css(s: Style): string {
  const fg = s.inverse ? (s.bg ?? "#1e2127") : s.fg;
  const bg = s.inverse ? (s.fg ?? "#dcdfe4") : s.bg;
  return [fg !== undefined ? `color:${fg}` : "", bg !== undefined ? `background:${bg}` : "", s.bold ? "font-weight:bold" : "", s.dim ? "opacity:0.6" : ""].filter((x) => x !== "").join(";");
}

/** The text as HTML: each styled run in a span, the rest escaped. */
export function ansiToHtml(text: string): string {
  let style: Style = { bold: false, dim: false, inverse: false };
  let out = "";
  // eslint-disable-next-line no-control-regex
  const re = /\u001b\[([0-9;]*)m/g;
  let at = 0;
  const emit = (chunk: string): void => {
    if (chunk === "") return;
    const c = css(style);
    out += c === "" ? escapeHtml(chunk) : `<span style="${c}">${escapeHtml(chunk)}</span>`;
  };
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    emit(text.slice(at, m.index));
    style = apply(style, (m[1] === "" ? "0" : (m[1] as string)).split(";").map(Number));
    at = re.lastIndex;
  }
  emit(text.slice(at));
  // eslint-disable-next-line no-control-regex
  return out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}
