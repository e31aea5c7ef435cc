// Keeps the Twelve-Factor view in step with the server: asks for `twelveFactor/report` shortly after our diagnostics
// change or the server says its index moved, only while the view is visible (a hidden view is refreshed when shown).
import { languages, type Disposable, type TreeView, type Uri } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SeverityCounts } from '../../server/src/analyzer/report';
import { REPORT_REQUEST, type ReportResult } from '../../server/src/lsp/protocol';
import { countsText } from './counts';
import { DIAGNOSTIC_SOURCE } from './docs';
import type { FactorTree, Node } from './view';

/** Bursts of diagnostics (typing, indexing) are folded into one request per this many milliseconds. */
const REFRESH_DELAY_MS = 250;

export class ReportFeed implements Disposable {
  private timer: NodeJS.Timeout | undefined;
  private stale = true;
  private inFlight = false;
  private again = false;
  /** Documents that had our diagnostics: a change to none of ours still changes the report. */
  private readonly ours = new Set<string>();
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly tree: FactorTree,
    private readonly view: TreeView<Node>,
    private readonly log: (message: string) => void,
  ) {
    this.disposables.push(
      languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => this.touchesOurs(uri))) this.requestSoon();
      }),
      view.onDidChangeVisibility(({ visible }) => {
        if (visible && this.stale) this.requestSoon(0);
      }),
    );
  }

  private touchesOurs(uri: Uri): boolean {
    const key = uri.toString();
    const has = languages.getDiagnostics(uri).some((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    const had = this.ours.has(key);
    if (has) this.ours.add(key);
    else this.ours.delete(key);
    return has || had;
  }

  /** Asks for a fresh report soon (coalescing bursts). */
  requestSoon(delay = REFRESH_DELAY_MS): void {
    this.stale = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  /** Clears the view (the server stopped or the extension is off). */
  clear(message: string | undefined): void {
    this.tree.update(undefined);
    this.view.message = message;
    this.view.badge = undefined;
    this.stale = true;
  }

  async refresh(): Promise<ReportResult | undefined> {
    const client = this.client();
    if (!client || !client.isRunning()) return undefined;
    if (!this.view.visible) {
      this.stale = true;
      return undefined;
    }
    if (this.inFlight) {
      this.again = true;
      return this.tree.report;
    }
    this.inFlight = true;
    this.stale = false;
    try {
      // Counts only: a file's findings are asked for when the file is expanded (the report stays small on big workspaces).
      const result = await client.sendRequest<ReportResult>(REPORT_REQUEST, { maxFindingsPerFile: 0 });
      this.show(result);
      return result;
    } catch (error) {
      this.log(`twelveFactor/report failed: ${error instanceof Error ? error.message : String(error)}`);
      this.stale = true;
      return undefined;
    } finally {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.requestSoon();
      }
    }
  }

  private show(result: ReportResult): void {
    this.tree.update(result);
    const messages: string[] = [];
    if (result.indexing) messages.push(`Indexing the workspace… ${result.filesIndexed.toLocaleString('en-US')} files so far.`);
    if (result.limitReached) messages.push('Only the first 5,000 source files of each folder are indexed.');
    this.view.message = messages.length > 0 ? messages.join(' ') : undefined;
    this.showBadge(result.counts);
  }

  /** The activity-bar badge: errors and warnings of the whole workspace (also while the view is hidden). */
  showBadge(counts: SeverityCounts): void {
    const serious = counts.error + counts.warning;
    this.view.badge = serious > 0 ? { value: serious, tooltip: `${countsText(counts)} in the workspace` } : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
