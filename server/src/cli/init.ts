// `--init`: a commented starter `.twelvefactorrc.json` (JSONC: the config parser reads comments and trailing commas)
// listing every option and every rule at its default level, so that a team edits a file instead of reading docs first.
// Never overwrites: an existing file is a decision someone made.
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_MAX_FILE_SIZE, factorInfo, type RuleDefinition } from '../analyzer';

export function starterConfig(rules: readonly RuleDefinition[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const width = Math.max(...sorted.map((rule) => rule.id.length)) + 4;
  const lines = sorted.map((rule, i) => {
    const factor = factorInfo(rule.factor);
    const entry = `"${rule.id}": "${rule.severity}"${i < sorted.length - 1 ? ',' : ''}`;
    return `    ${entry.padEnd(width + 12)}// ${factor.numeral}. ${factor.title}: ${rule.description}`;
  });
  return `// Twelve-Factor Lint configuration (JSON with comments). Every option is listed at its default; see
// docs/configuration.md. Levels: "off", "error", "warning", "info", "hint", or [level, { options }].
{
  // Rule levels by id. "error" fails the command (exit code 1); the others are reported only.
  "rules": {
${lines.join('\n')}
  },

  // Globs, relative to this file's project (the folder of the nearest package.json), never analyzed.
  // node_modules, .git, vendor and build output (dist, build, out, coverage, ...) are always left out.
  "ignorePatterns": [],

  // Also run the rules in tests, fixtures and scripts, where most of them stay quiet by default.
  "includeTestsAndScripts": false,

  // Files larger than this many bytes are skipped (bundles, generated code).
  "maxFileSize": ${DEFAULT_MAX_FILE_SIZE}
}
`;
}

/** Writes the starter file in `dir`; returns its path, or an error message when a config file is already there. */
export function writeStarterConfig(dir: string, rules: readonly RuleDefinition[]): { written: string } | { error: string } {
  const target = path.join(dir, CONFIG_FILE_NAME);
  try {
    // 'wx': fails when the file exists, with no window between a check and the write.
    fs.writeFileSync(target, starterConfig(rules), { flag: 'wx' });
    return { written: target };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { error: `${CONFIG_FILE_NAME} already exists here; it was left as it is` };
    return { error: `could not write ${target}: ${code ?? (error as Error).message}` };
  }
}
