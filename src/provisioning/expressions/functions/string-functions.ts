import type { FunctionCall, FunctionTable } from './function-call.js';
import { normalizeDiacritics } from './normalize-diacritics.js';
import type { ExpressionValue } from '../value-conversion.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

/** .NET's Encoding.Unicode: UTF-16 code units, little-endian. */
function utf16LittleEndian(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >> 8;
  }
  return bytes;
}

/** Applies `transform` to argument 0's text; a null source gives null, so nothing flows. */
function mapSource(call: FunctionCall, transform: (text: string) => string): ExpressionValue {
  const source = call.text(0);
  return source === null ? null : transform(source);
}

/** Culture-aware case mapping; no culture means the invariant culture. */
function changeCase(call: FunctionCall, upper: boolean): ExpressionValue {
  const culture = call.text(1);
  return mapSource(call, (text) => {
    if (culture === null || culture === '') return upper ? text.toUpperCase() : text.toLowerCase();
    try {
      return upper ? text.toLocaleUpperCase(culture) : text.toLocaleLowerCase(culture);
    } catch (error) {
      throw call.fail(`${JSON.stringify(culture)} is not a culture name such as "en-US"`, error);
    }
  });
}

/**
 * Word separators of .NET's TextInfo.ToTitleCase, which PCase uses without explicit separators:
 * spaces, controls, and every punctuation and symbol category. The apostrophe is the exception
 * .NET makes, so "O'NEIL" stays one word.
 */
const TITLE_CASE_SEPARATOR =
  /[\p{Z}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;

function properCase(text: string, isSeparator: (c: string) => boolean): string {
  let out = '';
  let atWordStart = true;
  for (const c of text) {
    if (isSeparator(c)) {
      out += c;
      atWordStart = true;
    } else {
      out += atWordStart ? c.toUpperCase() : c.toLowerCase();
      atWordStart = false;
    }
  }
  return out;
}

export const STRING_FUNCTIONS: FunctionTable<
  | 'Append'
  | 'ConvertToBase64'
  | 'ConvertToUTF8Hex'
  | 'CStr'
  | 'InStr'
  | 'Left'
  | 'Mid'
  | 'NormalizeDiacritics'
  | 'PCase'
  | 'StripSpaces'
  | 'ToLower'
  | 'ToUpper'
  | 'Word'
> = {
  Append: (call) => {
    const suffix = call.text(1) ?? '';
    return mapSource(call, (text) => text + suffix);
  },
  ConvertToBase64: (call) => mapSource(call, (text) => base64(utf16LittleEndian(text))),
  ConvertToUTF8Hex: (call) =>
    mapSource(call, (text) =>
      Array.from(new TextEncoder().encode(text), (byte) =>
        byte.toString(16).toUpperCase().padStart(2, '0'),
      ).join(''),
    ),
  CStr: (call) => call.text(0),
  InStr: (call) => {
    const haystack = call.text(0) ?? '';
    const needle = call.text(1) ?? '';
    const start = call.present(2) ? call.integer(2, 'start') : 1;
    if (start < 1) throw call.fail(`start must be 1 or more, not ${start}`);
    const compare = call.present(3) ? compareMode(call) : 'binary';
    if (start > haystack.length) return 0;
    const found =
      compare === 'text'
        ? haystack.toLowerCase().indexOf(needle.toLowerCase(), start - 1)
        : haystack.indexOf(needle, start - 1);
    return found + 1;
  },
  Left: (call) => {
    const source = call.text(0);
    const count = call.integer(1, 'NumChars');
    if (source === null) return '';
    if (count < 0) return source;
    return source.slice(0, count);
  },
  Mid: (call) => {
    const start = call.integer(1, 'start');
    const length = call.integer(2, 'length');
    if (start < 1) throw call.fail(`start must be 1 or more, not ${start}`);
    if (length < 0) throw call.fail(`length must be 0 or more, not ${length}`);
    return mapSource(call, (text) => text.slice(start - 1, start - 1 + length));
  },
  NormalizeDiacritics: (call) => mapSource(call, normalizeDiacritics),
  PCase: (call) => {
    const separators = call.present(1) ? (call.text(1) ?? '') : undefined;
    const isSeparator =
      separators === undefined
        ? (c: string) => c !== "'" && TITLE_CASE_SEPARATOR.test(c)
        : (c: string) => separators.includes(c);
    return mapSource(call, (text) => properCase(text, isSeparator));
  },
  StripSpaces: (call) => mapSource(call, (text) => text.replaceAll(' ', '')),
  ToLower: (call) => changeCase(call, false),
  ToUpper: (call) => changeCase(call, true),
  Word: (call) => {
    const source = call.text(0);
    const number = call.integer(1, 'WordNumber');
    const delimiters = call.text(2) ?? '';
    if (source === null || number < 1) return '';
    const words: string[] = [];
    let word = '';
    for (const c of source) {
      if (delimiters.includes(c)) {
        if (word !== '') words.push(word);
        word = '';
      } else {
        word += c;
      }
    }
    if (word !== '') words.push(word);
    return words[number - 1] ?? '';
  },
};

/** InStr's compareType: vbBinaryCompare (0, case-sensitive) or vbTextCompare (1). */
function compareMode(call: FunctionCall): 'binary' | 'text' {
  const value = call.value(3);
  if (value === 0 || value === '0' || value === 'vbBinaryCompare') return 'binary';
  if (value === 1 || value === '1' || value === 'vbTextCompare') return 'text';
  throw call.fail('compareType must be vbBinaryCompare or vbTextCompare');
}
