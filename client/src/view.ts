// The Twelve-Factor view: the twelve factors of each project at a glance (findings by severity, clean, or what to
// check by hand), expandable to rules, files and findings. The data is the server's `twelveFactor/report`; this file
// only lays it out, and knows no rule.
import path from 'node:path';
import {
  EventEmitter,
  MarkdownString,
  Range,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  type Event,
  type TreeDataProvider,
} from 'vscode';
import type { FactorRow, ReportFinding, RuleRow, SeverityCounts } from '../../server/src/analyzer/report';
import type { FileFindingsResult, ProjectReport, ReportResult } from '../../server/src/lsp/protocol';
import { countsText, total } from './counts';

export const VIEW_ID = 'twelveFactor.factors';

type FileRow = RuleRow['files'][number];

export type Node =
  | { kind: 'project'; project: ProjectReport }
  | { kind: 'factor'; project: ProjectReport; row: FactorRow }
  | { kind: 'rule'; project: ProjectReport; factor: FactorRow; rule: RuleRow }
  | { kind: 'file'; project: ProjectReport; rule: RuleRow; file: FileRow }
  | { kind: 'finding'; project: ProjectReport; finding: ReportFinding }
  | { kind: 'more'; project: ProjectReport; file: FileRow; hidden: number }
  | { kind: 'byHand'; project: ProjectReport; row: FactorRow }
  | { kind: 'docs'; project: ProjectReport; row: FactorRow };

function severityIcon(counts: SeverityCounts): ThemeIcon {
  if (counts.error > 0) return new ThemeIcon('error', new ThemeColor('problemsErrorIcon.foreground'));
  if (counts.warning > 0) return new ThemeIcon('warning', new ThemeColor('problemsWarningIcon.foreground'));
  if (counts.info > 0) return new ThemeIcon('info', new ThemeColor('problemsInfoIcon.foreground'));
  return new ThemeIcon('lightbulb');
}

/** Asks the server for one file's findings (`twelveFactor/fileFindings`). */
export type FindingsLoader = (uri: Uri) => Promise<FileFindingsResult | undefined>;

export class FactorTree implements TreeDataProvider<Node> {
  private readonly changed = new EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData: Event<Node | undefined | void> = this.changed.event;
  private result: ReportResult | undefined;

  /** The report comes without findings (counts only, so it stays small); a file's are loaded when it is expanded. */
  constructor(private readonly loadFindings: FindingsLoader) {}

  /** Takes a new report; the tree redraws (expanded rows stay expanded: ids are stable). */
  update(result: ReportResult | undefined): void {
    this.result = result;
    this.changed.fire();
  }

  get report(): ReportResult | undefined {
    return this.result;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const result = this.result;
    if (!result) return [];
    if (!node) {
      if (result.projects.length === 1) return this.factorsOf(result.projects[0]);
      return result.projects.map((project) => ({ kind: 'project', project }));
    }
    switch (node.kind) {
      case 'project':
        return this.factorsOf(node.project);
      case 'factor': {
        const { project, row } = node;
        const rules: Node[] = row.rules.map((rule) => ({ kind: 'rule', project, factor: row, rule }));
        const byHand: Node = { kind: 'byHand', project, row };
        const docs: Node = { kind: 'docs', project, row };
        return row.state === 'not-checkable' ? [byHand, ...rules, docs] : [...rules, byHand, docs];
      }
      case 'rule':
        return node.rule.files.map((file) => ({ kind: 'file', project: node.project, rule: node.rule, file }));
      case 'file': {
        const { project, rule, file } = node;
        let findings = file.findings;
        if (findings.length < total(file.counts)) {
          const loaded = await this.loadFindings(this.fileUri(project, file.file));
          findings = (loaded?.findings ?? []).filter((finding) => finding.ruleId === rule.ruleId);
        }
        const children: Node[] = findings.map((finding) => ({ kind: 'finding', project, finding }));
        const hidden = total(file.counts) - findings.length;
        if (hidden > 0) children.push({ kind: 'more', project, file, hidden });
        return children;
      }
      default:
        return [];
    }
  }

  private factorsOf(project: ProjectReport): Node[] {
    return project.report.factors.map((row) => ({ kind: 'factor', project, row }));
  }

  getTreeItem(node: Node): TreeItem {
    switch (node.kind) {
      case 'project':
        return this.projectItem(node.project);
      case 'factor':
        return this.factorItem(node.project, node.row);
      case 'rule':
        return this.ruleItem(node.project, node.factor, node.rule);
      case 'file':
        return this.fileItem(node.project, node.rule, node.file);
      case 'finding':
        return this.findingItem(node.project, node.finding);
      case 'more': {
        const item = new TreeItem(`… ${node.hidden} more in this file`, TreeItemCollapsibleState.None);
        item.id = `${node.project.rootUri}#more#${node.file.file}#${node.hidden}`;
        item.command = { title: 'Open', command: 'vscode.open', arguments: [this.fileUri(node.project, node.file.file)] };
        return item;
      }
      case 'byHand': {
        const notCheckable = node.row.state === 'not-checkable';
        const item = new TreeItem(notCheckable ? 'Check by hand' : 'Also check by hand', TreeItemCollapsibleState.None);
        item.id = `${node.project.rootUri}#${node.row.factor.slug}#byHand`;
        item.description = node.row.factor.byHand;
        item.tooltip = new MarkdownString(`**Check by hand** (no static check can see it)\n\n${node.row.factor.byHand}`);
        item.iconPath = new ThemeIcon('person');
        item.contextValue = 'byHand';
        return item;
      }
      case 'docs': {
        const { factor } = node.row;
        const item = new TreeItem(`Read about ${factor.numeral}. ${factor.title}`, TreeItemCollapsibleState.None);
        item.id = `${node.project.rootUri}#${factor.slug}#docs`;
        item.iconPath = new ThemeIcon('book');
        item.command = { title: 'Read the factor page', command: 'twelveFactor.openFactorDocs', arguments: [factor.slug] };
        return item;
      }
    }
  }

