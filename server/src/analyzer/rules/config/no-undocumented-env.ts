// Factor III, config: everything that varies between deploys is in the environment, and the names a deploy must
// set are written down: the project's `.env.example` lists every variable the code reads.
// Docs: docs/rules/config/no-undocumented-env.md
import { isEnvExampleName, isPlatformVariable } from '../../knowledge/env';
import type { EnvRead, FileFacts } from '../../project';
import { defineRule, type Fix } from '../../rule';

const MAX_NAMED = 6;

export default defineRule({
  id: 'config/no-undocumented-env',
  factor: 'config',
  severity: 'info',
  description: 'The project’s .env.example lists every environment variable its code reads.',
  messages: {
    missing:
      '{{count}} the code reads {{verb}} not listed here: {{names}}. List every variable a deploy must set (III. Config).',
  },
  skipIn: ['test'],
  project: {
    reportsInto: ['dotenv'],
    check(ctx) {
      const project = ctx.project;
      if (!project.files || !project.root) return;
      const root = project.root.replace(/\\/g, '/').replace(/\/$/, '');
      // Only a package that is deployed (it has a start script or a Dockerfile): a workspace library's variables
      // are set by the app that uses it, and listed in that app's example.
      const manifest = project.manifest;
      let deployed = manifest?.scripts.has('start') === true;
      const examples: Array<[string, FileFacts]> = [];
      const listed = new Set<string>();
      const reads = new Map<string, EnvRead & { file: string }>();
      const fallbackEverywhere = new Map<string, boolean>();
      for (const [file, facts] of project.files()) {
        const slash = file.replace(/\\/g, '/');
        const base = slash.slice(slash.lastIndexOf('/') + 1);
        if (facts.dotenv && isEnvExampleName(base)) {
          for (const entry of facts.dotenv.entries) listed.add(entry.key);
          for (const key of facts.dotenv.commentedKeys) listed.add(key);
          if (slash.slice(0, slash.lastIndexOf('/')) === root) examples.push([file, facts]);
        }
        // Names a Dockerfile sets are the image's, not the deploy's to list.
        for (const name of facts.docker?.envNames ?? []) listed.add(name);
        if (facts.docker) deployed = true;
        if (!facts.envReads || facts.role?.test || facts.role?.script) continue;
        for (const read of facts.envReads) {
          if (read.mapped || !/^[A-Z][A-Z0-9_]*$/.test(read.name) || isPlatformVariable(read.name, read.via)) continue;
          if (!reads.has(read.name)) reads.set(read.name, { ...read, file });
          fallbackEverywhere.set(read.name, (fallbackEverywhere.get(read.name) ?? true) && read.fallback);
        }
      }
      // Only a project that keeps an example file at its root: the check is about keeping it complete.
      if (examples.length === 0 || !deployed) return;
      examples.sort(([a], [b]) => exampleRank(a) - exampleRank(b) || a.localeCompare(b));
      const [file, facts] = examples[0];
      const missing = [...reads.keys()].filter((name) => !listed.has(name)).sort();
      if (missing.length === 0) return;
      const text = facts.dotenv?.text ?? '';
      const firstLineEnd = text.search(/\r?\n|\r|$/);
      const shown = missing.slice(0, MAX_NAMED).join(', ') + (missing.length > MAX_NAMED ? ` and ${missing.length - MAX_NAMED} more` : '');
      const base = file.replace(/\\/g, '/').split('/').pop() ?? '.env.example';
      const fixes = (): Fix[] => {
        if (facts.dotenv?.text === undefined) return [];
        const newline = /\r\n/.test(text) ? '\r\n' : '\n';
        const prefix = text.length > 0 && !/[\r\n]$/.test(text) ? newline : '';
        // A variable with a fallback in the code is documented commented out: copied to a .env, an empty value
        // would replace the fallback (`process.env.X ?? 'x'` keeps '').
        const lines = missing.map((name) => (fallbackEverywhere.get(name) ? `# ${name}=` : `${name}=`));
        return [
          {
            title: formatTitle(missing, base),
            safe: false,
            edits: [{ start: text.length, end: text.length, newText: `${prefix}${lines.join(newline)}${newline}` }],
          },
        ];
      };
      ctx.report(
        { file, start: 0, end: Math.max(0, firstLineEnd) },
        'missing',
        { count: missing.length === 1 ? '1 variable' : `${missing.length} variables`, verb: missing.length === 1 ? 'is' : 'are', names: shown },
        { fixes },
      );
    },
  },
});

function formatTitle(names: readonly string[], file: string): string {
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return `Add ${shown} to ${file}`;
}

/** `.env.example` first, then the other spellings. */
function exampleRank(file: string): number {
  return /\.env\.example$/i.test(file) ? 0 : 1;
}
