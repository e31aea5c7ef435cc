// Findings' fixes → LSP code actions: quick fixes per diagnostic, disable comments, documentation, and
// `source.fixAll.twelveFactor`. Pure: the caller hands in a fresh analysis of the document's current text and a
// way to read other files, so nothing here touches the connection or the disk.
//
// Why a fresh analysis and not `Diagnostic.data`: the data carries the fixes of the version that was published,
// and a client may ask with a diagnostic of an older version (moved along with the user's edits). Offsets of that
// version would land on the wrong text. Edits to other files (`.env.example`) are computed against that file's
// text as it was at analysis time, which may have changed since. Re-analyzing the current text (the tree is kept
// incrementally, so this is the rule walk alone: a few milliseconds) and matching diagnostics to fresh findings by
// rule, message and range makes every edit line up with the text it is applied to; a diagnostic with no fresh
// match gets no edit at all, only its documentation.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CreateFile,
  type Diagnostic,
  type Range,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import {
  RULE_IDS,
  UNUSED_DISABLE_RULE_ID,
  compatibleFixes,
  disableFileFixFor,
  disableLineFixFor,
  editsFor,
  editsOverlap,
  ruleDocsUrl,
  type Finding,
  type Fix,
  type ParsedFile,
  type TextEdit,
} from '../analyzer';
import { DIAGNOSTIC_SOURCE, isDiagnosticData } from './diagnostics';

/** Runs every safe fix of the document; `editor.codeActionsOnSave: { "source.fixAll.twelveFactor": "explicit" }`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.twelveFactor`;
export const SHOW_DOCUMENTATION_COMMAND = 'twelveFactor.showDocumentation';
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND];
export const FIX_ALL_TITLE = 'Fix all safe twelve-factor problems';

/** What the client can apply: LSP 3.16 `workspace.workspaceEdit`, and whether it resolves a code action's edit later. */
export interface EditCapabilities {
  documentChanges: boolean;
  /** `resourceOperations` includes 'create'. */
  createFiles: boolean;
  /**
   * `codeAction/resolve` for `edit` (with `data` kept between the two requests): fixes are listed without their
   * edits, which are computed for the one action the user picks. Without it, edits come with the list.
   */
  resolveEdits?: boolean;
}

export function editCapabilities(capabilities: ClientCapabilities): EditCapabilities {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  const documentChanges = workspaceEdit?.documentChanges === true;
  const codeAction = capabilities.textDocument?.codeAction;
  return {
    documentChanges,
    createFiles: documentChanges && (workspaceEdit?.resourceOperations ?? []).includes('create'),
    resolveEdits: codeAction?.dataSupport === true && (codeAction.resolveSupport?.properties ?? []).includes('edit'),
  };
}

/** What an unresolved fix action carries (`CodeAction.data`) to find its fix again in `codeAction/resolve`. */
export interface FixActionData {
  twelveFactorFix: 1;
  uri: string;
  version: number;
  ruleId: string;
  messageId: string;
  start: number;
  end: number;
  /** The fix's position among the finding's fixes, and its title (both must still match). */
  index: number;
  title: string;
}

export function isFixActionData(value: unknown): value is FixActionData {
  if (value === null || typeof value !== 'object') return false;
  const data = value as Record<string, unknown>;
  return (
    data.twelveFactorFix === 1 &&
    typeof data.uri === 'string' &&
    typeof data.version === 'number' &&
    typeof data.ruleId === 'string' &&
    typeof data.messageId === 'string' &&
    typeof data.start === 'number' &&
    typeof data.end === 'number' &&
    typeof data.index === 'number' &&
    typeof data.title === 'string'
  );
}

/** The current text of another file: the editor's buffer when the server has it open, else the disk. */
export interface OtherFiles {
  /** Text of an absolute path, or undefined when it does not exist. */
  textOf(file: string): string | undefined;
  /** The version of an open document (for TextDocumentEdit), or undefined for a file only on disk. */
  versionOf(file: string): number | undefined;
}

export interface CodeActionInput {
  /** The document at its current version. */
  document: TextDocument;
  /** The parsed text of exactly `document.getText()`, in its language. */
  parsed: ParsedFile;
  /** Findings of a fresh analysis of `document.getText()`, with project facts applied. */
  findings: readonly Finding[];
  /** `CodeActionParams.context.diagnostics`. */
  diagnostics: readonly Diagnostic[];
  /** `CodeActionParams.context.only`. */
  only?: readonly string[];
  /** `CodeActionParams.range`: only diagnostics that touch it get fixes. */
  range?: Range;
}