  private projectItem(project: ProjectReport): TreeItem {
    const counts = project.report.counts;
    const item = new TreeItem(project.name, TreeItemCollapsibleState.Expanded);
    item.id = `${project.rootUri}#project`;
    item.description = [project.relativePath, countsText(counts) || 'no findings'].filter(Boolean).join(' — ');
    const files = project.report.filesScanned;
    item.tooltip = `${project.name}${project.relativePath ? ` (${project.relativePath})` : ''}: ${files} ${files === 1 ? 'file' : 'files'}`;
    item.iconPath = new ThemeIcon('package');
    item.resourceUri = Uri.parse(project.rootUri);
    item.contextValue = 'project';
    return item;
  }

  private factorItem(project: ProjectReport, row: FactorRow): TreeItem {
    const { factor } = row;
    const item = new TreeItem(`${factor.numeral}. ${factor.title}`, TreeItemCollapsibleState.Collapsed);
    item.id = `${project.rootUri}#${factor.slug}`;
    const state =
      row.state === 'findings'
        ? countsText(row.counts)
        : row.state === 'clean'
          ? project.report.filesScanned > 0
            ? 'clean'
            : 'no files yet'
          : 'not checkable from code';
    item.description = `${state} — ${factor.summary}`;
    item.iconPath =
      row.state === 'findings'
        ? severityIcon(row.counts)
        : row.state === 'clean'
          ? new ThemeIcon('pass', new ThemeColor('testing.iconPassed'))
          : new ThemeIcon('eye');
    const tooltip = new MarkdownString(`**${factor.numeral}. ${factor.title}**: ${factor.summary}\n\n`);
    tooltip.appendMarkdown(
      row.state === 'findings'
        ? `${countsText(row.counts)} in ${project.name}.`
        : row.state === 'clean'
          ? `Checked from code by ${row.rules.filter((r) => r.enabled).length} rule(s): nothing found.`
          : 'Not checkable from code.',
    );
    tooltip.appendMarkdown(`\n\n*Check by hand:* ${factor.byHand}`);
    item.tooltip = tooltip;
    item.contextValue = 'factor';
    return item;
  }

  private ruleItem(project: ProjectReport, factor: FactorRow, rule: RuleRow): TreeItem {
    const found = total(rule.counts);
    const item = new TreeItem(rule.ruleId, found > 0 ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
    item.id = `${project.rootUri}#${factor.factor.slug}#${rule.ruleId}`;
    item.description = !rule.enabled
      ? 'off'
      : found > 0
        ? `${countsText(rule.counts)} in ${rule.files.length} ${rule.files.length === 1 ? 'file' : 'files'}`
        : 'no findings';
    item.tooltip = `${rule.ruleId}: ${rule.description} (default: ${rule.defaultSeverity})`;
    item.iconPath = !rule.enabled
      ? new ThemeIcon('circle-slash')
      : found > 0
        ? severityIcon(rule.counts)
        : new ThemeIcon('pass', new ThemeColor('testing.iconPassed'));
    item.contextValue = 'rule';
    return item;
  }

  private fileItem(project: ProjectReport, rule: RuleRow, file: FileRow): TreeItem {
    const uri = this.fileUri(project, file.file);
    const item = new TreeItem(path.posix.basename(file.file), TreeItemCollapsibleState.Collapsed);
    item.id = `${project.rootUri}#${rule.ruleId}#${file.file}`;
    item.resourceUri = uri;
    const dir = path.posix.dirname(file.file);
    item.description = `${dir === '.' ? '' : `${dir} · `}${total(file.counts)}`;
    item.tooltip = `${file.file}: ${countsText(file.counts)}`;
    item.contextValue = 'file';
    return item;
  }

  private findingItem(project: ProjectReport, finding: ReportFinding): TreeItem {
    const item = new TreeItem(finding.message, TreeItemCollapsibleState.None);
    item.id = `${project.rootUri}#${finding.ruleId}#${finding.file}#${finding.line}:${finding.column}`;
    item.description = `line ${finding.line}`;
    item.tooltip = `${finding.file}:${finding.line}:${finding.column} — ${finding.message} (${finding.ruleId}, ${finding.severity})`;
    item.iconPath = severityIcon({ error: 0, warning: 0, info: 0, hint: 0, [finding.severity]: 1 });
    const selection = new Range(
      finding.line - 1,
      finding.column - 1,
      (finding.endLine ?? finding.line) - 1,
      (finding.endColumn ?? finding.column) - 1,
    );
    item.command = { title: 'Open', command: 'vscode.open', arguments: [this.fileUri(project, finding.file), { selection }] };
    item.contextValue = 'finding';
    return item;
  }

  private fileUri(project: ProjectReport, file: string): Uri {
    return Uri.joinPath(Uri.parse(project.rootUri), ...file.split('/'));
  }
}
