// The benchmark's real-code corpus: a fixed list of folders from node_modules after `npm ci` (the lockfile pins
// their versions, so every run on every machine reads the same files). Mixed on purpose: TypeScript sources
// (msal), tsc output (azure-devops-node-api, @azure/*/dist), hand-written CommonJS (lodash, underscore, mocha,
// undici, qs) and bundler output (parse5, cheerio, markdown-it). Folders named dist/build/out are given
// explicitly because the walker leaves build output out when it meets it below a root.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../server/src/analyzer/config';
import { skipReason } from '../server/src/analyzer/analyze';
import { isSourceFile, walkFiles, walkSourceFiles } from '../server/src/project/files';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Relative to node_modules. Order matters only for the subsets (prefixes of this list). */
export const CORPUS_FOLDERS: readonly string[] = [
  'azure-devops-node-api',
  'lodash',
  '@azure/msal-browser/src',
  'undici',
  'parse5/dist',
  'vscode-languageclient',
  '@azure/msal-common',
  'mocha',
  '@azure/identity/dist',
  'underscore',
  '@azure/msal-node',
  '@typespec/ts-http-runtime/dist',
  'diff',
  '@azure/core-client/dist',
  'ajv',
  'qs',
  'cheerio',
  'cheerio/dist',
  'markdown-it',
  'js-yaml',
  'vscode-jsonrpc',
  'vscode-languageserver-protocol',
  'vscode-languageserver',
  '@azure/core-rest-pipeline/dist',
  '@vscode/vsce/out',
];

export function corpusPaths(folders: readonly string[] = CORPUS_FOLDERS): string[] {
  return folders.map((folder) => path.join(REPO_ROOT, 'node_modules', folder));
}

export interface CorpusStats {
  folders: number;
  /** Files analyzed (after the skip rules). */
  files: number;
  /** Bytes on disk of the analyzed files. */
  bytes: number;
  tsFiles: number;
  /** Files the walker yields that skipReason leaves out (minified, > maxFileSize). */
  skipped: number;
  largestBytes: number;
  largestFile: string;
  /** Files the CLI reads besides the sources (package.json, Dockerfiles, `.env` files), which the floor does not. */
  otherFiles: number;
}

/** Walks the folders exactly as the CLI and the floor do (same walker, same skip rules). */
export function corpusStats(paths: readonly string[]): CorpusStats {
  const stats: CorpusStats = { folders: paths.length, files: 0, bytes: 0, tsFiles: 0, skipped: 0, largestBytes: 0, largestFile: '', otherFiles: 0 };
  for (const root of paths) {
    if (!fs.existsSync(root)) throw new Error(`corpus folder missing: ${root} (run npm ci first)`);
    for (const file of walkFiles(root)) if (!isSourceFile(file)) stats.otherFiles++;
    for (const file of walkSourceFiles(root)) {
      const buffer = fs.readFileSync(file);
      if (skipReason(buffer.toString('utf8'), DEFAULT_CONFIG) !== undefined) {
        stats.skipped++;
        continue;
      }
      stats.files++;
      stats.bytes += buffer.length;
      if (/\.[mc]?tsx?$/.test(file)) stats.tsFiles++;
      if (buffer.length > stats.largestBytes) {
        stats.largestBytes = buffer.length;
        stats.largestFile = path.relative(REPO_ROOT, file);
      }
    }
  }
  return stats;
}

/** The shortest prefix of the folder list holding at least `fraction` of the corpus bytes. */
export function prefixHolding(fraction: number, folders: readonly string[] = CORPUS_FOLDERS): string[] {
  const sizes = folders.map((folder) => corpusStats(corpusPaths([folder])).bytes);
  const total = sizes.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (let i = 0; i < folders.length; i++) {
    sum += sizes[i];
    if (sum >= fraction * total) return folders.slice(0, i + 1);
  }
  return [...folders];
}
