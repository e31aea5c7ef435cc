// The Twelve-Factor report of the whole workspace (`twelveFactor/report`): the background index's findings of closed
// files and the live findings of open buffers, grouped per project (nearest package.json) with analyzer/report.ts's
// buildReport, the model the CLI's markdown and HTML reports use too.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveProjectFindings } from '../analyzer/analyze';
import type { ProjectIndex } from '../analyzer/project';
import { buildReport, emptyCounts, type ReportFinding, type SeverityCounts } from '../analyzer/report';
import { RULES } from '../analyzer/rules/index';
import { isInside } from '../project/files';
import type { OpenDocument } from './documents';
import type { ConfigProblemInfo, IndexStatus, ProjectReport, ReportResult } from './protocol';
import { effectiveConfig } from './settings';
import type { Workspace } from './workspace';

interface ProjectFindings {
  root: string;
  project?: ProjectIndex;
  findings: ReportFinding[];
}

export interface ReportInput {
  workspace: Workspace;
  open: readonly OpenDocument[];
  configProblems: ConfigProblemInfo[];
}

/** Every finding of the workspace, per project root. An open document's buffer wins over the file on disk. */
function collect(workspace: Workspace, open: readonly OpenDocument[]): Map<string, ProjectFindings> {
  const byRoot = new Map<string, ProjectFindings>();
  const entry = (root: string): ProjectFindings => {
    let found = byRoot.get(root);
    if (!found) byRoot.set(root, (found = { root, project: workspace.projectAt(root), findings: [] }));
    return found;
  };
  for (const project of workspace.allProjects()) if (project.fileCount > 0) entry(project.root);
  const folders = workspace.workspaceFolders();
  const seen = new Set<string>();
  for (const doc of open) {
    if (!doc.file || !doc.project || !doc.project.root) continue;
    // A file opened from outside the workspace (a dependency, another checkout) is not part of its report.
    if (folders.length > 0 && !folders.some((folder) => isInside(doc.file!, folder))) continue;
    seen.add(doc.file);
    const target = entry(doc.project.root);
    const relative = relativeTo(doc.project.root, doc.file);
    for (const finding of resolveProjectFindings(doc.findings, doc.project, doc.file)) {
      const start = doc.document.positionAt(finding.start);
      const end = doc.document.positionAt(finding.end);
      target.findings.push({
        file: relative,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        ruleId: finding.ruleId,
        factor: finding.factor,
        severity: finding.severity,
        message: finding.message,
      });
    }
  }
  for (const [file, indexed] of workspace.findings.entries()) {
    if (seen.has(file) || indexed.findings.length === 0) continue;
    const target = entry(indexed.root);
    const relative = relativeTo(indexed.root, file);
    for (const finding of indexed.findings) {
      if (finding.unless && target.project?.hasFact(finding.unless, file)) continue;
      target.findings.push({
        file: relative,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        ruleId: finding.ruleId,
        factor: finding.factor,
        severity: finding.severity,
        message: finding.message,
      });
    }
  }
  return byRoot;
}

export function indexStatus(input: ReportInput): IndexStatus {
  const counts = emptyCounts();
  for (const { findings } of collect(input.workspace, input.open).values()) for (const finding of findings) counts[finding.severity]++;
  return statusOf(input, counts);
}

function statusOf(input: ReportInput, counts: SeverityCounts): IndexStatus {
  return {
    indexing: input.workspace.indexing,
    filesIndexed: input.workspace.findings.size,
    limitReached: input.workspace.limitReached,
    counts,
    configProblems: input.configProblems,
  };
}

export function workspaceReport(input: ReportInput, maxFindingsPerFile: number): ReportResult {
  const { workspace } = input;
  const byRoot = collect(workspace, input.open);
  if (byRoot.size === 0) for (const folder of workspace.workspaceFolders()) byRoot.set(folder, { root: folder, findings: [] });
  const counts = emptyCounts();
  const projects: ProjectReport[] = [];
  for (const { root, project, findings } of [...byRoot.values()].sort((a, b) => a.root.localeCompare(b.root))) {
    const settings = workspace.indexSettingsFor(path.join(root, 'package.json'));
    const config = effectiveConfig(workspace.configFor(path.join(root, 'package.json')).config, settings);
    const disabledRules = new Set(
      RULES.filter((rule) => !settings.enable || config.rules[rule.id]?.level === 'off').map((rule) => rule.id),
    );
    const report = buildReport(findings, RULES, { disabledRules, filesScanned: project?.fileCount ?? 0 });
    for (const factor of report.factors) {
      for (const rule of factor.rules) for (const file of rule.files) file.findings.splice(Math.max(0, maxFindingsPerFile));
    }
    for (const severity of Object.keys(counts) as Array<keyof SeverityCounts>) counts[severity] += report.counts[severity];
    const folder = workspace.folderOf(path.join(root, 'package.json'));
    projects.push({
      rootUri: pathToFileURL(root).href,
      name: project?.packageName || path.basename(root),
      relativePath: folder ? relativeTo(folder, root) : '',
      ...(folder ? { workspaceFolderUri: pathToFileURL(folder).href } : {}),
      report,
    });
  }
  return { ...statusOf(input, counts), projects };
}

function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