/** True when a diagnostic's range touches the request's range (a cursor at either end of it counts). */
function touches(diagnostic: Range, range: Range | undefined): boolean {
  if (!range) return true;
  return !before(diagnostic.end, range.start) && !before(range.end, diagnostic.start);
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The findings a request can show fixes for, as a filter for `analyze({ fixes })`: computing the fixes of every
 * finding of a file with 3,000 console calls, for a request about one line, cost seconds.
 */
export function fixesFilter(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  range: Range | undefined,
  only: readonly string[] | undefined,
): ((finding: { ruleId: string; start: number; end: number }) => boolean) | true {
  if (asksForFixAll(only)) return true;
  const wanted = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || !touches(diagnostic.range, range)) continue;
    wanted.add(`${diagnostic.code}@${document.offsetAt(diagnostic.range.start)}:${document.offsetAt(diagnostic.range.end)}`);
  }
  return (finding) => wanted.has(`${finding.ruleId}@${finding.start}:${finding.end}`);
}

/** True when `kind` was asked for: no `only`, or an `only` entry that is `kind` or a parent of it. */
function wants(only: readonly string[] | undefined, kind: string, explicitOnly = false): boolean {
  if (!only || only.length === 0) return !explicitOnly;
  return only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

/** True when a request's `only` asks for the fix-all source action (`source`, `source.fixAll` or ours). */
export function asksForFixAll(only: readonly string[] | undefined): boolean {
  return wants(only, FIX_ALL_KIND, true);
}

export function codeActions(input: CodeActionInput, files: OtherFiles, capabilities: EditCapabilities): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(input.only, CodeActionKind.QuickFix)) actions.push(...quickFixes(input, files, capabilities));
  // Source actions only when asked for by kind (save, the Source Action menu): the light bulb lists problems' fixes.
  if (asksForFixAll(input.only)) {
    const fixAll = fixAllAction(input, files, capabilities);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

interface RuleGroup {
  ruleId: string;
  diagnostics: Diagnostic[];
  fixes: CodeAction[];
  disableLines: CodeAction[];
  disableFile?: CodeAction;
}

/**
 * The fixes of each twelve-factor diagnostic in the context come first (the remedies), then per rule a disable
 * comment for each reported line and one for the file, then each rule's documentation once (vscode-eslint's
 * grouping; a menu with one "Show documentation" per diagnostic of the same rule would only repeat itself).
 */
function quickFixes(input: CodeActionInput, files: OtherFiles, capabilities: EditCapabilities): CodeAction[] {
  const { document, parsed } = input;
  const groups = new Map<string, RuleGroup>();
  const used = new Set<Finding>();
  const disabledLines = new Set<string>();
  // A fix shared by several findings (one object: "Replace all console calls in this file") is one action, listing
  // each of its diagnostics; offered once per diagnostic, 2,000 console calls made a 430 MB response.
  const shared = new Map<Fix, CodeAction>();
  for (const diagnostic of input.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || !RULE_IDS.has(diagnostic.code)) continue;
    if (!touches(diagnostic.range, input.range)) continue;
    const ruleId = diagnostic.code;
    let group = groups.get(ruleId);
    if (!group) {
      group = { ruleId, diagnostics: [], fixes: [], disableLines: [] };
      groups.set(ruleId, group);
    }
    group.diagnostics.push(diagnostic);
    const finding = matchFinding(input, diagnostic, used);
    if (!finding) continue;
    used.add(finding);

    let preferred = false;
    finding.fixes.forEach((fix, index) => {
      const offered = shared.get(fix);
      if (offered) {
        offered.diagnostics?.push(diagnostic);
        return;
      }
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
      if (capabilities.resolveEdits) {
        // The edit is computed when the user picks the action (codeAction/resolve).
        // A fix that creates a file (the logger module) needs a client that can create it.
        if (editsFor(fix).length === 0 || (fix.newFiles && !capabilities.createFiles)) return;
        const data: FixActionData = {
          twelveFactorFix: 1,
          uri: document.uri,
          version: document.version,
          ruleId: finding.ruleId,
          messageId: finding.messageId,
          start: finding.start,
          end: finding.end,
          index,
          title: fix.title,
        };
        action.data = data;
      } else {
        const edit = workspaceEditFor(document, [fix], files, capabilities);
        if (!edit) return;
        action.edit = edit;
      }
      if (!preferred && isPreferredFix(fix)) {
        action.isPreferred = true;
        preferred = true;
      }
      shared.set(fix, action);
      group.fixes.push(action);
    });

    // A disable comment for an unused disable comment would only add noise: its fix removes it.
    if (ruleId === UNUSED_DISABLE_RULE_ID) continue;
    const line = parsed.lines.lineOf(finding.start);
    const lineKey = `${ruleId}@${line}`;
    if (!disabledLines.has(lineKey)) {
      disabledLines.add(lineKey);
      const fix = disableLineFixFor(parsed, ruleId, finding.start);
      const edit = fix && workspaceEditFor(document, [fix], files, capabilities);
      if (fix && edit) group.disableLines.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    }
    if (!group.disableFile) {
      const fix = disableFileFixFor(parsed, ruleId);
      const edit = fix && workspaceEditFor(document, [fix], files, capabilities);
      if (fix && edit) group.disableFile = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: group.diagnostics, edit };
    }
  }
  const actions: CodeAction[] = [];
  for (const group of groups.values()) actions.push(...group.fixes);
  for (const group of groups.values()) {
    actions.push(...group.disableLines);
    if (group.disableFile) actions.push(group.disableFile);
  }
  for (const group of groups.values()) {
    const title = `Show documentation for ${group.ruleId}`;
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: group.diagnostics,
      command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [group.ruleId] },
    });
  }
  return actions;
}

