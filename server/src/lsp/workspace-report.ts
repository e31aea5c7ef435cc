// The Twelve-Factor report of the whole workspace (`twelveFactor/report`): the background index's findings of closed
// files and the live findings of open buffers, grouped per project (nearest package.json) with analyzer/report.ts's
// buildReport, the model the CLI's markdown and HTML reports use too.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  LineMap,
  RULES,
  buildReport,
  emptyCounts,
  resolveProjectFindings,
  type Finding,
  type ProjectIndex,
  type ReportFinding,
  type SeverityCounts,
} from '../analyzer';
import { isInside } from '../project/files';
import { readTextFile } from '../project/loader';
import type { OpenDocument } from './documents';
import type { IndexedFile } from './findings-index';
import type { ConfigProblemInfo, FileFindingsResult, IndexStatus, ProjectReport, ReportResult } from './protocol';
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
  /**
   * The project checks' findings of a project (rules that read the whole project: undocumented variables, an env
   * file in an image, …), by the file they land in; the service computes them once per index version and config.
   */
  projectChecks?: (project: ProjectIndex) => ReadonlyMap<string, readonly Finding[]>;
}

type AnalyzedDocument = OpenDocument & { file: string; project: ProjectIndex };

/**
 * Open documents that belong to the report: analyzed files of a project inside a workspace folder (a file opened from
 * outside the workspace, such as a dependency or another checkout, is not part of it).
 */
function workspaceDocuments(workspace: Workspace, open: readonly OpenDocument[]): AnalyzedDocument[] {
  const folders = workspace.workspaceFolders();
  return open.filter(
    (doc): doc is AnalyzedDocument =>
      doc.file !== undefined &&
      doc.project !== undefined &&
      doc.project.root !== '' &&
      (folders.length === 0 || folders.some((folder) => isInside(doc.file!, folder))),
  );
}

/**
 * Every finding of the workspace (or of the one file `only`), per project root. An open document's buffer wins over
 * the file on disk.
 */
function collect(input: ReportInput, only?: string): Map<string, ProjectFindings> {
  const { workspace, open } = input;
  const byRoot = new Map<string, ProjectFindings>();
  const entry = (root: string): ProjectFindings => {
    let found = byRoot.get(root);
    if (!found) byRoot.set(root, (found = { root, project: workspace.projectAt(root), findings: [] }));
    return found;
  };
  if (only === undefined) for (const project of workspace.allProjects()) if (project.fileCount > 0) entry(project.root);
  const seen = new Set<string>();
  for (const doc of workspaceDocuments(workspace, open)) {
    if (only !== undefined && doc.file !== only) continue;
    seen.add(doc.file);
    const target = entry(doc.project.root);
    const relative = relativeTo(doc.project.root, doc.file);
    for (const finding of resolveProjectFindings(doc.findings, doc.project, doc.file)) {
      target.findings.push(placed(relative, finding, (offset) => doc.document.positionAt(offset)));
    }
  }
  const single = only === undefined ? undefined : workspace.findings.get(only);
  const indexedEntries: Iterable<[string, IndexedFile]> =
    only === undefined ? workspace.findings.entries() : single ? [[only, single]] : [];
  for (const [file, indexed] of indexedEntries) {
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
  for (const { project, file, finding, position } of projectCheckFindings(input, only)) {
    entry(project.root).findings.push(placed(relativeTo(project.root, file), finding, position));
  }
  return byRoot;
}

/** A finding of the analyzer (offsets) as the report lists it (1-based lines and columns). */
function placed(file: string, finding: Finding, position: (offset: number) => Position): ReportFinding {
  const start = position(finding.start);
  const end = position(finding.end);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    ruleId: finding.ruleId,
    factor: finding.factor,
    severity: finding.severity,
    message: finding.message,
  };
}

type Position = { line: number; character: number };

/**
 * The project checks' findings of the workspace's projects (or of the one file `only`), each with a way to place its
 * offsets: the open buffer's text when the file is open, else the text the file's facts keep, else the file on disk.
 */
function* projectCheckFindings(
  input: ReportInput,
  only?: string,
): Iterable<{ project: ProjectIndex; file: string; finding: Finding; position: (offset: number) => Position }> {
  if (!input.projectChecks) return;
  const folders = input.workspace.workspaceFolders();
  const openByFile = new Map<string, OpenDocument>();
  for (const doc of input.open) if (doc.file) openByFile.set(doc.file, doc);
  for (const project of input.workspace.allProjects()) {
    if (!project.root || project.fileCount === 0) continue;
    if (only !== undefined && !isInside(only, project.root)) continue;
    for (const [file, findings] of input.projectChecks(project)) {
      if (only !== undefined && file !== only) continue;
      if (folders.length > 0 && !folders.some((folder) => isInside(file, folder))) continue;
      const doc = openByFile.get(file);
      let position: (offset: number) => Position;
      if (doc) position = (offset) => doc.document.positionAt(offset);
      else {
        // Built on first use: the status only counts, and must not read files from disk on every change.
        let lines: LineMap | undefined;
        position = (offset) => {
          if (!lines) {
            const facts = project.factsOf(file);
            lines = new LineMap(facts?.dotenv?.text ?? facts?.docker?.text ?? readTextFile(file) ?? '');
          }
          return lines.positionOf(offset);
        };
      }
      for (const finding of findings) yield { project, file, finding, position };
    }
  }
}

/** The status: the same findings as the report, only counted (it is sent often, so nothing is built). */
export function indexStatus(input: ReportInput): IndexStatus {
  const { workspace } = input;
  const counts = emptyCounts();
  const seen = new Set<string>();
  for (const doc of workspaceDocuments(workspace, input.open)) {
    seen.add(doc.file);
    for (const finding of resolveProjectFindings(doc.findings, doc.project, doc.file)) counts[finding.severity]++;
  }
  for (const [file, indexed] of workspace.findings.entries()) {
    if (seen.has(file)) continue;
    const project = workspace.projectAt(indexed.root);
    for (const finding of indexed.findings) {
      if (!finding.unless || !project?.hasFact(finding.unless, file)) counts[finding.severity]++;
    }
  }
  for (const { finding } of projectCheckFindings(input)) counts[finding.severity]++;
  return statusOf(input, counts);
}

function statusOf(input: ReportInput, counts: SeverityCounts): IndexStatus {
  return {
    indexing: input.workspace.indexing,
    filesIndexed: input.workspace.allProjects().reduce((sum, project) => sum + project.fileCount, 0),
    limitReached: input.workspace.limitReached,
    counts,
    configProblems: input.configProblems,
  };
}

export function workspaceReport(input: ReportInput, maxFindingsPerFile: number): ReportResult {
  const { workspace } = input;
  const byRoot = collect(input);
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

/** `twelveFactor/fileFindings`: one file's findings, as the report lists them. */
export function fileFindings(input: ReportInput, file: string): FileFindingsResult {
  const [found] = collect(input, path.normalize(file)).values();
  if (!found) return { findings: [] };
  const findings = [...found.findings].sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { rootUri: pathToFileURL(found.root).href, findings };
}

function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
