// The parts of package.json generated from the rule list: the `twelveFactor.rules` setting's schema, with one property
// per rule id so that VS Code suggests every id and describes it. test/meta.test.ts fails when package.json drifts;
// `npm run sync:manifest` rewrites it, and the factor and rule index of docs/README.md (see docs-index.ts).
import fs from 'node:fs';
import path from 'node:path';
import { factorInfo } from '../../server/src/analyzer/factors';
import { RULES } from '../../server/src/analyzer/rules/index';
import { syncDocsIndex } from './docs-index';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const MANIFEST = path.join(ROOT, 'package.json');

export const RULE_LEVELS = ['off', 'error', 'warning', 'info', 'hint', 'default'] as const;

const LEVEL_DESCRIPTIONS = [
  'Do not run the rule.',
  'Report as an error (fails a CLI run).',
  'Report as a warning.',
  'Report as information.',
  'Report as a hint (shown faintly, not in the Problems panel).',
  "The rule's own default level.",
];

export function levelSchema(): Record<string, unknown> {
  return { type: 'string', enum: [...RULE_LEVELS], enumDescriptions: LEVEL_DESCRIPTIONS };
}

/** The schema of `twelveFactor.rules`: a property per registered rule (sorted by id), unknown ids still accepted. */
export function rulesSettingSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const rule of [...RULES].sort((a, b) => a.id.localeCompare(b.id))) {
    const factor = factorInfo(rule.factor);
    properties[rule.id] = {
      type: 'string',
      enum: [...RULE_LEVELS],
      markdownDescription: `${factor.numeral}. ${factor.title}: ${rule.description} Default: \`${rule.severity}\`.`,
    };
  }
  return {
    scope: 'resource',
    type: 'object',
    properties,
    // Unknown ids are not a schema error (a setting shared with a newer version keeps working); the server warns.
    additionalProperties: levelSchema(),
    default: {},
    markdownDescription:
      'Rule levels for this editor, by rule id, e.g. `{ "logs/no-console": "off" }`. They override `.twelvefactorrc.json` and keep the options it gives a rule. An unknown rule id is reported.',
  };
}

interface Manifest {
  contributes: { configuration: { properties: Record<string, unknown> } };
}

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
}

/** Rewrites package.json with the generated parts (2-space JSON, as npm writes it). */
export function syncManifest(): boolean {
  const text = fs.readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text) as Manifest;
  manifest.contributes.configuration.properties['twelveFactor.rules'] = rulesSettingSchema();
  const next = `${JSON.stringify(manifest, null, 2)}\n`;
  if (next === text) return false;
  fs.writeFileSync(MANIFEST, next);
  return true;
}

if (require.main === module) {
  process.stdout.write(syncManifest() ? 'package.json: twelveFactor.rules schema updated\n' : 'package.json is in sync\n');
  process.stdout.write(syncDocsIndex() ? 'docs/README.md: factor and rule index updated\n' : 'docs/README.md is in sync\n');
}
