// The language server's entry point: connection wiring only; LintService does the work.
// Transport comes from argv (`--stdio`, `--node-ipc`, `--socket=`). With --stdio, vscode-languageserver routes
// console.* to the client's log, so stdout carries nothing but LSP messages.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  createConnection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_ACTION_KINDS,
  asksForFixAll,
  SHOW_DOCUMENTATION_COMMAND,
  codeActions,
  documentationTarget,
  editCapabilities,
  fixesFilter,
  isFixActionData,
  resolveFixAction,
  type EditCapabilities,
} from './code-actions';
import { SUPPORTED_FILE_GLOBS } from '../analyzer';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { filePathOf } from './documents';
import { FILE_FINDINGS_REQUEST, REPORT_REQUEST, type FileFindingsParams, type ReportParams } from './protocol';
import { LintService } from './service';
import { describe } from './workspace';

/** Files that change what the project checks see: ignore files, workspace lists, module aliases. */
const CONTEXT_FILE_GLOBS = ['**/.gitignore', '**/.dockerignore', '**/pnpm-workspace.{yaml,yml}', '**/lerna.json', '**/{tsconfig,jsconfig}*.json'];

const connection = createConnection(ProposedFeatures.all);
let service: LintService | undefined;
let dynamicWatchers = false;
let dynamicConfiguration = false;
let workspaceFolderEvents = false;
let edits: EditCapabilities = { documentChanges: false, createFiles: false, resolveEdits: false };
let showDocumentSupport = false;
/** Rule pages shipped in the VSIX: the bundle is server/out/server.js, the pages docs/rules/<id>.md. */
const DOCS_DIRECTORY = path.resolve(__dirname, '..', '..', 'docs', 'rules');

/** Runs a handler so that a bug in analysis is logged and never takes the server down. */
function guard<A extends unknown[]>(name: string, handler: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      handler(...args);
    } catch (error) {
      connection.console.error(`${name} failed: ${describe(error)}`);
    }
  };
}

process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${describe(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describe(reason)}`));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const capabilities = params.capabilities;
  dynamicWatchers = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  workspaceFolderEvents = capabilities.workspace?.workspaceFolders === true;
  edits = editCapabilities(capabilities);
  showDocumentSupport = capabilities.window?.showDocument?.support === true;
  const initOptions = params.initializationOptions as { statusNotifications?: unknown } | null | undefined;
  service = new LintService(connection, {
    configurationCapability: capabilities.workspace?.configuration === true,
    statusNotifications: initOptions?.statusNotifications === true,
  });
  const folders = (params.workspaceFolders ?? []).map((folder) => filePathOf(folder.uri));
  if (folders.length === 0 && params.rootUri) folders.push(filePathOf(params.rootUri));
  service.workspace.setFolders(folders.filter((folder): folder is string => folder !== undefined));
  return {
    capabilities: {
      textDocumentSync: {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: edits.resolveEdits === true },
      executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
    },
    serverInfo: { name: 'twelve-factor-lint' },
  };
});

connection.onInitialized(
  guard('initialized', () => {
    if (!service) return;
    if (dynamicWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [...SUPPORTED_FILE_GLOBS, ...CONTEXT_FILE_GLOBS].map((globPattern) => ({ globPattern })),
      });
    }
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'twelveFactor' });
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard('didChangeWorkspaceFolders', (event) => {
          const paths = (list: typeof event.added) =>
            list.map((folder) => filePathOf(folder.uri)).filter((folder): folder is string => folder !== undefined);
          service?.workspace.addFolders(paths(event.added), paths(event.removed));
        }),
      );
    }
    service.workspace.reindex();
  }),
);

connection.onDidOpenTextDocument(
  guard('didOpen', ({ textDocument: doc }) => service?.didOpen(doc.uri, doc.languageId, doc.version, doc.text)),
);
connection.onDidChangeTextDocument(
  guard('didChange', ({ textDocument, contentChanges }) => service?.didChange(textDocument.uri, textDocument.version, contentChanges)),
);
connection.onDidSaveTextDocument(guard('didSave', ({ textDocument }) => service?.didSave(textDocument.uri)));
connection.onDidCloseTextDocument(guard('didClose', ({ textDocument }) => service?.didClose(textDocument.uri)));
connection.onDidChangeConfiguration(guard('didChangeConfiguration', ({ settings }) => service?.didChangeConfiguration(settings)));
connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', ({ changes }) => service?.didChangeWatchedFiles(changes)));
connection.onCodeAction(async ({ textDocument, range, context }, token) => {
  try {
    const ours = context.diagnostics.some((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    const fixAll = asksForFixAll(context.only);
    if (!service || (!ours && !fixAll)) return [];
    const open = service.documents.get(textDocument.uri);
    if (!open) return [];
    // Fixes are computed only for the diagnostics of the request's range (all of them for fix-all).
    const wanted = fixesFilter(open.document, context.diagnostics, range, context.only);
    const analysis = await service.analyzeForActions(textDocument.uri, wanted);
    if (!analysis || token.isCancellationRequested) return [];
    const files = service;
    return codeActions(
      {
        document: analysis.open.document,
        parsed: analysis.parsed,
        findings: analysis.findings,
        diagnostics: context.diagnostics,
        only: context.only,
        range,
      },
      { textOf: (file) => files.textOf(file), versionOf: (file) => files.versionOf(file) },
      edits,
    );
  } catch (error) {
    connection.console.error(`codeAction failed: ${describe(error)}`);
    return [];
  }
});

// The edit of the one fix the user picked (clients with resolveSupport for `edit`).
connection.onCodeActionResolve(async (action) => {
  try {
    const data: unknown = action.data;
    if (!service || !isFixActionData(data)) return action;
    const analysis = await service.analyzeForActions(data.uri, (finding) => finding.ruleId === data.ruleId && finding.start === data.start && finding.end === data.end);
    if (!analysis) return action;
    const files = service;
    return resolveFixAction(action, data, { document: analysis.open.document, findings: analysis.findings }, { textOf: (file) => files.textOf(file), versionOf: (file) => files.versionOf(file) }, edits);
  } catch (error) {
    connection.console.error(`codeAction/resolve failed: ${describe(error)}`);
    return action;
  }
});

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  if (command !== SHOW_DOCUMENTATION_COMMAND) return;
  const target = documentationTarget(args?.[0], DOCS_DIRECTORY, (file) => fs.existsSync(file));
  if (!target) {
    connection.console.warn(`${SHOW_DOCUMENTATION_COMMAND}: not a rule id: ${JSON.stringify(args?.[0])}`);
    return;
  }
  if (!showDocumentSupport) {
    // A client without window/showDocument still gets the address.
    connection.window.showInformationMessage(`Documentation for ${String(args?.[0])}: ${target.uri}`);
    return;
  }
  try {
    const result = await connection.window.showDocument(
      target.external ? { uri: target.uri, external: true } : { uri: target.uri, takeFocus: true },
    );
    if (!result.success) connection.console.warn(`The client could not show ${target.uri}.`);
  } catch (error) {
    connection.console.warn(`Could not show ${target.uri}: ${describe(error)}`);
  }
});

connection.onRequest(REPORT_REQUEST, (params: ReportParams | undefined) => {
  if (!service) return { indexing: false, filesIndexed: 0, limitReached: false, counts: { error: 0, warning: 0, info: 0, hint: 0 }, configProblems: [], projects: [] };
  return service.report(params);
});

connection.onRequest(FILE_FINDINGS_REQUEST, (params: FileFindingsParams | undefined) => service?.fileFindings(params) ?? { findings: [] });

connection.onShutdown(() => service?.dispose());

connection.listen();
