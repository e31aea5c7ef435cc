// Factor III, config: "grouping config into 'environments' named after specific deploys, such as the development,
// test, and production environments in Rails […] does not scale cleanly": config chosen by NODE_ENV (a file per
// environment, a group per environment, an env file per environment) instead of read from the environment.
// Docs: docs/rules/config/no-environment-groups.md
import ts from 'typescript';
import { propertyNameText, skipOuterExpressions, textGate } from '../../ast';
import { DEPLOY_STAGES, LOCAL_STAGES } from '../../knowledge/env';
import { jsonProperty } from '../../languages/json';
import { defineRule } from '../../rule';

/**
 * Whether the text can choose config by stage: it names NODE_ENV, APP_ENV, `.env.`, or a word ending in `env`/`Env`.
 * The shared gate scan rules out most files; the pattern confirms the rest (a file with escapes passes every gate),
 * and it is slow only on files without a match.
 */
const mayMentionEnv = textGate(['.env.', 'NODE_ENV', 'APP_ENV'], [], ['env', 'Env']);
const mentionsEnv = (text: string): boolean => mayMentionEnv(text) && /NODE_ENV|APP_ENV|\.env\.|[Ee]nv\b/.test(text);

export default defineRule({
  id: 'config/no-environment-groups',
  factor: 'config',
  severity: 'warning',
  description: 'Config is read from the environment, not chosen by NODE_ENV from files, groups or env files named after deploys.',
  messages: {
    fileByEnv:
      'Config is loaded from a file named after NODE_ENV; a new deploy then needs a new file in the code. Read each setting from the environment instead (III. Config).',
    groups:
      'Config grouped by environment ({{stages}}) and picked by NODE_ENV; read each setting from the environment instead (III. Config).',
    stageFile:
      '"{{file}}" holds the config of one deploy, loaded by name; give each deploy its environment instead of a file per stage (III. Config).',
  },
  skipIn: ['test'],
  create(ctx) {
    if (!mentionsEnv(ctx.text)) return { visit: {} };
    const envNames = new Set<string>();
    const groupObjects = new Map<string, ts.ObjectLiteralExpression>();
    const reported = new Set<ts.Node>();
    const report = (node: ts.Node, messageId: 'fileByEnv' | 'groups' | 'stageFile', data?: Record<string, string>): void => {
      if (reported.has(node)) return;
      reported.add(node);
      ctx.report(node, messageId, data);
    };
    /** The expression reads the deploy's stage: `process.env.NODE_ENV`, or a variable set from it. */
    const isStage = (node: ts.Expression): boolean => {
      const expr = skipOuterExpressions(node);
      if (ts.isIdentifier(expr)) return envNames.has(expr.text);
      if (ts.isPropertyAccessExpression(expr)) {
        if (/^(NODE_ENV|APP_ENV|ENVIRONMENT|STAGE|DEPLOY_ENV)$/.test(expr.name.text)) return true;
        return envNames.has(expr.getText());
      }
      if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) return /^(NODE_ENV|APP_ENV)$/.test(expr.argumentExpression.text);
      if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.BarBarToken || expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
        return isStage(expr.left);
      }
      return false;
    };
    /** A path built from the stage: `./config/${env}.json`, `'./config/' + env`, path.join(dir, env + '.json'). */
    const pathFromStage = (node: ts.Expression): boolean => {
      const expr = skipOuterExpressions(node);
      if (ts.isTemplateExpression(expr)) return expr.templateSpans.some((span) => isStage(span.expression));
      if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) return pathFromStage(expr.left) || pathFromStage(expr.right) || isStage(expr.left) || isStage(expr.right);
      if (ts.isCallExpression(expr) && /(^|\.)(join|resolve)$/.test(expr.expression.getText())) return expr.arguments.some((arg) => isStage(arg) || pathFromStage(arg));
      return false;
    };
    return {
      visit: {
        VariableDeclaration(node) {
          const decl = node as ts.VariableDeclaration;
          if (!ts.isIdentifier(decl.name) || !decl.initializer) return;
          if (isStage(decl.initializer)) envNames.add(decl.name.text);
          const init = skipOuterExpressions(decl.initializer);
          if (ts.isObjectLiteralExpression(init)) {
            if (stageGroups(init).length >= 2) groupObjects.set(decl.name.text, init);
            // `const config = { development: {…}, production: {…} }[env]` is read below, on the element access.
          }
        },
        ElementAccessExpression(node) {
          const access = node as ts.ElementAccessExpression;
          if (!isStage(access.argumentExpression)) return;
          const target = skipOuterExpressions(access.expression);
          const object = ts.isObjectLiteralExpression(target) ? target : ts.isIdentifier(target) ? groupObjects.get(target.text) : undefined;
          if (!object) return;
          const stages = stageGroups(object);
          if (stages.length >= 2) report(object, 'groups', { stages: stages.join(', ') });
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const [first] = call.arguments;
          if (!first) return;
          const callee = call.expression;
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.kind === ts.SyntaxKind.ImportKeyword ? 'import' : undefined;
          if (name === undefined) return;
          if (name === 'require' || name === 'import' || /^read(File|FileSync|JSON|Json|JsonSync)$/.test(name) || name === 'loadEnvFile') {
            if (pathFromStage(first)) report(first, 'fileByEnv');
            else if (name === 'loadEnvFile' && ts.isStringLiteralLike(first) && stageFileOf(first.text)) report(first, 'stageFile', { file: first.text });
            return;
          }
          // dotenv.config({ path: `.env.${NODE_ENV}` }), config({ path: '.env.production' })
          if (name === 'config' || name === 'configDotenv') {
            const options = skipOuterExpressions(first);
            if (!ts.isObjectLiteralExpression(options)) return;
            for (const property of options.properties) {
              if (!ts.isPropertyAssignment(property) || propertyNameText(property.name) !== 'path') continue;
              const value = skipOuterExpressions(property.initializer);
              if (pathFromStage(value)) report(value, 'fileByEnv');
              else if (ts.isStringLiteralLike(value) && stageFileOf(value.text)) report(value, 'stageFile', { file: value.text });
            }
          }
        },
      },
    };
  },
  languages: {
    json(ctx) {
      // Which file this is (not what it is for): only package.json has scripts.
      if (ctx.fileName.replace(/\\/g, '/').split('/').pop() !== 'package.json') return {};
      return {
        end() {
          const scripts = jsonProperty(ctx.tree.root, 'scripts');
          for (const property of scripts?.children ?? []) {
            const value = property.children?.[1];
            if (value?.type !== 'string') continue;
            const raw = ctx.text.slice(value.offset + 1, value.offset + value.length - 1);
            const script = value.value as string;
            // --env-file=.env.production, dotenv -e .env.staging, env-cmd -f .env.prod, DOTENV_CONFIG_PATH=.env.production
            for (const match of script.matchAll(/(?:--env-file[= ]|dotenv(?:-cli)?\s+(?:-\w+\s+)*-e\s+|env-cmd\s+(?:-\w+\s+)*-f\s+|DOTENV_CONFIG_PATH=)(['"]?)([^\s'"&|;]+)\1/g)) {
              const file = match[2];
              if (!stageFileOf(file)) continue;
              // Offsets in the JSON text: exact when the string has no escapes before it.
              const at = raw === script ? value.offset + 1 + (match.index ?? 0) + match[0].length - file.length - match[1].length : value.offset;
              const end = raw === script ? at + file.length : value.offset + value.length;
              ctx.report({ start: at, end }, 'stageFile', { file });
            }
          }
        },
      };
    },
  },
});

/** The stage keys of an object whose values are objects: `{ development: {…}, production: {…} }`. */
function stageGroups(object: ts.ObjectLiteralExpression): string[] {
  const stages: string[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = propertyNameText(property.name)?.toLowerCase();
    if (name === undefined || !(DEPLOY_STAGES.has(name) || LOCAL_STAGES.has(name))) continue;
    if (ts.isObjectLiteralExpression(skipOuterExpressions(property.initializer))) stages.push(name);
  }
  // A group of local stages only (development, test) is not a deploy's config.
  return stages.some((stage) => DEPLOY_STAGES.has(stage)) ? stages : [];
}

/** `.env.production`, `config/.env.staging`, `production.env`: an env file named after a deploy stage. */
function stageFileOf(file: string): boolean {
  const base = file.replace(/\/+$/, '').split('/').pop() ?? '';
  const match = /^\.env\.([\w-]+)(?:\.local)?$/.exec(base) ?? /^([\w-]+)\.env$/.exec(base);
  return match !== null && DEPLOY_STAGES.has(match[1].toLowerCase());
}
