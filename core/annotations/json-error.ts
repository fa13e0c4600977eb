// Finds where a JSON text first goes wrong, as line and column, with a plain-words reason.
// Engines word JSON.parse errors differently (and not all give a position), so we scan ourselves;
// this only runs after JSON.parse has already failed.

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

const MAX_DEPTH = 2_000;

class Stop extends Error {
  constructor(readonly at: number, readonly reason: string) {
    super(reason);
  }
}

export function locateJsonError(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const shown = (at: number) => {
    if (at >= n) return 'the end of the file';
    const ch = String.fromCodePoint(text.codePointAt(at)!);
    return /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? `'${ch}'` : `character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  };
  const fail = (at: number, expected: string): never => {
    if (at >= n) throw new Stop(at, `the file ends before the JSON is complete (expected ${expected}); it may have been cut off`);
    throw new Stop(at, `expected ${expected} but found ${shown(at)}`);
  };

  const string = () => {
    const start = i;
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i, `invalid escape '\\${e ?? ''}' in text`);
        continue;
      }
      if (c < 0x20) throw new Stop(i, 'a line break or control character inside text (text must be on one line, written as \\n)');
      i++;
    }
    throw new Stop(start, 'text that starts here is never closed with a double quote');
  };

  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail(i, 'a value');
    i += m![0].length;
  };

  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new Stop(i, 'lists or objects nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === '}') throw new Stop(i, "a comma before '}' with nothing after it; remove that comma");
        if (text[i] === "'") throw new Stop(i, 'a name in single quotes (JSON needs double quotes)');
        if (text[i] !== '"') fail(i, 'a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail(i, "':' after the property name");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(i, "',' or '}' after a property value");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') throw new Stop(i, "a comma before ']' with nothing after it; remove that comma");
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(i, "',' or ']' after a list item");
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") throw new Stop(i, 'text in single quotes (JSON needs double quotes)');
    fail(i, 'a value');
  };

  try {
    value(0);
    ws();
    if (i < n) fail(i, 'the end of the file after the first complete value');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { ...lineColumn(text, e.at), reason: e.reason };
  }
}

/** 1-based line and column (in characters) of an offset. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: Math.min(at, text.length) - lineStart + 1 };
}