/**
 * The edit of an action listed without one (`FixActionData`), from a fresh analysis of the document; the action
 * unchanged (no edit) when the document moved on and the finding or fix is no longer there.
 */
export function resolveFixAction(
  action: CodeAction,
  data: FixActionData,
  input: { document: TextDocument; findings: readonly Finding[] },
  files: OtherFiles,
  capabilities: EditCapabilities,
): CodeAction {
  if (input.document.uri !== data.uri || input.document.version !== data.version) return action;
  const finding = input.findings.find(
    (candidate) =>
      candidate.ruleId === data.ruleId && candidate.messageId === data.messageId && candidate.start === data.start && candidate.end === data.end,
  );
  const fix = finding?.fixes[data.index];
  if (!fix || fix.title !== data.title) return action;
  const edit = workspaceEditFor(input.document, [fix], files, capabilities);
  return edit ? { ...action, edit } : action;
}

/**
 * At most one preferred fix per diagnostic (the one "Auto Fix" applies): a safe fix, else the first "Move to
 * environment variable" — the remedy the factor itself prescribes, and one that keeps the literal as the fallback
 * (secrets aside). Other fixes, such as picking a logger, are choices the user makes from the list.
 */
function isPreferredFix(fix: Fix): boolean {
  return fix.safe || fix.title.startsWith('Move to environment variable');
}

/** The fresh finding a (possibly older) diagnostic stands for: same rule, same message, same range now. */
function matchFinding(input: CodeActionInput, diagnostic: Diagnostic, used: ReadonlySet<Finding>): Finding | undefined {
  const messageId = isDiagnosticData(diagnostic.data) && typeof diagnostic.data.messageId === 'string' ? diagnostic.data.messageId : undefined;
  const start = input.document.offsetAt(diagnostic.range.start);
  const end = input.document.offsetAt(diagnostic.range.end);
  // offsetAt clamps: a range past the end of the current text is not a match.
  if (!sameRange(input.document.positionAt(start), diagnostic.range.start) || !sameRange(input.document.positionAt(end), diagnostic.range.end)) {
    return undefined;
  }
  return findingsAt(input.findings).get(`${String(diagnostic.code)}@${start}:${end}`)?.find(
    (finding) => !used.has(finding) && (messageId === undefined || finding.messageId === messageId),
  );
}

/** Findings by rule and range, built once per list: a request with every diagnostic of a big file stays linear. */
const findingIndexes = new WeakMap<readonly Finding[], Map<string, Finding[]>>();
function findingsAt(findings: readonly Finding[]): Map<string, Finding[]> {
  let index = findingIndexes.get(findings);
  if (!index) {
    index = new Map();
    for (const finding of findings) {
      const key = `${finding.ruleId}@${finding.start}:${finding.end}`;
      const list = index.get(key);
      if (list) list.push(finding);
      else index.set(key, [finding]);
    }
    findingIndexes.set(findings, index);
  }
  return index;
}

