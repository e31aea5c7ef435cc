// What the server does with documents: analyze, apply project facts, publish. server.ts only wires it to the connection.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity,
  type Connection,
  type Diagnostic,
  type FileEvent,
  FileChangeType,
  MessageType,
  ShowMessageRequest,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CONFIG_FILE_NAME,
  DEFAULT_CONFIG,
  ProjectIndex,
  RULE_OPTIONS,
  analyze,
  parseConfig,
  regexOptionsOf,
  resolveProjectFindings,
  runProjectRules,
  type AnalyzeInput,
  type AnalyzerConfig,
  type ConfigProblem,
  type Finding,
  type ParsedFile,
  type ProjectFindings,
  type RuleFailure,
} from '../analyzer';
import { readTextFile, type LoadedConfig } from '../project/loader';
import { toDiagnostic, DIAGNOSTIC_SOURCE } from './diagnostics';
import { DocumentStore, filePathOf, type OpenDocument } from './documents';
import {
  DEFAULT_FINDINGS_PER_FILE,
  STATUS_NOTIFICATION,
  type ConfigProblemInfo,
  type FileFindingsParams,
  type FileFindingsResult,
  type IndexStatus,
  type ReportParams,
  type ReportResult,
} from './protocol';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, effectiveConfig, toSettings, unknownRuleIds, type Settings } from './settings';
import { fileFindings, indexStatus, workspaceReport } from './workspace-report';
import { Workspace, describe } from './workspace';

export interface ServiceOptions {
  /** The client answers `workspace/configuration`; otherwise settings come from didChangeConfiguration. */
  configurationCapability: boolean;
  /** The client asked for `twelveFactor/status` notifications (initializationOptions.statusNotifications). */
  statusNotifications?: boolean;
}

/** Status notifications are coalesced: at most one per this many milliseconds (indexing and typing send many). */
const STATUS_INTERVAL_MS = 150;

