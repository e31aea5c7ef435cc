// Open documents, synced incrementally. A TypeScript document keeps the syntax tree of its current text so that an
// edit re-parses only the changed region (`ts.updateSourceFile`); the other languages' files are small and are
// parsed whole each time.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analysisNameFor, updateTypeScript, type AnalyzerConfig, type Finding, type ProjectIndex } from '../analyzer';

export interface OpenDocument {
  document: TextDocument;
  /** Absolute path for `file:` documents; undefined for untitled and virtual ones. */
  readonly file: string | undefined;
  /**
   * The name the analyzer sees: the path, with an extension from the language id when the path has none (`bin/www`);
   * undefined for a document of no language the analyzer reads (it is then never analyzed).
   */
  readonly analysisName: string | undefined;
  /** A tree of exactly `document.getText()`, or undefined when the next analysis must parse. */
  tree: ts.SourceFile | undefined;
  /** Findings of the last analysis, before project facts were applied (see `Finding.unless`). */
  findings: Finding[];
  project: ProjectIndex | undefined;
  /** The configuration of the last analysis (for the project checks' findings in this document). */
  config?: AnalyzerConfig;
  /** Whether the last publish sent a non-empty list (a skipped file then needs clearing once). */
  published: boolean;
  /** What the last publish sent (version and diagnostics): the same is not sent twice. */
  publishedSignature?: string;
  /** Why the last analysis could not analyze the text (nesting beyond the limits), or undefined. */
  failed?: string;
}

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const file = filePathOf(uri);
    const base = file ?? decodeURIComponent(uri.replace(/^[a-z]+:/i, '')).replace(/[?#].*$/, '');
    const analysisName = analysisNameFor(base, languageId);
    const open: OpenDocument = {
      document: TextDocument.create(uri, languageId, version, text),
      file,
      analysisName,
      tree: undefined,
      findings: [],
      project: undefined,
      published: false,
    };
    this.documents.set(uri, open);
    return open;
  }

  /**
   * Applies the changes in order, each to the text left by the previous one, updating the tree incrementally.
   * A full-text change (or a tree update that fails) drops the tree; the next analysis parses from scratch.
   */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const open = this.documents.get(uri);
    if (!open) return undefined;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        open.document = TextDocument.update(open.document, [change], version);
        open.tree = undefined;
        continue;
      }
      const start = open.document.offsetAt(change.range.start);
      const end = open.document.offsetAt(change.range.end);
      open.document = TextDocument.update(open.document, [change], version);
      if (open.tree) open.tree = updateTypeScript(open.tree, open.document.getText(), { start, length: end - start, newLength: change.text.length });
    }
    return open;
  }

  close(uri: string): OpenDocument | undefined {
    const open = this.documents.get(uri);
    this.documents.delete(uri);
    return open;
  }
}
