// The optional ESLint baseline (`node out/bench/bench.js --eslint`): ESLint 9 with typescript-eslint's parser (no
// type information, as we run) and SonarJS's secret rules, installed at pinned versions into the git-ignored
// bench/.cache/eslint/ on first use. Never a project dependency: package.json and the lockfile do not mention it.
// ESLint is given the corpus as an explicit list of files (the files our walker yields after the skip rules), so both
// tools read exactly the same files: given the folders, ESLint would also lint dist/ and out/ below them, the
// minified files we skip, and nothing at all without un-ignoring node_modules (where the corpus lives).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../server/src/analyzer/config';
import { skipReason } from '../server/src/analyzer/analyze';
import { walkSourceFiles } from '../server/src/project/files';
import { REPO_ROOT } from './corpus';

export const ESLINT_DIR = path.join(REPO_ROOT, 'bench', '.cache', 'eslint');
export const ESLINT_BIN = path.join(ESLINT_DIR, 'node_modules', 'eslint', 'bin', 'eslint.js');
export const ESLINT_CONFIG = path.join(ESLINT_DIR, 'eslint.config.mjs');

/** Pinned: eslint latest 9.x, typescript-eslint latest 8.x, sonarjs latest (peer eslint ^8 || ^9 || ^10), our TypeScript. */
export const ESLINT_PACKAGES: readonly string[] = [
  'eslint@9.39.5',
  'typescript-eslint@8.73.0',
  'eslint-plugin-sonarjs@4.2.2',
  'typescript@6.0.3',
];

/** SonarJS rules wanted, in order; only those the installed version has are enabled. */
const SONAR_WANTED: readonly string[] = [
  'no-hardcoded-passwords', // S2068
  'no-hardcoded-secrets', // S6418
  'hardcoded-secret-signatures', // S6437
  'no-hardcoded-ip', // S1313
  'no-clear-text-protocols', // S5332
];

export interface EslintSetup {
  versions: string;
  rules: string[];
}

function installedVersion(pkg: string): string | undefined {
  const manifest = path.join(ESLINT_DIR, 'node_modules', pkg, 'package.json');
  if (!fs.existsSync(manifest)) return undefined;
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Installs the pinned packages when any is missing or at another version, then writes the flat config. */
export function setUpEslint(log: (message: string) => void): EslintSetup {
  const stale = ESLINT_PACKAGES.filter((spec) => {
    const at = spec.lastIndexOf('@');
    return installedVersion(spec.slice(0, at)) !== spec.slice(at + 1);
  });
  if (stale.length > 0) {
    log(`Installing ${ESLINT_PACKAGES.join(' ')} into ${path.relative(REPO_ROOT, ESLINT_DIR)}…`);
    fs.mkdirSync(ESLINT_DIR, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--prefix', ESLINT_DIR, '--no-save', '--no-audit', '--no-fund', ...ESLINT_PACKAGES], {
      cwd: ESLINT_DIR,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`npm install of the ESLint baseline failed (${result.status ?? result.signal})`);
  }
  // The plugin's rule list, read in a child so this process does not load ESLint's modules.
  const listed = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(JSON.stringify(Object.keys(require('eslint-plugin-sonarjs').rules)))`],
    { cwd: ESLINT_DIR, encoding: 'utf8' },
  );
  if (listed.status !== 0) throw new Error(`cannot load eslint-plugin-sonarjs:\n${listed.stderr}`);
  const available = new Set(JSON.parse(listed.stdout) as string[]);
  const sonar = SONAR_WANTED.filter((name) => available.has(name));
  const rules = ['no-console', ...sonar.map((name) => `sonarjs/${name}`)];
  const ruleTable = rules.map((name) => `      ${JSON.stringify(name)}: 'error',`).join('\n');
  fs.writeFileSync(
    ESLINT_CONFIG,
    `// Written by bench/eslint-baseline.ts; regenerated on every --eslint run.
import tseslint from 'typescript-eslint';
import sonarjs from 'eslint-plugin-sonarjs';

export default [
  // The corpus lives in node_modules, which ESLint ignores by default.
  { ignores: ['!**/node_modules/'] },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    // Directives in the corpus name rules this config does not load: respected as ESLint does, never reported.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { sonarjs },
    rules: {
${ruleTable}
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    // No type information, as the analyzer runs: no program, no project service.
    languageOptions: { parser: tseslint.parser, parserOptions: { project: false, projectService: false } },
  },
];
`,
  );
  const versions = ['eslint', 'typescript-eslint', 'eslint-plugin-sonarjs', 'typescript']
    .map((pkg) => `${pkg} ${installedVersion(pkg) ?? '?'}`)
    .join(', ');
  return { versions, rules };
}

/** The files our CLI analyzes under these folders: same walker, same skip rules. */
export function corpusFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const root of paths) {
    for (const file of walkSourceFiles(root)) {
      if (skipReason(fs.readFileSync(file, 'utf8'), DEFAULT_CONFIG) === undefined) files.push(file);
    }
  }
  return files;
}

/** Arguments after `node`: ESLint's own bin, our config only, JSON report to `output`. */
export function eslintArgs(files: readonly string[], output: string): string[] {
  return [ESLINT_BIN, '--no-config-lookup', '-c', ESLINT_CONFIG, '--no-warn-ignored', '--format', 'json', '-o', output, ...files];
}

export interface EslintReport {
  files: number;
  messages: number;
  /** Files ESLint could not parse (a fatal message): linted, but no rule ran on them. */
  fatal: number;
  /** Messages per rule id (null = parse error). */
  byRule: Record<string, number>;
}

export function readEslintReport(output: string): EslintReport {
  const results = JSON.parse(fs.readFileSync(output, 'utf8')) as Array<{ messages: Array<{ ruleId: string | null; fatal?: boolean }> }>;
  const report: EslintReport = { files: results.length, messages: 0, fatal: 0, byRule: {} };
  for (const result of results) {
    if (result.messages.some((m) => m.fatal)) report.fatal++;
    for (const message of result.messages) {
      report.messages++;
      const id = message.ruleId ?? 'parse error';
      report.byRule[id] = (report.byRule[id] ?? 0) + 1;
    }
  }
  return report;
}
