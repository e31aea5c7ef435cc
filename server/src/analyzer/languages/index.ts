// The languages the analyzer reads, and the one list of the files it reads: file discovery (project/files.ts), the
// server's file watchers, the client's document selector and the CLI all take it from here (test/meta.test.ts
// checks that the client's copy agrees).
import type ts from 'typescript';
import { dockerfileLanguage, type DockerInstruction, type DockerfileTree } from './dockerfile';
import { dotenvLanguage, type DotenvEntry, type DotenvTree } from './dotenv';
import { jsonLanguage, type JsonNode, type JsonTree } from './json';
import type { Language, LanguageId } from './language';
import { typescriptLanguage } from './typescript';

export type { Language, LanguageId, TextRange, CommentSyntax } from './language';
export { LineMap, type LinePosition } from './line-map';

/** Each language's tree and node types, by id. */
export interface LanguageTypes {
  typescript: { tree: ts.SourceFile; node: ts.Node };
  json: { tree: JsonTree; node: JsonNode };
  dockerfile: { tree: DockerfileTree; node: DockerInstruction };
  dotenv: { tree: DotenvTree; node: DotenvEntry };
}

export type TreeOf<L extends LanguageId> = LanguageTypes[L]['tree'];
export type NodeOf<L extends LanguageId> = LanguageTypes[L]['node'];
export type AnyLanguage = { [L in LanguageId]: Language<TreeOf<L>, NodeOf<L>> }[LanguageId];

export const LANGUAGES: { readonly [L in LanguageId]: Language<TreeOf<L>, NodeOf<L>> } = {
  typescript: typescriptLanguage,
  json: jsonLanguage,
  dockerfile: dockerfileLanguage,
  dotenv: dotenvLanguage,
};

export const LANGUAGE_IDS: readonly LanguageId[] = ['typescript', 'json', 'dockerfile', 'dotenv'];

/** The language of a file name, or undefined when the analyzer does not read such files. */
export function languageOf(fileName: string): AnyLanguage | undefined {
  for (const id of LANGUAGE_IDS) {
    const language = LANGUAGES[id];
    if (language.matches(fileName)) return language as AnyLanguage;
  }
  return undefined;
}

export function isSupportedFile(fileName: string): boolean {
  return languageOf(fileName) !== undefined;
}

/**
 * Globs of every file kind the analyzer reads, for file watchers (LSP `workspace/didChangeWatchedFiles`) and the
 * client's document selector. Wider than `languageOf` where a glob cannot say it (`.env*` also matches `.envrc`):
 * whatever they let through, `languageOf` decides.
 */
export const SUPPORTED_FILE_GLOBS: readonly string[] = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/package.json',
  '**/.twelvefactorrc.json',
  '**/{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/{Dockerfile,dockerfile,Containerfile,containerfile}.*',
  '**/*.{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/.env',
  '**/.env.*',
  '**/*.env',
];

/**
 * The editor's language ids of the documents the server analyzes, by language. `.env` files have no language of
 * their own in VS Code (extensions call them `dotenv`, `properties`, `ini`, `shellscript` or plain text): they
 * are chosen by file name, whatever their id.
 */
export const EDITOR_LANGUAGE_IDS: { readonly [L in LanguageId]: readonly string[] } = {
  typescript: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
  json: ['json', 'jsonc'],
  dockerfile: ['dockerfile'],
  dotenv: ['dotenv', 'properties', 'ini', 'shellscript', 'plaintext', 'env'],
};

/**
 * The name the analyzer reads a document under: its own when the analyzer reads such files, else one with an
 * extension from the editor's language id (`bin/www` as JavaScript → `bin/www.js`, an untitled TypeScript buffer).
 * Undefined when the document is of no language the analyzer reads (a `tsconfig.json` opened as JSON).
 */
export function analysisNameFor(name: string, editorLanguageId: string): string | undefined {
  if (isSupportedFile(name)) return name;
  const extension = EXTENSION_BY_EDITOR_LANGUAGE[editorLanguageId];
  return extension === undefined ? undefined : `${name}${extension}`;
}

const EXTENSION_BY_EDITOR_LANGUAGE: Readonly<Record<string, string>> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
  dockerfile: '.dockerfile',
};
