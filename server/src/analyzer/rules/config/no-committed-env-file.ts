// Factor III, config: "config is likely to change between deploys; code does not", and a deploy's values do not
// belong in the repository. A `.env` file with values that git does not ignore is committed with them.
// Docs: docs/rules/config/no-committed-env-file.md
import { isEnvExampleName, isTestEnvName } from '../../knowledge/env';
import { FRONT_END_FRAMEWORKS, declaresAny } from '../../knowledge/packages';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'config/no-committed-env-file',
  factor: 'config',
  severity: 'warning',
  description: 'A .env file with values is git-ignored, not committed; .env.example lists the names.',
  messages: {
    committed:
      '{{file}} holds values and git does not ignore it, so they are committed: add it to .gitignore, keep the values in each deploy’s environment and the names in .env.example (III. Config).',
  },
  skipIn: ['test'],
  languages: {
    dotenv(ctx) {
      const base = ctx.fileName.replace(/\\/g, '/').split('/').pop() ?? '';
      if (isEnvExampleName(base) || isTestEnvName(base)) return {};
      // Next.js, Vite and the like document committing `.env` and `.env.production` with public defaults; their
      // `*.local` files are the ones that must stay out.
      const manifest = ctx.project.manifest;
      const frontEnd = manifest !== undefined && declaresAny(manifest.byName.keys(), FRONT_END_FRAMEWORKS);
      if (frontEnd && !/\.local$/i.test(base)) return {};
      // Development defaults (`.env.development`) are a developer's, not a deploy's.
      if (/^\.env\.(development|dev)$/i.test(base)) return {};
      // Only when git's answer is known: inside a work tree, and not ignored.
      if (ctx.project.isGitIgnored?.(ctx.fileName) !== false) return {};
      const first = ctx.tree.entries.find((entry) => entry.value.trim() !== '');
      if (!first) return {};
      return {
        end() {
          ctx.report({ start: first.keyStart, end: first.valueEnd }, 'committed', { file: base });
        },
      };
    },
  },
});
