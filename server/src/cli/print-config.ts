// `--print-config FILE`: the configuration that applies to FILE, as JSON — which config file, which project, whether
// the file is ignored or counts as a test or script, and every rule with the level and options it runs with there.
import fs from 'node:fs';
import path from 'node:path';
import { classifyFile, isSkippedIn, packageRoleOf, parseManifest, type RuleDefinition } from '../analyzer';
import { ScanSession, type ScanOptions } from '../project/scan';
import { ProjectLocator, readTextFile } from '../project/loader';
import { ignoreMatcher } from '../project/files';

export function effectiveConfigJson(file: string, rules: readonly RuleDefinition[], options: ScanOptions): { json: string; problems: string[] } {
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  const session = new ScanSession([], options);
  const config = session.configFor(dir);
  const locator = new ProjectLocator();
  const projectRoot = locator.projectRootOf(dir, dir);
  const configFile = options.configFile ?? locator.configFor(dir).path ?? null;
  const relative = path.relative(projectRoot, absolute).split(path.sep).join('/');
  const manifestText = readTextFile(path.join(projectRoot, 'package.json'));
  const manifest = manifestText !== undefined ? parseManifest(manifestText) : undefined;
  const kind = classifyFile(relative, fs.existsSync(absolute) ? (readTextFile(absolute) ?? '') : '', { manifest, overrides: config.roles });
  const ignored = ignoreMatcher(config.ignorePatterns)(relative);
  const ruleEntries: Record<string, { level: string; options: Record<string, unknown>; runsHere: boolean }> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const setting = config.rules[rule.id];
    const level = !setting || setting.level === 'default' ? rule.severity : setting.level;
    const quietHere = !config.includeTestsAndScripts && isSkippedIn(kind, rule.skipIn);
    ruleEntries[rule.id] = { level, options: setting?.options ?? {}, runsHere: level !== 'off' && !quietHere && !ignored };
  }
  const problems = session.finish().configProblems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.message}`);
  const json = {
    file: absolute,
    configFile,
    projectRoot,
    ignored,
    role: kind.role,
    roleReason: kind.reason,
    packageRole: manifest ? packageRoleOf(manifest) : null,
    fileKind: kind,
    includeTestsAndScripts: config.includeTestsAndScripts,
    ignorePatterns: config.ignorePatterns,
    maxFileSize: config.maxFileSize,
    roles: config.roles ?? {},
    rules: ruleEntries,
  };
  return { json: `${JSON.stringify(json, null, 2)}\n`, problems };
}
