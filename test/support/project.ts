// Projects for rule tests: a ProjectIndex with a package.json (and optionally a workspace, aliases and files), as
// the CLI and the server build them from disk.
import { NO_ALIASES, type ModuleAliases } from '../../server/src/analyzer/knowledge/modules';
import { parseManifest } from '../../server/src/analyzer/manifest';
import { ProjectIndex, type FileFacts, type WorkspaceView } from '../../server/src/analyzer/project';

export interface ProjectSpec {
  root?: string;
  packageJson?: Record<string, unknown>;
  workspace?: { root: string; packages: Record<string, string>; rootPackageJson?: Record<string, unknown> };
  aliases?: Partial<ModuleAliases>;
  files?: Record<string, FileFacts>;
  gitIgnored?: (file: string) => boolean | undefined;
}

export function projectWith(spec: ProjectSpec = {}): ProjectIndex {
  const index = new ProjectIndex(spec.root ?? '/repo');
  index.setManifest(parseManifest(JSON.stringify(spec.packageJson ?? { name: 'app' })));
  if (spec.workspace) {
    const view: WorkspaceView = {
      root: spec.workspace.root,
      packages: new Map(Object.entries(spec.workspace.packages)),
      ...(spec.workspace.rootPackageJson ? { rootManifest: parseManifest(JSON.stringify(spec.workspace.rootPackageJson)) } : {}),
    };
    index.workspace = view;
  }
  index.moduleAliases = { ...NO_ALIASES, ...spec.aliases };
  for (const [file, facts] of Object.entries(spec.files ?? {})) index.setFile(file, facts);
  if (spec.gitIgnored) index.isGitIgnored = spec.gitIgnored;
  return index;
}
