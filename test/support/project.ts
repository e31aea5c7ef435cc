// Projects for rule tests: a ProjectIndex with a package.json (and optionally a workspace, aliases and files), as
// the CLI and the server build them from disk.
import { analyze } from '../../server/src/analyzer/analyze';
import { NO_ALIASES, type ModuleAliases } from '../../server/src/analyzer/knowledge/modules';
import { LineMap } from '../../server/src/analyzer/languages/line-map';
import { runProjectRules } from '../../server/src/analyzer/project-rules';
import type { Finding, RuleDefinition } from '../../server/src/analyzer/rule';
import { parseManifest } from '../../server/src/analyzer/manifest';
import { ProjectIndex, type FileFacts, type WorkspaceView } from '../../server/src/analyzer/project';

export interface ProjectSpec {
  root?: string;
  packageJson?: Record<string, unknown>;
  workspace?: { root: string; packages: Record<string, string>; rootPackageJson?: Record<string, unknown>; declared?: string[] };
  aliases?: Partial<ModuleAliases>;
  files?: Record<string, FileFacts>;
  gitIgnored?: (file: string) => boolean | undefined;
  dockerIgnored?: (dockerfile: string, file: string) => boolean | undefined;
}

export function projectWith(spec: ProjectSpec = {}): ProjectIndex {
  const index = new ProjectIndex(spec.root ?? '/repo');
  index.setManifest(parseManifest(JSON.stringify(spec.packageJson ?? { name: 'app' })));
  if (spec.workspace) {
    const view: WorkspaceView = {
      root: spec.workspace.root,
      packages: new Map(Object.entries(spec.workspace.packages)),
      ...(spec.workspace.rootPackageJson ? { rootManifest: parseManifest(JSON.stringify(spec.workspace.rootPackageJson)) } : {}),
      declared: new Set(spec.workspace.declared ?? ['next', 'react']),
    };
    index.workspace = view;
  }
  index.moduleAliases = { ...NO_ALIASES, ...spec.aliases };
  for (const [file, facts] of Object.entries(spec.files ?? {})) index.setFile(file, facts);
  if (spec.gitIgnored) index.isGitIgnored = spec.gitIgnored;
  index.isDockerIgnored = spec.dockerIgnored ?? (() => undefined);
  return index;
}

/**
 * A project from file texts, indexed the way the CLI indexes it (facts from `analyze`), with `root` as its folder;
 * `packageJson` is also written as the manifest.
 */
export function projectFromFiles(files: Record<string, string>, spec: ProjectSpec = {}): ProjectIndex {
  const root = spec.root ?? '/repo';
  const index = projectWith({ ...spec, root });
  for (const [relative, text] of Object.entries(files)) {
    const file = `${root}/${relative}`;
    index.setFile(file, analyze({ fileName: file, text, project: index, rules: [] }).facts);
  }
  return index;
}

/** The findings of one rule's project check, by file relative to the project root, with 1-based positions. */
export function projectFindings(rule: RuleDefinition, index: ProjectIndex, files: Record<string, string>, options?: { fixes?: boolean }) {
  const found = runProjectRules(index, { rules: [rule], fixes: options?.fixes ?? true });
  const out: Array<{ file: string; line: number; column: number; message: string; finding: Finding }> = [];
  for (const [file, findings] of found) {
    const relative = file.slice(index.root.length + 1);
    const lines = new LineMap(files[relative] ?? '');
    for (const finding of findings) {
      const position = lines.positionOf(finding.start);
      out.push({ file: relative, line: position.line + 1, column: position.character + 1, message: finding.message, finding });
    }
  }
  return out;
}