function sameRange(a: Range['start'], b: Range['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

/** All safe fixes of the document's findings that do not collide, as one edit; undefined when there are none. */
function fixAllAction(input: CodeActionInput, files: OtherFiles, capabilities: EditCapabilities): CodeAction | undefined {
  const safe = input.findings.flatMap((finding) => finding.fixes.filter((fix) => fix.safe));
  const chosen: Fix[] = [];
  const taken = new Map<string, TextEdit[]>();
  // compatibleFixes keeps this document's edits apart; edits to another file must not collide either.
  for (const fix of compatibleFixes(safe)) {
    const others = fix.edits.filter((edit) => edit.file !== undefined);
    const clash = others.some((edit) => editsOverlap([...(taken.get(edit.file!) ?? []), ...others.filter((o) => o.file === edit.file)]));
    if (clash) continue;
    for (const edit of others) taken.set(edit.file!, [...(taken.get(edit.file!) ?? []), edit]);
    chosen.push(fix);
  }
  if (chosen.length === 0) return undefined;
  const edit = workspaceEditFor(input.document, chosen, files, capabilities);
  if (!edit) return undefined;
  return { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit };
}

/**
 * The WorkspaceEdit of one or more fixes, or undefined when nothing of it can be applied.
 *
 * With `documentChanges`: this document's edits (at its version), a CreateFile for each missing `createFiles`
 * path, then the edits of other files (at their open version, else unversioned). Without it: a `changes` map.
 * An edit to another file that cannot be applied here — a missing file the client cannot create, or offsets
 * beyond that file's current text — is left out, and the fix is offered with this document's part only, which is
 * the whole remedy (the other files hold companions such as a `.env.example` line). A fix with nothing left for
 * this document is not offered.
 */
export function workspaceEditFor(
  document: TextDocument,
  fixes: readonly Fix[],
  files: OtherFiles,
  capabilities: EditCapabilities,
): WorkspaceEdit | undefined {
  const own = fixes.flatMap((fix) => editsFor(fix)).map((edit) => toLspEdit(document.positionAt.bind(document), edit));
  if (own.length === 0) return undefined;
  // A file the fix creates must not exist yet, and the client must be able to create it.
  const newFiles = fixes.flatMap((fix) => fix.newFiles ?? []);
  if (newFiles.length > 0 && (!capabilities.createFiles || newFiles.some((created) => files.textOf(path.normalize(created.file)) !== undefined))) {
    return undefined;
  }
  const toCreate = new Set(fixes.flatMap((fix) => fix.createFiles ?? []).map((file) => path.normalize(file)));
  const byFile = new Map<string, TextEdit[]>();
  for (const fix of fixes) {
    for (const edit of fix.edits) {
      if (edit.file === undefined) continue;
      const file = path.normalize(edit.file);
      byFile.set(file, [...(byFile.get(file) ?? []), edit]);
    }
  }
  const creates: CreateFile[] = [];
  const others: Array<{ uri: string; version: number | null; edits: LspTextEdit[] }> = [];
  for (const [file, edits] of byFile) {
    let text = files.textOf(file);
    if (text === undefined) {
      if (!toCreate.has(file) || !capabilities.createFiles) {
        if (edits.some((edit) => edit.required)) return undefined;
        continue;
      }
      text = '';
      creates.push({ kind: 'create', uri: uriOf(file), options: { ignoreIfExists: true } });
    }
    const length = text.length;
    if (edits.some((edit) => edit.start < 0 || edit.end < edit.start || edit.end > length) || editsOverlap(edits)) {
      if (edits.some((edit) => edit.required)) return undefined;
      continue;
    }
    const other = TextDocument.create(uriOf(file), 'plaintext', 0, text);
    others.push({ uri: uriOf(file), version: files.versionOf(file) ?? null, edits: edits.map((edit) => toLspEdit(other.positionAt.bind(other), edit)) });
  }
  if (!capabilities.documentChanges) {
    const changes: Record<string, LspTextEdit[]> = { [document.uri]: own };
    for (const other of others) changes[other.uri] = other.edits;
    return { changes };
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [
    { textDocument: { uri: document.uri, version: document.version }, edits: own },
    ...creates,
    ...newFiles.flatMap((created): Array<TextDocumentEdit | CreateFile> => [
      { kind: 'create', uri: uriOf(created.file), options: { overwrite: false, ignoreIfExists: false } },
      { textDocument: { uri: uriOf(created.file), version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created.text }] },
    ]),
    ...others.map((other): TextDocumentEdit => ({ textDocument: { uri: other.uri, version: other.version }, edits: other.edits })),
  ];
  return { documentChanges };
}

function toLspEdit(positionAt: (offset: number) => Range['start'], edit: TextEdit): LspTextEdit {
  return { range: { start: positionAt(edit.start), end: positionAt(edit.end) }, newText: edit.newText };
}

function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

// --- documentation ------------------------------------------------------------------------------------------

export interface DocumentationTarget {
  uri: string;
  /** True for the web page (opened in the browser), false for the page shipped with the extension. */
  external: boolean;
}

/**
 * Where to show a rule's documentation: the page shipped next to the bundle (`docs/rules/<id>.md` in the VSIX,
 * readable offline and matching the installed version), else the published page. Undefined for anything that
 * is not a rule id (the argument comes from the client, and becomes a path).
 */
export function documentationTarget(ruleId: unknown, docsDirectory: string, exists: (file: string) => boolean): DocumentationTarget | undefined {
  if (typeof ruleId !== 'string' || !RULE_IDS.has(ruleId)) return undefined;
  const local = path.join(docsDirectory, ...ruleId.split('/')) + '.md';
  if (exists(local)) return { uri: uriOf(local), external: false };
  return { uri: ruleDocsUrl(ruleId), external: true };
}
