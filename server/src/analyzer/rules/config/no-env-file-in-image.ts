// Factor III, config: config lives in the environment of each deploy, never in the build. A `.env` file copied
// into an image ships one deploy's values (and secrets) to every place the image runs.
// Docs: docs/rules/config/no-env-file-in-image.md
import { isEnvExampleName, isTestEnvName } from '../../knowledge/env';
import { FRONT_END_FRAMEWORKS, declaresAny } from '../../knowledge/packages';
import { isDotenvFileName } from '../../languages/dotenv';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'config/no-env-file-in-image',
  factor: 'config',
  severity: 'warning',
  description: 'Dockerfiles do not COPY or ADD .env files into the image, and a build context holding one leaves it out through .dockerignore.',
  messages: {
    copied:
      '"{{source}}" copies a .env file into the image: its values go wherever the image goes; give each deploy its environment instead (III. Config).',
    context:
      'This copies the whole build context, and {{file}} is in it with no .dockerignore leaving it out: add "{{pattern}}" to .dockerignore (III. Config).',
  },
  skipIn: ['test'],
  languages: {
    dockerfile(ctx) {
      return {
        visit(instruction) {
          if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.has('from')) return;
          const sources = instruction.args.slice(0, -1);
          for (const source of sources) {
            const value = source.value.replace(/^\[?"?|"?,?\]?$/g, '');
            if (copiesEnvFile(value)) ctx.report(source, 'copied', { source: value });
          }
        },
      };
    },
  },
  project: {
    reportsInto: ['dockerfile'],
    check(ctx) {
      const project = ctx.project;
      if (!project.files || !project.isDockerIgnored) return;
      // A front end's env files are inputs of its build (public values compiled into the bundle), by design.
      if (project.manifest && declaresAny(project.manifest.byName.keys(), FRONT_END_FRAMEWORKS)) return;
      const envFiles: string[] = [];
      const dockerfiles: Array<[string, NonNullable<ReturnType<NonNullable<typeof project.factsOf>>>]> = [];
      for (const [file, facts] of project.files()) {
        const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
        const local = isEnvExampleName(base) || isTestEnvName(base) || /^\.env\.(development|dev)$/i.test(base);
        if (facts.dotenv && facts.dotenv.entries.some((entry) => entry.hasValue) && !local) envFiles.push(file);
        if (facts.docker) dockerfiles.push([file, facts]);
      }
      if (envFiles.length === 0) return;
      for (const [dockerfile, facts] of dockerfiles) {
        const dir = dockerfile.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
        for (const copy of facts.docker!.copies) {
          // Earlier stages build; only the last stage's files ship in the image.
          if (copy.final === false) continue;
          const whole = copy.sources.find((source) => source.value === '.' || source.value === './');
          if (!whole) continue;
          // The context is usually the Dockerfile's folder: an env file below it, not left out by a .dockerignore.
          const exposed = envFiles.find((file) => file.replace(/\\/g, '/').startsWith(`${dir}/`) && project.isDockerIgnored!(dockerfile, file) !== true);
          if (!exposed) continue;
          const relative = exposed.replace(/\\/g, '/').slice(dir.length + 1);
          ctx.report({ file: dockerfile, start: whole.start, end: whole.end }, 'context', { file: relative, pattern: '.env*' });
        }
      }
    },
  },
});

/** A COPY source that is (or globs) a `.env` file with values: `.env`, `.env.production`, `.env*`, `config/app.env`. */
function copiesEnvFile(source: string): boolean {
  const base = source.replace(/\/+$/, '').split('/').pop() ?? '';
  if (base === '.env*' || base === '*.env' || base === '.env.*') return true;
  return isDotenvFileName(base) && !isEnvExampleName(base);
}
