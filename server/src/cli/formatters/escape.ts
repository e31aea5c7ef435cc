// Text from scanned files (a message quoting a log file name, a file name itself) reaches a terminal. A control
// character there can move the cursor, clear the screen or recolour what follows (C0, DEL and C1, which holds
// the 8-bit CSI), and a bidirectional override makes a line read differently from what it holds. Each is shown as
// a visible escape instead: `\x1b`, `\u202e`.

/** C0 (tab included), DEL, C1, the line and paragraph separators, and the bidirectional marks and overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What JSON.stringify leaves raw inside strings (its C0 escapes are done, and raw newlines are layout). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every character that could act on a terminal written as a visible escape. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON text with the same characters as `\uXXXX` escapes: the same data for a parser, and nothing a terminal acts
 * on when the report is printed (JSON.stringify already escapes C0, not DEL, C1 or the bidirectional marks).
 */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
