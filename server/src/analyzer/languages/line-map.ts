// Offsets ↔ lines and columns, for every language. Line breaks are those of the LSP (`\r\n`, `\n`, `\r`), so a
// position here is the position an editor shows; a leading byte-order mark is not a column (editors strip it).

/** A 0-based line and a 0-based column in UTF-16 code units. */
export interface LinePosition {
  line: number;
  character: number;
}

const BOM = 0xfeff;

export class LineMap {
  /** Offset of the first character of each line; `starts[0]` is 0. Computed on first use. */
  private lineStarts: number[] | undefined;
  private readonly bom: boolean;

  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === BOM;
  }

  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    for (let i = text.indexOf('\n'), cr = text.indexOf('\r'); i !== -1 || cr !== -1; ) {
      // Whichever break comes first; `\r\n` is one break.
      if (cr !== -1 && (i === -1 || cr < i)) {
        if (cr + 1 === i) {
          starts.push(i + 1);
          i = text.indexOf('\n', i + 1);
        } else starts.push(cr + 1);
        cr = text.indexOf('\r', cr + 1);
      } else {
        starts.push(i + 1);
        i = text.indexOf('\n', i + 1);
      }
    }
    this.lineStarts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line holding `offset` (an offset inside a `\r\n` pair belongs to the line it ends). */
  lineOf(offset: number): number {
    const starts = this.starts;
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  positionOf(offset: number): LinePosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(at);
    // Between the \r and the \n of a CRLF is the end of the line, as in the LSP's TextDocument.
    let character = Math.min(at, this.lineEnd(line)) - this.starts[line];
    if (line === 0 && this.bom) character = Math.max(0, character - 1);
    return { line, character };
  }

  /** The offset of a position as `positionOf` gives it; a column past the end of its line is clamped to the line's end. */
  offsetOf(position: LinePosition): number {
    return this.offsetAt(position.line, position.line === 0 && this.bom ? position.character + 1 : position.character);
  }

  /**
   * The offset of a line and column counted in the raw text, a byte-order mark included (how parsers that keep
   * their own line tables, like dockerfile-ast, count).
   */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + Math.max(0, character), this.lineEnd(line));
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just after the last character of a line, before its line break. */
  lineEnd(line: number): number {
    const index = Math.max(0, Math.min(line, this.starts.length - 1));
    if (index + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[index + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The line break the text uses most at its first break (`\n` when it has none). */
  get newline(): string {
    if (this.starts.length < 2) return '\n';
    const end = this.starts[1];
    return this.text.charCodeAt(end - 1) === 10 && this.text.charCodeAt(end - 2) === 13
      ? '\r\n'
      : this.text.charCodeAt(end - 1) === 13
        ? '\r'
        : '\n';
  }
}
