// Expands a VS Code snippet body the way the editor inserts it when the user accepts every default:
// placeholders become their default, choices their first option, bare tab stops mirror the default of
// the same number (or nothing), variables a fixed sample. Stricter than the editor on purpose: where VS Code
// would silently fall back to literal text (an unescaped `${` in a template literal, an unknown `$NAME`),
// this throws, so a body that only works by accident fails its test.

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

/** Sample values for the variables VS Code resolves (see "Variables" in the VS Code snippet docs). */
export function sampleVariables(fileName: string): Record<string, string> {
  const base = fileName.replace(/^.*\//, '');
  return {
    TM_SELECTED_TEXT: '',
    TM_CURRENT_LINE: '',
    TM_CURRENT_WORD: '',
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    TM_FILENAME: base,
    TM_FILENAME_BASE: base.replace(/\.[^.]*$/, ''),
    TM_DIRECTORY: '/workspace/src',
    TM_FILEPATH: `/workspace/${fileName}`,
    RELATIVE_FILEPATH: fileName,
    CLIPBOARD: '',
    WORKSPACE_NAME: 'workspace',
    WORKSPACE_FOLDER: '/workspace',
    CURSOR_INDEX: '0',
    CURSOR_NUMBER: '1',
    CURRENT_YEAR: '2025',
    CURRENT_YEAR_SHORT: '25',
    CURRENT_MONTH: '01',
    CURRENT_MONTH_NAME: 'January',
    CURRENT_MONTH_NAME_SHORT: 'Jan',
    CURRENT_DATE: '02',
    CURRENT_DAY_NAME: 'Thursday',
    CURRENT_DAY_NAME_SHORT: 'Thu',
    CURRENT_HOUR: '03',
    CURRENT_MINUTE: '04',
    CURRENT_SECOND: '05',
    CURRENT_SECONDS_UNIX: '1735787045',
    CURRENT_TIMEZONE_OFFSET: '+00:00',
    RANDOM: '123456',
    RANDOM_HEX: 'a1b2c3',
    UUID: '00000000-0000-4000-8000-000000000000',
    BLOCK_COMMENT_START: '/*',
    BLOCK_COMMENT_END: '*/',
    LINE_COMMENT: '//',
  };
}

/** The inserted text of `body` (a snippet's lines joined with '\n'). Throws on malformed snippet syntax. */
export function expandSnippet(body: string, fileName = 'src/snippet.ts'): string {
  const nodes = new Parser(body).parseAll();
  const defaults = new Map<number, SnippetNode[]>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults, sampleVariables(fileName));
}

function collectDefaults(nodes: SnippetNode[], defaults: Map<number, SnippetNode[]>): void {
  for (const node of nodes) {
    if (node.kind === 'tabstop' && node.children) {
      if (!defaults.has(node.index)) defaults.set(node.index, node.children);
      collectDefaults(node.children, defaults);
    } else if (node.kind === 'choice') {
      if (!defaults.has(node.index)) defaults.set(node.index, [{ kind: 'text', value: node.options[0] ?? '' }]);
    } else if (node.kind === 'variable' && node.children) {
      collectDefaults(node.children, defaults);
    }
  }
}

function render(nodes: SnippetNode[], defaults: Map<number, SnippetNode[]>, variables: Record<string, string>): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.value;
        break;
      case 'tabstop':
      case 'choice': {
        // $0 is the final cursor position and never has content of its own in what we test.
        const fill = node.index === 0 ? undefined : defaults.get(node.index);
        if (fill) out += render(fill, defaults, variables);
        break;
      }
      case 'variable': {
        const value = variables[node.name];
        if (value === undefined) throw new Error(`unknown snippet variable $${node.name} (escape a literal $ as \\$)`);
        out += value === '' && node.children ? render(node.children, defaults, variables) : value;
        break;
      }
    }
  }
  return out;
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseAll(): SnippetNode[] {
    const nodes = this.parseUntilClose(false);
    return nodes;
  }

  private fail(message: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new Error(`snippet syntax, line ${line}: ${message}`);
  }

  /** Parses until an unescaped `}` (consumed) when `nested`, else to the end. */
  private parseUntilClose(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          // VS Code keeps a backslash that escapes nothing (e.g. '\n' inside a string literal).
          text += ch;
          this.pos++;
        }
      } else if (ch === '}' && nested) {
        this.pos++;
        flush();
        return nodes;
      } else if (ch === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += ch;
          this.pos++;
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    if (nested) this.fail('unterminated ${…}');
    flush();
    return nodes;
  }

  /** At a `$`: a snippet construct, or undefined when the `$` is plain text (e.g. followed by a space). */
  private parseDollar(): SnippetNode | undefined {
    const rest = this.text.slice(this.pos + 1);
    const digits = /^\d+/.exec(rest);
    if (digits) {
      this.pos += 1 + digits[0].length;
      return { kind: 'tabstop', index: Number(digits[0]) };
    }
    const name = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest);
    if (name) {
      this.pos += 1 + name[0].length;
      return { kind: 'variable', name: name[0] };
    }
    if (!rest.startsWith('{')) return undefined;
    this.pos += 2;
    const inner = this.text.slice(this.pos);
    const index = /^\d+/.exec(inner);
    if (index) {
      this.pos += index[0].length;
      const n = Number(index[0]);
      const after = this.text[this.pos];
      if (after === '}') {
        this.pos++;
        return { kind: 'tabstop', index: n };
      }
      if (after === ':') {
        this.pos++;
        return { kind: 'tabstop', index: n, children: this.parseUntilClose(true) };
      }
      if (after === '|') {
        this.pos++;
        return { kind: 'choice', index: n, options: this.parseChoice() };
      }
      if (after === '/') {
        this.skipTransform();
        return { kind: 'tabstop', index: n };
      }
      this.fail(`unexpected ${JSON.stringify(after)} after \${${n}`);
    }
    const variable = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(inner);
    if (variable) {
      this.pos += variable[0].length;
      const after = this.text[this.pos];
      if (after === '}') {
        this.pos++;
        return { kind: 'variable', name: variable[0] };
      }
      if (after === ':') {
        this.pos++;
        return { kind: 'variable', name: variable[0], children: this.parseUntilClose(true) };
      }
      if (after === '/') {
        this.skipTransform();
        return { kind: 'variable', name: variable[0] };
      }
    }
    // VS Code would insert this as literal text; in a template literal that is always a missing `\\$`.
    return this.fail('`${` that is not a snippet construct; escape a literal $ as \\$');
  }

  /** After `${n|`: options separated by unescaped commas, closed by `|}`. */
  private parseChoice(): string[] {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\' && ',|\\'.includes(this.text[this.pos + 1] ?? '')) {
        current += this.text[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (ch === '|' && this.text[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += ch;
        this.pos++;
      }
    }
    return this.fail('unterminated choice ${n|…|}');
  }

  /** Skips `/regex/format/options}`; the test fills defaults, so a transform's output is not needed. */
  private skipTransform(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        this.pos += 2;
        continue;
      }
      this.pos++;
      if (ch === '{') depth++;
      else if (ch === '}' && depth-- === 0) return;
    }
    this.fail('unterminated transform');
  }
}
