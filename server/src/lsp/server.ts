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
import { filePathOf } from './documents';
import { LintService } from './service';
import { describe } from './workspace';

const connection = createConnection(ProposedFeatures.all);
let service: LintService | undefined;
let dynamicWatchers = false;
let dynamicConfiguration = false;
let workspaceFolderEvents = false;

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
  service = new LintService(connection, { configurationCapability: capabilities.workspace?.configuration === true });
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
      // Code actions: advertise `codeActionProvider` here and answer `connection.onCodeAction`; every diagnostic
      // carries its finding's fixes in `data` (see diagnostics.ts, DiagnosticData), so no server cache is needed.
    },
    serverInfo: { name: 'twelve-factor-lint' },
  };
});

connection.onInitialized(
  guard('initialized', () => {
    if (!service) return;
    if (dynamicWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' },
          { globPattern: '**/package.json' },
          { globPattern: '**/.twelvefactorrc.json' },
        ],
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
connection.onShutdown(() => service?.workspace.dispose());

connection.listen();
