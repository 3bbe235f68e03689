// Ajv's `code.regExp` engine backed by RE2 (re2js): schema patterns match in linear time, as Palette's own Go engine does.
import { RE2JS } from 're2js';

/** What Ajv needs of a compiled pattern: `test`, and `toString` as the key it caches patterns under. */
export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/**
 * Compiles an ECMAScript-syntax pattern from a JSON Schema with RE2. A pattern RE2 cannot express
 * (a lookaround, a backreference) throws, so Ajv refuses the schema instead of backtracking.
 * Ajv's `u` flag is dropped: RE2 always matches by code point.
 */
export function re2RegExp(pattern: string): LinearRegExp {
  const re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  return {
    test: (text: string) => re.test(text),
    toString: () => `/${pattern}/`,
  };
}

// Ajv writes this name into standalone code; its checks run in this process only.
re2RegExp.code = 're2RegExp';