export class LintService {
  readonly documents = new DocumentStore();
  readonly workspace: Workspace;
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private globalSettings: Settings = { ...DEFAULT_SETTINGS };
  private readonly pending = new Set<string>();
  /** Config files whose problems were shown, by path → the problems' text (shown again only when they change). */
  private readonly configProblemsShown = new Map<string, string>();
  /** Findings of the project checks, per project, for the index version and config they were computed with. */
  private readonly projectFindings = new WeakMap<ProjectIndex, { key: string; findings: ProjectFindings }>();
  /** The current problems of each config file, with their lines (for the status and the report). */
  private readonly configProblems = new Map<string, ConfigProblemInfo[]>();
  /** Unknown rule ids of `twelveFactor.rules` already warned about (joined), so each set is shown once. */
  private readonly unknownRulesShown = new Set<string>();
  private statusTimer: NodeJS.Timeout | undefined;
  /** Open-document analyses running (the background index waits for them). */
  private validating = 0;
  private lastStatus = '';
  /** Per document, the rule failures (and file failure) last logged: logged again only when they change. */
  private readonly failuresLogged = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly options: ServiceOptions,
  ) {
    this.workspace = new Workspace({
      factsChanged: (root) => this.republishProject(root),
      projectChanged: (root) => this.revalidateProject(root),
      log: (message) => this.connection.console.info(message),
      settingsFor: (folder) => this.settingsFor(pathToFileURL(folder).href),
      indexChanged: () => this.statusChanged(),
      configRead: (loaded) => {
        if (loaded.path) this.reportConfigProblems(loaded.path, loaded.problems);
      },
      editorBusy: () => this.pending.size > 0 || this.validating > 0,
    });
  }

  // --- the Twelve-Factor report and status -----------------------------------------------------------------

  /** `twelveFactor/report`: the whole workspace, per project, factor, rule and file. */
  report(params: ReportParams | undefined): ReportResult {
    const max = params?.maxFindingsPerFile;
    const limit = typeof max === 'number' && Number.isInteger(max) && max >= 0 ? max : DEFAULT_FINDINGS_PER_FILE;
    return workspaceReport(this.reportInput(), limit);
  }

  /** `twelveFactor/fileFindings`. */
  fileFindings(params: FileFindingsParams | undefined): FileFindingsResult {
    const file = typeof params?.uri === 'string' ? filePathOf(params.uri) : undefined;
    return file ? fileFindings(this.reportInput(), file) : { findings: [] };
  }

  status(): IndexStatus {
    return indexStatus(this.reportInput());
  }

  private reportInput(): Parameters<typeof indexStatus>[0] {
    return {
      workspace: this.workspace,
      open: this.documents.all(),
      configProblems: [...this.configProblems.values()].flat(),
      projectChecks: (project) => {
        const manifest = path.join(project.root, 'package.json');
        const settings = this.workspace.indexSettingsFor(manifest);
        if (!settings.enable) return new Map();
        return this.projectFindingsOf(project, effectiveConfig(this.workspace.configFor(manifest).config, settings));
      },
    };
  }

  /** Something the status shows may have changed: send it soon, once, and only when it differs. */
  private statusChanged(): void {
    if (!this.options.statusNotifications || this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      try {
        const status = this.status();
        const text = JSON.stringify(status);
        if (text === this.lastStatus) return;
        this.lastStatus = text;
        void this.connection.sendNotification(STATUS_NOTIFICATION, status);
      } catch (error) {
        this.connection.console.error(`Status failed: ${describe(error)}`);
      }
    }, STATUS_INTERVAL_MS);
  }

  dispose(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.workspace.dispose();
  }

  // --- documents -------------------------------------------------------------------------------------------

  didOpen(uri: string, languageId: string, version: number, text: string): void {
    const open = this.documents.open(uri, languageId, version, text);
    if (open.file) this.workspace.setOpen(open.file, true);
    this.schedule(uri);
  }

  didChange(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    if (!this.documents.change(uri, version, changes)) return;
    void this.settingsFor(uri).then((settings) => {
      if (settings.run === 'onType') this.schedule(uri);
    });
  }

  didSave(uri: string): void {
    void this.settingsFor(uri).then((settings) => {
      if (settings.run === 'onSave') this.schedule(uri);
    });
  }

  didClose(uri: string): void {
    const open = this.documents.close(uri);
    this.settingsCache.delete(uri);
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    if (open?.file && path.basename(open.file) === CONFIG_FILE_NAME) {
      // Its problems on disk are published again at the next analysis that reads it.
      this.configProblemsShown.delete(open.file);
      this.revalidateProject(undefined);
    }
    if (open?.file) {
      // The buffer may have held unsaved edits: the disk is the truth again.
      this.workspace.setOpen(open.file, false);
      this.workspace.refreshFromDisk(open.file);
    }
  }

  // --- settings and watched files ---------------------------------------------------------------------------

  didChangeConfiguration(settings: unknown): void {
    if (!this.options.configurationCapability) {
      const section = settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
      this.globalSettings = toSettings(section);
      this.warnUnknownRules(this.globalSettings);
    }
    this.settingsCache.clear();
    this.unknownRulesShown.clear();
    for (const open of this.documents.all()) this.schedule(open.document.uri);
    // Rule levels and `enable` decide the findings of closed files too.
    this.workspace.reindex();
  }

  didChangeWatchedFiles(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const file = filePathOf(change.uri);
      if (!file) continue;
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      // A deleted config file has no problems left to show.
      if (kind === 'deleted' && path.basename(file) === CONFIG_FILE_NAME) this.reportConfigProblems(file, []);
      this.workspace.onWatchedFile(file, kind);
    }
  }

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.options.configurationCapability) return Promise.resolve(this.globalSettings);
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(toSettings, (error: unknown) => {
          this.connection.console.warn(`Could not read settings for ${uri}: ${describe(error)}`);
          return { ...DEFAULT_SETTINGS };
        })
        .then((read) => {
          this.warnUnknownRules(read);
          return read;
        });
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  // --- analysis ---------------------------------------------------------------------------------------------

  /**
   * Coalesces bursts of edits: the analysis runs once, after the notifications already queued are applied. No timer:
   * measured on a 1,300-line file, an edit costs ~1.3 ms of `updateSourceFile` and ~9 ms of analysis (a full parse
   * is ~19 ms), so a debounce delay would only add latency.
   */
  private schedule(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    setImmediate(() => {
      if (!this.pending.delete(uri)) return;
      this.validating++;
      this.validate(uri)
        .catch((error: unknown) => this.connection.console.error(`Analysis of ${uri} failed: ${describe(error)}`))
        .finally(() => this.validating--);
    });
  }

  private async validate(uri: string): Promise<void> {
    const settings = await this.settingsFor(uri);
    const open = this.documents.get(uri);
    if (!open || open.analysisName === undefined) return;
    if (open.file && path.basename(open.file) === CONFIG_FILE_NAME) {
      this.publishConfigDocument(open);
      return;
    }
    if (!settings.enable) {
      open.findings = [];
      open.failed = undefined;
      open.config = undefined;
      this.publish(open);
      return;
    }
    const { loaded, config, project } = this.setupFor(open, settings);
    if (loaded.path) this.reportConfigProblems(loaded.path, loaded.problems);
    open.project = project;
    open.config = config;
    if (open.file && this.workspace.isIgnored(open.file, project, config)) {
      open.findings = [];
      open.failed = undefined;
      open.config = undefined;
      if (project.removeFile(open.file)) this.republishProject(project.root, uri);
      this.publish(open);
      return;
    }
    const text = open.document.getText();
    const result = analyze({ fileName: open.analysisName, text, config, project, sourceFile: open.tree, fixes: false });
    open.tree = result.sourceFile;
    open.findings = result.findings;
    open.failed = result.failed;
    if (result.skipped) this.connection.console.info(`Skipped ${uri}: ${result.skipped}.`);
    this.logRuleFailures(uri, result.ruleFailures, result.failed);
    if (open.file && project.setFile(open.file, result.facts)) this.republishProject(project.root, uri);
    this.publish(open, result.skipped !== undefined);
  }

  /** The configuration and project a document is analyzed with. */
  private setupFor(open: OpenDocument, settings: Settings): { loaded: LoadedConfig; config: AnalyzerConfig; project: ProjectIndex } {
    const loaded: LoadedConfig = open.file ? this.workspace.configFor(open.file) : { config: DEFAULT_CONFIG, problems: [] as ConfigProblem[] };
    const config = effectiveConfig(loaded.config, settings);
    const project = open.file ? this.workspace.projectFor(open.file) : new ProjectIndex('');
    return { loaded, config, project };
  }

  /**
   * A fresh analysis of a document's current text, for code actions (see code-actions.ts for why not the
   * published data), or undefined when the document is not analyzed (disabled, ignored, skipped). Publishes
   * nothing and records no facts. The project's `.env.example` is read first, so that fixes adding to it
   * address its current text.
   */
  async analyzeForActions(
    uri: string,
    fixes: NonNullable<AnalyzeInput['fixes']> = true,
  ): Promise<{ open: OpenDocument; parsed: ParsedFile; findings: Finding[] } | undefined> {
    const settings = await this.settingsFor(uri);
    const open = this.documents.get(uri);
    if (!open || !settings.enable || open.analysisName === undefined) return undefined;
    const { config, project } = this.setupFor(open, settings);
    if (open.file && this.workspace.isIgnored(open.file, project, config)) return undefined;
    if (project.root) project.envExampleText = this.textOf(path.join(project.root, '.env.example'));
    const result = analyze({ fileName: open.analysisName, text: open.document.getText(), config, project, sourceFile: open.tree, fixes });
    this.logRuleFailures(open.document.uri, result.ruleFailures);
    if (!result.parsed) return undefined;
    open.tree = result.sourceFile;
    const findings = [...resolveProjectFindings(result.findings, project, open.file)];
    if (open.file && project.root) {
      // The project checks' findings in this document, with fixes, against its current text.
      const fresh = runProjectRules(project, { config, fixes: true, overrides: new Map([[open.file, result.facts]]) });
      findings.push(...(fresh.get(open.file) ?? []));
    }
    return { open, parsed: result.parsed, findings };
  }

  /** The text of a file as the user sees it: an open document's buffer, else the disk (undefined when missing). */
  textOf(file: string): string | undefined {
    const open = this.openDocumentOf(file);
    return open ? open.document.getText() : readTextFile(file);
  }

  /** The version of an open document with that path. */
  versionOf(file: string): number | undefined {
    return this.openDocumentOf(file)?.document.version;
  }

  private openDocumentOf(file: string): OpenDocument | undefined {
    const normalized = path.normalize(file);
    return this.documents.all().find((open) => open.file === normalized);
  }

  /**
   * Publishes the last findings of a document, with the project's current facts applied. A skipped file (binary,
   * too large, minified) publishes nothing, unless earlier diagnostics must be cleared.
   */
  private publish(open: OpenDocument, skipped = false): void {
    // A copy: resolveProjectFindings may hand back open.findings itself, and the project checks' findings are added.
    const findings = [...(open.project ? resolveProjectFindings(open.findings, open.project, open.file) : open.findings)];
    if (open.project && open.file && open.config) findings.push(...(this.projectFindingsOf(open.project, open.config).get(open.file) ?? []));
    if (skipped && findings.length === 0 && !open.published) return;
    const diagnostics = findings.map((finding) => toDiagnostic(finding, open.document));
    // Not analyzed (nesting beyond the limits, an internal error): one note at the top, so an empty list is not
    // taken for a clean file.
    if (open.failed !== undefined) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        message: `Twelve-Factor Lint could not analyze this file: ${open.failed}.`,
      });
    }
    // A project fact that changed nothing here (another file's env reads) sends nothing.
    const signature = `${open.document.version}:${JSON.stringify(diagnostics)}`;
    if (signature === open.publishedSignature) return;
    open.publishedSignature = signature;
    open.published = diagnostics.length > 0;
    void this.connection.sendDiagnostics({ uri: open.document.uri, version: open.document.version, diagnostics });
    this.statusChanged();
  }

  /** The project checks' findings of a project, computed once per index version and config. */
  private projectFindingsOf(project: ProjectIndex, config: AnalyzerConfig): ProjectFindings {
    if (!project.root) return new Map();
    const key = `${project.version}|${project.ancestors.map((a) => a.version).join(',')}|${config.includeTestsAndScripts}|${JSON.stringify(config.rules)}|${JSON.stringify(config.roles ?? {})}`;
    const cached = this.projectFindings.get(project);
    if (cached && cached.key === key) return cached.findings;
    const findings = runProjectRules(project, { config });
    this.projectFindings.set(project, { key, findings });
    return findings;
  }

  /**
   * A project fact changed: findings voided by facts (`unless`) are re-resolved and the project checks run again,
   * without analyzing again; packages below a workspace root are affected by its Dockerfiles too.
   */
  private republishProject(root: string, exceptUri?: string): void {
    for (const open of this.documents.all()) {
      if (open.document.uri === exceptUri || !open.project || this.pending.has(open.document.uri)) continue;
      if (open.project.root === root || open.project.ancestors.some((ancestor) => ancestor.root === root)) this.publish(open);
    }
  }

  /** `.twelvefactorrc.json` open in the editor: its problems as the user types, where they are. */
  private publishConfigDocument(open: OpenDocument): void {
    const text = open.document.getText();
    const { problems } = parseConfig(text, RULE_OPTIONS, regexOptionsOf);
    const diagnostics: Diagnostic[] = problems.map((problem) => {
      const start = problem.offset ?? 0;
      // The token at the offset: a string with its quotes, else a word.
      const token = /^("(?:[^"\\]|\\.)*"|[\w.-]+)/.exec(text.slice(start, start + 200))?.[0] ?? '';
      return {
        range: { start: open.document.positionAt(start), end: open.document.positionAt(start + token.length) },
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        message: `${problem.message}. The defaults apply for what could not be read.`,
      };
    });
    void this.connection.sendDiagnostics({ uri: open.document.uri, version: open.document.version, diagnostics });
  }

  /** A package.json or config file changed: documents of that project (or all, when undefined) are analyzed again. */
  private revalidateProject(root: string | undefined): void {
    for (const open of this.documents.all()) {
      if (root === undefined || open.project?.root === root) this.schedule(open.document.uri);
    }
  }

  /**
   * `twelveFactor.rules` naming a rule that does not exist is a typo the user would never notice (the setting is
   * silently ignored): say so once per distinct set, with the closest known id.
   */
  private warnUnknownRules(settings: Settings): void {
    const unknown = unknownRuleIds(settings);
    const key = unknown.map((entry) => entry.id).join(',');
    if (unknown.length === 0 || this.unknownRulesShown.has(key)) return;
    this.unknownRulesShown.add(key);
    const names = unknown
      .map((entry) => `"${entry.id}"${entry.suggestion ? ` (did you mean "${entry.suggestion}"?)` : ''}`)
      .join(', ');
    const message = `Twelve-Factor Lint: the setting twelveFactor.rules names ${unknown.length === 1 ? 'an unknown rule' : 'unknown rules'}: ${names}. ${unknown.length === 1 ? 'It is' : 'They are'} ignored.`;
    this.connection.console.warn(message);
    this.connection
      .sendRequest(ShowMessageRequest.type, { type: MessageType.Warning, message })
      .then(undefined, (error: unknown) => this.connection.console.warn(`Could not show a message: ${describe(error)}`));
  }

  /** One log line per rule that failed on a document (and for a file that failed), when that changes. */
  private logRuleFailures(uri: string, failures: readonly RuleFailure[] | undefined, failed?: string): void {
    const lines = [
      ...(failed !== undefined ? [`Could not analyze ${uri}: ${failed}.`] : []),
      ...(failures ?? []).map((failure) => `Rule ${failure.ruleId} failed on ${uri} (${failure.message}); its findings there are left out.`),
    ];
    const signature = lines.join('\n');
    if ((this.failuresLogged.get(uri) ?? '') === signature) return;
    if (signature === '') this.failuresLogged.delete(uri);
    else this.failuresLogged.set(uri, signature);
    for (const line of lines) this.connection.console.warn(line);
  }

  private reportConfigProblems(configPath: string, problems: readonly ConfigProblem[]): void {
    const signature = problems.map((problem) => `${problem.offset ?? ''}:${problem.message}`).join('\n');
    const shown = this.configProblemsShown.get(configPath);
    if (shown === signature || (shown === undefined && problems.length === 0)) return;
    this.configProblemsShown.set(configPath, signature);
    const uri = pathToFileURL(configPath).href;
    // An open config file shows the problems of its buffer (publishConfigDocument).
    const openConfig = this.documents.get(uri) !== undefined;
    if (problems.length === 0) {
      this.configProblems.delete(configPath);
      this.statusChanged();
      if (!openConfig) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const config = TextDocument.create(uri, 'jsonc', 0, readTextFile(configPath) ?? '');
    this.configProblems.set(
      configPath,
      problems.map((problem) => ({ uri, line: config.positionAt(problem.offset ?? 0).line, message: problem.message })),
    );
    this.statusChanged();
    if (openConfig) return;
    const diagnostics: Diagnostic[] = problems.map((problem) => {
      const position = config.positionAt(problem.offset ?? 0);
      return {
        range: { start: position, end: position },
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        message: `${problem.message}. The defaults apply for what could not be read.`,
      };
    });
    void this.connection.sendDiagnostics({ uri, diagnostics });
    // window/showMessageRequest, sent directly: `window.showWarningMessage` hides the promise a client may reject.
    const message = `Twelve-Factor Lint: ${configPath} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (${problems[0].message}); the defaults apply for what could not be read.`;
    this.connection
      .sendRequest(ShowMessageRequest.type, { type: MessageType.Warning, message })
      .then(undefined, (error: unknown) => this.connection.console.warn(`Could not show a message: ${describe(error)}`));
  }
}
