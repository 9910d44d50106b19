import type { BriefingProblem } from '../../core/briefing/parse-briefing.js';

// `fatal` makes invalid UTF-8 an error instead of U+FFFD; the default `ignoreBOM: false` drops a
// leading byte order mark, which Windows editors write.
const decoder = new TextDecoder('utf-8', { fatal: true });

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: BriefingProblem };

/** The text of a briefing file, or where its bytes stop being UTF-8. */
export function decodeBriefingText(bytes: Uint8Array, file: string): DecodeResult {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    return {
      ok: false,
      problem: { file, line, field: '(file)', message: `invalid UTF-8 (byte 0x${byte} at byte ${offset - lineStart + 1} of the line); save the file as UTF-8` },
    };
  }
}

/**
 * The offset of the first byte that starts an invalid or truncated UTF-8 sequence (the WHATWG
 * decoder's rules: no overlong forms, no surrogates, nothing above U+10FFFF); -1 if none.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i];
    return b !== undefined && b >= lo && b <= hi;
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length = 0;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = cont(i + 1) ? 2 : 0;
    else if (b === 0xe0) length = cont(i + 1, 0xa0) && cont(i + 2) ? 3 : 0;
    else if (b === 0xed) length = cont(i + 1, 0x80, 0x9f) && cont(i + 2) ? 3 : 0;
    else if (b >= 0xe1 && b <= 0xef) length = cont(i + 1) && cont(i + 2) ? 3 : 0;
    else if (b === 0xf0) length = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b === 0xf4) length = cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b >= 0xf1 && b <= 0xf3) length = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (length === 0) return i;
    i += length;
  }
  return -1;
}
