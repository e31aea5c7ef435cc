// Rule and factor pages inside the editor, offline and read-only: the Markdown files shipped in the VSIX (docs/) are
// served by a read-only file system under their own scheme (an editor on them cannot be typed in, saved or changed by
// an edit) and shown in VS Code's Markdown preview. A
// diagnostic's link (`codeDescription.href`) is rewritten to this extension's URI handler: the editor hover opens
// links without running `command:` URIs, but routes `<uriScheme>://<extension id>/…` to the extension, in desktop
// VS Code and in the browser alike.
import {
  Disposable,
  EventEmitter,
  FilePermission,
  FileSystemError,
  FileType,
  Uri,
  commands,
  env,
  window,
  workspace,
  type Diagnostic,
  type Event,
  type ExtensionContext,
  type FileChangeEvent,
  type FileStat,
  type FileSystemProvider,
  type UriHandler,
} from 'vscode';

export const DOCS_SCHEME = 'twelve-factor-docs';
export const DIAGNOSTIC_SOURCE = 'twelve-factor';

/** A page below docs/: `rules/logs/no-console.md`, `factors/logs.md`. Lower-case names only, no `..`. */
const PAGE = /^(rules\/[a-z-]+\/[a-z-]+|factors\/[a-z-]+)\.md$/;

export function rulePage(ruleId: string): string {
  return `rules/${ruleId}.md`;
}

export function factorPage(slug: string): string {
  return `factors/${slug}.md`;
}

export class BundledDocs implements FileSystemProvider, UriHandler {
  private readonly changed = new EventEmitter<FileChangeEvent[]>();
  readonly onDidChangeFile: Event<FileChangeEvent[]> = this.changed.event;

  constructor(
    private readonly extensionUri: Uri,
    private readonly extensionId: string,
  ) {}

  register(context: ExtensionContext): void {
    context.subscriptions.push(
      this.changed,
      workspace.registerFileSystemProvider(DOCS_SCHEME, this, { isReadonly: true, isCaseSensitive: true }),
      window.registerUriHandler(this),
    );
  }

  // --- the read-only file system: pages below the extension's docs/ folder --------------------------------------

  private sourceOf(uri: Uri): Uri {
    const relative = uri.path.replace(/^\/+/, '');
    if (relative !== '' && !/^[a-z-]+(\/[a-z-]+)*(\.md)?$/.test(relative)) throw FileSystemError.FileNotFound(uri);
    return Uri.joinPath(this.extensionUri, 'docs', ...relative.split('/').filter(Boolean));
  }

  stat(uri: Uri): Thenable<FileStat> {
    return workspace.fs.stat(this.sourceOf(uri)).then(
      (stat) => ({ ...stat, permissions: FilePermission.Readonly }),
      () => {
        throw FileSystemError.FileNotFound(uri);
      },
    );
  }

  readFile(uri: Uri): Thenable<Uint8Array> {
    return workspace.fs.readFile(this.sourceOf(uri)).then(undefined, () => {
      throw FileSystemError.FileNotFound(uri);
    });
  }

  readDirectory(uri: Uri): Thenable<[string, FileType][]> {
    return workspace.fs.readDirectory(this.sourceOf(uri));
  }

  watch(): Disposable {
    return new Disposable(() => undefined);
  }

  writeFile(uri: Uri): never {
    throw FileSystemError.NoPermissions(uri);
  }

  createDirectory(uri: Uri): never {
    throw FileSystemError.NoPermissions(uri);
  }

  delete(uri: Uri): never {
    throw FileSystemError.NoPermissions(uri);
  }

  rename(uri: Uri): never {
    throw FileSystemError.NoPermissions(uri);
  }

  /** The virtual document of a page, or undefined when `page` is not one of ours. */
  uriOf(page: string): Uri | undefined {
    return PAGE.test(page) ? Uri.from({ scheme: DOCS_SCHEME, path: `/${page}` }) : undefined;
  }

  /** Shows a page rendered, read-only; falls back to the read-only source when the Markdown preview is unavailable. */
  async open(page: string): Promise<boolean> {
    const uri = this.uriOf(page);
    if (!uri) return false;
    try {
      await this.stat(uri);
    } catch {
      return false;
    }
    try {
      await commands.executeCommand('markdown.showPreview', uri);
      return true;
    } catch {
      await window.showTextDocument(uri, { preview: true });
      return true;
    }
  }

  /** `<uriScheme>://<publisher.name>/docs/<page without .md>`: what a diagnostic links to. */
  linkOf(page: string): Uri {
    return Uri.parse(`${env.uriScheme}://${this.extensionId}/docs/${page.replace(/\.md$/, '')}`);
  }

  handleUri(uri: Uri): void {
    const page = `${uri.path.replace(/^\/docs\//, '')}.md`;
    void this.open(page).then((opened) => {
      if (!opened) void window.showWarningMessage(`Twelve-Factor Lint: no documentation page at ${uri.toString(true)}.`);
    });
  }

  /** Points each of our diagnostics' code link at the bundled page of its rule. */
  rewriteLinks(diagnostics: readonly Diagnostic[]): void {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const code = diagnostic.code;
      const ruleId = typeof code === 'object' ? String(code.value) : typeof code === 'string' ? code : undefined;
      if (ruleId && PAGE.test(rulePage(ruleId))) diagnostic.code = { value: ruleId, target: this.linkOf(rulePage(ruleId)) };
    }
  }

  /** Every page shipped, for the documentation quick pick: its path and its first heading. */
  async pages(): Promise<Array<{ page: string; title: string; description: string }>> {
    const found: Array<{ page: string; title: string; description: string }> = [];
    const walk = async (relative: string): Promise<void> => {
      let entries: [string, number][] = [];
      try {
        entries = await workspace.fs.readDirectory(Uri.joinPath(this.extensionUri, 'docs', ...relative.split('/')));
      } catch {
        return;
      }
      for (const [name, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
        const child = `${relative}/${name}`;
        if (type === 2) await walk(child);
        else if (PAGE.test(child)) found.push({ page: child, ...(await this.summaryOf(child)) });
      }
    };
    await walk('factors');
    await walk('rules');
    return found;
  }

  private async summaryOf(page: string): Promise<{ title: string; description: string }> {
    const text = new TextDecoder().decode(await this.readFile(this.uriOf(page)!));
    const lines = text.split('\n');
    const title = (lines.find((line) => line.startsWith('# ')) ?? page).replace(/^# /, '');
    const description = lines.find((line, i) => i > 0 && line.trim() !== '' && !line.startsWith('#')) ?? '';
    return { title, description: description.replace(/[*`]/g, '').trim() };
  }
}
