// Character classes and case folding for the matcher, by char code so the hot path never allocates.
// Pure: no DOM.

/** Letters, digits, marks of scripts written with spaces. CJK and kana are not word characters. */
const WORD_RE = /[\p{L}\p{N}\p{M}_]/u;

export function isCjkCode(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x2fdf) || // CJK radicals
    (c >= 0x3005 && c <= 0x3007) || // 々 〆 〇
    (c >= 0x3040 && c <= 0x30ff) || // kana
    (c >= 0x3100 && c <= 0x31ff) || // bopomofo, kana extensions
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff66 && c <= 0xff9f) // half-width katakana
  );
}

/** True for a character that would glue onto a Latin or Cyrillic name (so no word boundary). */
export function isWordCode(c: number): boolean {
  if (c < 0x80) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  }
  // Common blocks by hand, so most pages never compile WORD_RE's Unicode property classes (a
  // fraction of a millisecond of a cold page's first scan). Same answers as WORD_RE (tested over
  // every code).
  if (c < 0x100) {
    // Latin-1: ª ² ³ µ ¹ º ¼ ½ ¾ and the letters À-ÿ except × and ÷.
    if (c >= 0xc0) return c !== 0xd7 && c !== 0xf7;
    return c === 0xaa || c === 0xb2 || c === 0xb3 || c === 0xb5 || c === 0xb9 || c === 0xba || (c >= 0xbc && c <= 0xbe);
  }
  if (c < 0x250) return true; // Latin Extended-A and -B: letters
  if (c >= 0x400 && c <= 0x52f) return true; // Cyrillic
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation: spaces, dashes, quotes
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral: emoji, CJK extensions
  if (c >= 0x3000 && c <= 0x3020) return false; // CJK punctuation (々〆〇 are CJK, below)
  if (isCjkCode(c)) return false;
  if (c >= 0xff00 && c <= 0xff65) {
    // Full-width forms: digits and Latin letters; the rest is punctuation.
    return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
  }
  return WORD_RE.test(String.fromCharCode(c));
}

/** Word character at `i` of `s`; outside the string counts as a boundary. */
export function isWordAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isWordCode(s.charCodeAt(i));
}

/** Characters a walk skips inside a name: soft hyphen, zero-width space/joiners, word joiner, BOM. */
export function isIgnorableCode(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/**
 * Folds a character for comparison: lower case, ё→е, every dash to "-", every apostrophe to "'",
 * every space to " ". Returns a char code.
 */
export function foldCode(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c >= 9 && c <= 13 ? 32 : c;
  if (c >= 0x410 && c <= 0x42f) return c + 32; // А-Я
  if (c >= 0x430 && c <= 0x44f) return c;
  if (c === 0x451 || c === 0x401) return 0x435; // ё Ё → е
  if (c >= 0x400 && c <= 0x40f) return c + 80; // Ѐ-Џ
  if (c >= 0x3000 && c <= 0x9fff) return c === 0x3000 ? 32 : c; // CJK has no case
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63 || c === 0xff0d) return 45;
  if (c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0xff07) return 39;
  if (isSpaceCode(c)) return 32;
  if (c >= 0xd800 && c <= 0xdfff) return c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/** Folds a whole string the way foldCode does, collapsing space runs and dropping ignorables. */
export function foldText(s: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isIgnorableCode(c)) continue;
    const f = foldCode(c);
    if (f === 32) {
      space = true;
      continue;
    }
    if (space && out.length > 0) out += ' ';
    space = false;
    out += String.fromCharCode(f);
  }
  return out;
}

/** Like foldText but keeps case: for comparing case-sensitive names. */
export function canonText(s: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isIgnorableCode(c)) continue;
    if (isSpaceCode(c)) {
      space = true;
      continue;
    }
    const f = foldCode(c);
    const keep = f === 45 || f === 39 ? f : c === 0x451 ? 0x435 : c === 0x401 ? 0x415 : c;
    if (space && out.length > 0) out += ' ';
    space = false;
    out += String.fromCharCode(keep);
  }
  return out;
}
