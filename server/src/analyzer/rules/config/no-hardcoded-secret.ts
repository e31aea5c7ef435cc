// Factor III, config: credentials are config that varies per deploy; they live in the environment, never in code.
// Docs: docs/rules/config/no-hardcoded-secret.md
import ts from 'typescript';
import {
  bindingNameOf,
  calleeText,
  envReadName,
  isEnvFallback,
  isInDevOnlyBranch,
  isInTypeContext,
  isStringLiteralLike,
  normalizeModule,
  outerParent,
  propertyNameText,
  rootModule,
  skipOuterExpressions,
  type ImportMap,
} from '../../ast';
import { moveToEnvFix, removeFallbackFix } from '../../fixes/env';
import { isEnvExampleName, isTestEnvName } from '../../knowledge/env';
import type { DockerInstruction } from '../../languages/dockerfile';
import type { DotenvEntry } from '../../languages/dotenv';
import {
  isCertainSecret,
  isDefaultCredential,
  isHighEntropySecret,
  isLocalCredential,
  isSlotSecret,
  isWordish,
  knownKeyShape,
  mayPassValueBar,
  meetsBar,
  preview,
  secretKind,
  shapedSecret,
  urlWithPassword,
} from '../../secrets';
import { someNode } from '../../walk';
import { compileUserPattern, type UserPattern } from '../../user-regex';
import { hasTrait } from '../../roles';
import { defineRule, type FileListener, type FileRuleContext, type Fix } from '../../rule';

const MESSAGES = {
  byName: 'Hard-coded {{kind}} in "{{name}}"; read it from the environment (III. Config).',
  defaultCredential:
    '"{{name}}" falls back to a hard-coded {{kind}} when the variable is unset: require it and ship no default (III. Config).',
  knownKey: '{{provider}} "{{preview}}" in source; revoke it and read it from the environment (III. Config).',
  privateKey: 'Private key block in source; revoke it and load it from the environment or a secret store (III. Config).',
  urlCredentials: 'Password in a "{{scheme}}" URL is hard-coded; read the URL or its password from the environment (III. Config).',
  connectionString: 'Password in a connection string is hard-coded; read it from the environment (III. Config).',
  callSlot: 'Hard-coded {{kind}} passed to {{callee}}; read it from the environment (III. Config).',
  dockerDefault:
    '{{instruction}} {{name}} bakes a {{kind}} into the image, where every layer and `docker history` keeps it: pass it at run time or as a build secret (III. Config).',
  dockerShape: '{{instruction}} {{name}} holds a {{provider}}; it stays in the image history: revoke it and pass it at run time (III. Config).',
  envTemplate:
    '{{file}} is committed as a template, but "{{name}}" holds a real-looking {{kind}}: revoke it and leave a placeholder (III. Config).',
};
type MessageId = keyof typeof MESSAGES;

export default defineRule<MessageId>({
  id: 'config/no-hardcoded-secret',
  factor: 'config',
  severity: 'error',
  description: 'Reports passwords, tokens, API keys and private keys written in the source, a Dockerfile or a committed .env template instead of given by the environment.',
  messages: MESSAGES,
  skipIn: ['test'],
  regexOptions: ['ignoreNames', 'ignoreValues'],
  options: {
    ignoreNames: { type: 'string[]', description: 'Patterns (regular expressions, case-insensitive) of names whose values are never reported.' },
    ignoreValues: { type: 'string[]', description: 'Patterns (regular expressions, case-insensitive) of values never reported.' },
    minEntropyLength: { type: 'number', minimum: 8, description: 'Shortest random-looking value reported by its name alone (default 20).' },
  },
  create(ctx) {
    const options = readOptions(ctx.options);
    // Translation catalogs bind words like "password" to labels in every language.
    const i18nFile = hasTrait(ctx.fileKind, 'translations');
    // Seeders, fixtures loaders and other entry points that only a developer's script starts (`"seed": "ts-node
    // src/seed.ts"`), and tooling scripts: what a name makes suspect there is a developer's login, not a deploy's.
    // The classifier (roles.ts) says both.
    const devEntry = ctx.fileKind.script || hasTrait(ctx.fileKind, 'dev-entry');
    // A secret leaves the source with no default; as the fallback of an env read, the fallback goes.
    const secretFixes = (literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): Fix[] => {
      const removal = removeFallbackFix(literal, ctx.sourceFile);
      if (removal) return [removal];
      if (isEnvFallback(literal)) return [];
      const fix = moveToEnvFix(literal, ctx.sourceFile, ctx.imports, ctx.project, { secret: true, fallbackName: 'APP_SECRET' });
      return fix ? [fix] : [];
    };
    const check = (node: ts.Node): void => {
      const literal = node as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
      const value = literal.text;
      if (value.length < 3 || !isValuePosition(literal)) return;
      if (options.ignoreValues.some((re) => re.test(value))) return;

      // 1. Well-known key shapes, private key blocks and credentials in URLs: secret wherever they appear.
      const pem = pemText(literal);
      const shaped = shapedSecret(value, { pem: pem === '' ? undefined : pem, isBrowserConfig: () => isFirebaseConfig(literal) });
      if (shaped) {
        const fixes = { fixes: () => secretFixes(literal) };
        switch (shaped.kind) {
          case 'privateKey':
            ctx.report(literal, 'privateKey', undefined, fixes);
            return;
          case 'knownKey':
            // Google keys are as often browser keys (Maps, restricted by referrer) as server keys.
            ctx.report(literal, 'knownKey', { provider: shaped.provider, preview: shaped.preview }, { ...fixes, ...(shaped.public ? WARNING : {}) });
            return;
          case 'urlCredentials':
          case 'connectionString': {
            // A local database's login, or one chosen only on a developer's machine: it ships, but leaks nothing.
            const debatable = shaped.local || isInDevOnlyBranch(literal) || isEnvFallback(literal);
            if (shaped.kind === 'urlCredentials') ctx.report(literal, 'urlCredentials', { scheme: shaped.scheme }, { ...fixes, ...(debatable ? WARNING : {}) });
            else ctx.report(literal, 'connectionString', undefined, { ...fixes, ...(debatable ? WARNING : {}) });
            return;
          }
        }
      }
      // What follows is judged by the name or the API a value is given to: a developer's own login in a branch
      // that runs only on their machine is not the deploy's config. Asked last: it climbs to the file's top.
      // A literal type (`type Mode = 'secret-mode'`) holds no value: asked only of literals that pass the cheaper
      // tests below, since it climbs to the enclosing statement.

      // 2. Literals passed where a known API takes a secret.
      const slot = secretSlot(literal, ctx.imports);
      if (slot && isSlotSecret(value, slot.kind)) {
        if (isInTypeContext(literal) || isInDevOnlyBranch(literal)) return;
        const certain = !devEntry && isHighEntropySecret(value, 16);
        ctx.report(literal, 'callSlot', { kind: slot.kind, callee: slot.callee }, { fixes: () => secretFixes(literal), ...(certain ? {} : WARNING) });
        return;
      }

      // 3. By the name the value is bound to.
      if (i18nFile || value.length < 4) return;
      // Words pass no bar of their own; as a default (`|| 'changeme'`) they are what runs. A cheap look at the
      // parent first: most literals are neither.
      const passes = mayPassValueBar(value);
      if (!passes && !(isWordish(value) && mayBeDefault(literal))) return;
      if (isInTypeContext(literal)) return;
      const bound = boundName(literal);
      if (bound === undefined) return;
      // The variable a default stands in for says what it holds (`JWT_PASSWORD = process.env.JWT_SECRET || '…'`).
      const envKind = bound.envName !== undefined ? secretKind(bound.envName, () => hasUserSibling(literal)) : undefined;
      const name = envKind ? bound.envName! : bound.name;
      const kind = envKind ?? secretKind(name, () => hasUserSibling(literal));
      if (!kind || isPublicClientKey(literal) || options.ignoreNames.some((re) => re.test(name))) return;
      if (hasProseSiblings(literal)) return;
      const fallback = isEnvFallback(literal);
      if (!passes && !fallback) return;
      const certain = !devEntry && isCertainSecret(kind, value, options.minEntropyLength);
      if (fallback) {
        // Read from the environment already: the problem is the default that runs wherever it is left unset.
        if (!certain && (devEntry || !isDefaultCredential(kind, value))) return;
        if (isInDevOnlyBranch(literal)) return;
        ctx.report(literal, 'defaultCredential', { kind: kind.label, name: shortName(bound.envName ?? name) }, {
          fixes: () => secretFixes(literal),
          ...(certain ? {} : WARNING),
        });
        return;
      }
      if (!meetsBar(kind, value, options.minEntropyLength) || isInDevOnlyBranch(literal)) return;
      ctx.report(literal, 'byName', { kind: kind.label, name: shortName(name) }, { fixes: () => secretFixes(literal), ...(certain ? {} : WARNING) });
    };
    // `postgres://app:s3cr3t@${host}/db`: the credentials sit in the template's fixed head.
    const checkTemplate = (node: ts.Node): void => {
      const template = node as ts.TemplateExpression;
      const head = template.head.text;
      if (head.length < 10 || options.ignoreValues.some((re) => re.test(head))) return;
      const shape = head.length >= 20 ? knownKeyShape(head) : undefined;
      if (shape) {
        ctx.report(template, 'knownKey', { provider: shape.provider, preview: preview(shape.match) }, shape.public ? WARNING : undefined);
        return;
      }
      const scheme = urlWithPassword(head);
      if (scheme) {
        const debatable = isLocalCredential(head) || isInDevOnlyBranch(template) || isEnvFallback(template);
        ctx.report(template, 'urlCredentials', { scheme }, debatable ? WARNING : undefined);
      }
    };
    return {
      visit: {
        StringLiteral: check,
        NoSubstitutionTemplateLiteral: check,
        TemplateExpression: checkTemplate,
      },
    };
  },
  languages: {
    dockerfile: (ctx) => dockerfileListener(ctx, readOptions(ctx.options)),
    dotenv: (ctx) => dotenvListener(ctx, readOptions(ctx.options)),
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Dockerfiles and .env templates

type Ctx<L extends 'dockerfile' | 'dotenv'> = FileRuleContext<L, MessageId>;

/**
 * `ENV DB_PASSWORD=supersecret`, `ARG NPM_TOKEN=ghp_…`: a value in ENV stays in every container's environment and
 * in the image config, an ARG default in `docker history`. A reference (`ENV TOKEN=$TOKEN`) carries nothing.
 */
function dockerfileListener(ctx: Ctx<'dockerfile'>, options: Options): FileListener<DockerInstruction> {
  const base = ctx.fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  // `Dockerfile.dev`, `dev.Dockerfile`: an image for a developer's machine.
  const devImage = /(^|[.-])(dev|development|local|test|e2e|ci)([.-]|$)/i.test(base.replace(/^(dockerfile|containerfile)/i, ''));
  const lastStage = ctx.tree.stages.length - 1;
  return {
    visit(instruction) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') return;
      for (const property of instruction.properties) {
        const value = property.value;
        if (value === null || !property.valueRange || value.includes('$')) continue;
        if (options.ignoreValues.some((re) => re.test(value)) || options.ignoreNames.some((re) => re.test(property.name))) continue;
        // Earlier stages build: their ENV stays in the build cache, not in the image that ships.
        const debatable = devImage || (instruction.stage !== lastStage && instruction.keyword === 'ENV');
        const data = { instruction: instruction.keyword, name: shortName(property.name) };
        const shaped = shapedSecret(value);
        if (shaped) {
          if (shaped.kind === 'knownKey') {
            ctx.report(property.valueRange, 'dockerShape', { ...data, provider: shaped.provider }, debatable || shaped.public ? WARNING : undefined);
          } else if (shaped.kind === 'privateKey') {
            ctx.report(property.valueRange, 'dockerShape', { ...data, provider: 'private key' }, debatable ? WARNING : undefined);
          } else if (!shaped.local || !devImage) {
            ctx.report(property.valueRange, 'dockerShape', { ...data, provider: 'password in a URL' }, debatable || shaped.local ? WARNING : undefined);
          }
          continue;
        }
        const kind = secretKind(property.name);
        if (!kind) continue;
        const certain = !debatable && isCertainSecret(kind, value, options.minEntropyLength);
        if (!certain && (devImage || !(isDefaultCredential(kind, value) || meetsBar(kind, value, options.minEntropyLength)))) continue;
        ctx.report(property.valueRange, 'dockerDefault', { ...data, kind: kind.label }, certain ? undefined : WARNING);
      }
    },
  };
}

/**
 * `.env.example`, `.env.sample`, `.env.template` (and the `.env.development`/`.env.test` a project commits): files
 * meant to be committed, so a credential in one is published. Placeholders (`changeme`, `your-api-key`, `xxx`,
 * `<secret>`) are what they are for; only a known key format, a private key, a password in a URL to a host other
 * than the developer's machine, or a random-looking value under a secret's name is reported. `.env` files holding
 * a deploy's values are config/no-committed-env-file's.
 */
function dotenvListener(ctx: Ctx<'dotenv'>, options: Options): FileListener<DotenvEntry> {
  const base = ctx.fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  const template = isEnvExampleName(base);
  const committedLocal = (isTestEnvName(base) || /^\.env\.(development|dev)$/i.test(base)) && ctx.project.isGitIgnored?.(ctx.fileName) === false;
  if (!template && !committedLocal) return {};
  return {
    end() {
      for (const entry of ctx.tree.entries) {
        const value = entry.value.trim();
        if (value.length < 4 || value.includes('${')) continue;
        if (options.ignoreValues.some((re) => re.test(value)) || options.ignoreNames.some((re) => re.test(entry.key))) continue;
        const range = { start: entry.valueStart, end: entry.valueEnd };
        const shaped = shapedSecret(value);
        if (shaped) {
          if (shaped.kind === 'urlCredentials' || shaped.kind === 'connectionString') {
            // `postgres://app:devpass@localhost/app` is the usual way to document a local database, and
            // `postgresql://postgres:typebot@typebot-db:5432/typebot` a docker-compose one: a host without a dot is a
            // service on the compose network, never a machine on the internet (typebot.io .env.example).
            if (shaped.local || hasSingleLabelHost(value)) continue;
            ctx.report(range, 'envTemplate', { file: base, name: shortName(entry.key), kind: 'password in a URL' }, WARNING);
          } else {
            const kind = shaped.kind === 'privateKey' ? 'private key' : shaped.provider;
            ctx.report(range, 'envTemplate', { file: base, name: shortName(entry.key), kind }, shaped.kind === 'knownKey' && shaped.public ? WARNING : undefined);
          }
          continue;
        }
        // A test, CI or development env file's random values are that stage's own (`AUTH_JWT_SECRET=f952…` in
        // standardnotes' .github/ci.env signs the tokens of a CI run): nothing to revoke. Known key formats, private keys
        // and passwords to remote hosts, above, are real wherever they sit.
        if (!template) continue;
        const kind = secretKind(entry.key);
        if (!kind || !isCertainSecret(kind, value, options.minEntropyLength)) continue;
        // Someone's generated sample secret is debatable; a shipped template the app may load is still no place for it.
        ctx.report(range, 'envTemplate', { file: base, name: shortName(entry.key), kind: kind.label }, WARNING);
      }
    },
  };
}

/** A URL whose host is one name without dots (`@db:5432`, `@typebot-db/`): a docker-compose service or a LAN name. */
function hasSingleLabelHost(value: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^@/\s]*@([^:/?#\s]+)/i.exec(value);
  return match !== null && /^[a-z][a-z0-9_-]*$/i.test(match[1]);
}

/** `x || 'a'`, `x ?? 'a'`, `c ? x : 'a'`, `{ X = 'a' } = …`: where a default sits. */
function mayBeDefault(literal: ts.Node): boolean {
  const parent = outerParent(literal);
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken;
  }
  return ts.isConditionalExpression(parent) || ts.isBindingElement(parent);
}

/** Debatable findings: reported, but below the error level that fails a CI run. */
const WARNING = { severity: 'warning' } as const;

interface Options {
  ignoreNames: UserPattern[];
  ignoreValues: UserPattern[];
  minEntropyLength: number;
}

function readOptions(raw: Readonly<Record<string, unknown>>): Options {
  const patterns = (value: unknown): UserPattern[] => {
    if (!Array.isArray(value)) return [];
    const out: UserPattern[] = [];
    for (const source of value) {
      if (typeof source !== 'string') continue;
      // An invalid or runaway pattern (reported by the config parser) ignores nothing rather than hanging the run.
      const compiled = compileUserPattern(source);
      if (compiled.pattern) out.push(compiled.pattern);
    }
    return out;
  };
  const min = raw.minEntropyLength;
  return {
    ignoreNames: patterns(raw.ignoreNames),
    ignoreValues: patterns(raw.ignoreValues),
    minEntropyLength: typeof min === 'number' && min >= 8 ? min : 20,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Where a literal sits

/** False for literals that name things rather than hold values: module specifiers, property keys, element keys. */
function isValuePosition(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const parent = literal.parent;
  if (!parent) return false;
  // One table load per literal instead of a dozen type guards: most parents are calls, arrays and operators.
  switch (PARENT_ROLE[parent.kind]) {
    case NOT_A_VALUE:
      return false;
    case NAMED:
      return (parent as ts.NamedDeclaration).name !== literal;
    case BINDING:
      return ((parent as ts.BindingElement).name as ts.Node) !== literal && (parent as ts.BindingElement).propertyName !== literal;
    case INDEX:
      return (parent as ts.ElementAccessExpression).argumentExpression !== literal;
    case CALL: {
      const callee = (parent as ts.CallExpression).expression;
      return !(ts.isIdentifier(callee) && callee.text === 'require');
    }
    default:
      return true;
  }
}

// Module specifiers, type positions and computed keys: never a value. Property, method and enum names, and the
// index of an element access, are keys where the literal is the name rather than the value.
const NOT_A_VALUE = 1;
const NAMED = 2;
const BINDING = 3;
const INDEX = 4;
const CALL = 5;
const PARENT_ROLE = new Uint8Array(ts.SyntaxKind.Count);
for (const kind of [
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExternalModuleReference,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.ImportType,
  ts.SyntaxKind.LiteralType,
  ts.SyntaxKind.ComputedPropertyName,
]) {
  PARENT_ROLE[kind] = NOT_A_VALUE;
}
for (const kind of [
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.EnumMember,
]) {
  PARENT_ROLE[kind] = NAMED;
}
PARENT_ROLE[ts.SyntaxKind.BindingElement] = BINDING;
PARENT_ROLE[ts.SyntaxKind.ElementAccessExpression] = INDEX;
PARENT_ROLE[ts.SyntaxKind.CallExpression] = CALL;

interface Bound {
  name: string;
  /** The variable of an environment read the literal is the fallback of: `process.env.JWT_SECRET || '…'`. */
  envName?: string;
}

/**
 * The name a literal is stored under, looking through `cond ? a : b`, `x ?? 'a'` and `x || 'a'`:
 * comparisons (`password === 'x'`) and call arguments bind nothing.
 */
function boundName(literal: ts.Expression): Bound | undefined {
  let value: ts.Expression = literal;
  let envName: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    const parent = outerParent(value);
    if (!parent) return undefined;
    if (ts.isConditionalExpression(parent) && parent.condition !== outermost(value)) {
      value = parent;
      continue;
    }
    if (
      ts.isBinaryExpression(parent) &&
      (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      envName ??= envReadName(parent.left);
      value = parent;
      continue;
    }
    break;
  }
  const parent = outerParent(value);
  if (!parent) return undefined;
  // bindingNameOf does not check which side of a binding the value is on.
  const held = outermost(value);
  if (ts.isVariableDeclaration(parent) && parent.initializer !== held) return undefined;
  if (ts.isPropertyAssignment(parent) && parent.initializer !== held) return undefined;
  if (ts.isBinaryExpression(parent) && parent.right !== held) return undefined;
  let name = bindingNameOf(value);
  if (name === undefined) name = headerCallName(value, parent);
  if (name === undefined) return envName === undefined ? undefined : { name: envName };
  return { name, envName };
}

/** The value with the parentheses and type assertions around it, as its parent holds it. */
function outermost(value: ts.Expression): ts.Node {
  let current: ts.Node = value;
  while (current.parent && isWrapper(current.parent)) current = current.parent;
  return current;
}

function isWrapper(node: ts.Node): boolean {
  return (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node)
  );
}

/** `headers.set('X-API-Key', '…')`, `res.setHeader('Authorization', '…')`, `config.set('password', '…')`. */
function headerCallName(value: ts.Expression, parent: ts.Node): string | undefined {
  if (!ts.isCallExpression(parent) || parent.arguments.length !== 2 || parent.arguments[1] !== value) return undefined;
  const callee = parent.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (!/^(set|setHeader|header|append)$/.test(callee.name.text)) return undefined;
  const first = parent.arguments[0];
  return isStringLiteralLike(first) ? first.text : undefined;
}

/** Translation tables and message catalogs hold prose next to their "password" entries. */
function hasProseSiblings(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some(
    (p) => p !== property && ts.isPropertyAssignment(p) && isStringLiteralLike(p.initializer) && /\S+\s+\S+\s+\S+/.test(p.initializer.text),
  );
}


function hasUserSibling(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((p) => /^(user|username|login|email)$/i.test(propertyNameText(p.name) ?? ''));
}

function shortName(name: string): string {
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

/**
 * Keys that browser SDK configs are meant to carry: Algolia DocSearch/InstantSearch search-only keys (next to an
 * `indexName`) and Firebase web configs.
 */
function isPublicClientKey(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return isFirebaseConfig(literal) || property.parent.properties.some((p) => /^(indexName|searchClient)$/.test(propertyNameText(p.name) ?? ''));
}

function isFirebaseConfig(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((p) => /^(authDomain|messagingSenderId|storageBucket|appId)$/.test(propertyNameText(p.name) ?? ''));
}

/** The literal's text, joined with the other literals of a `'-----BEGIN…' + '…'` concatenation. */
function pemText(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): string {
  if (!literal.text.includes('-----BEGIN')) return '';
  let top: ts.Node = literal;
  while (
    top.parent &&
    (ts.isParenthesizedExpression(top.parent) ||
      (ts.isBinaryExpression(top.parent) && top.parent.operatorToken.kind === ts.SyntaxKind.PlusToken))
  ) {
    top = top.parent;
  }
  if (top === literal) return literal.text;
  const parts: string[] = [];
  // Only binary and parenthesized nodes are walked into: their literal leaves, in source order.
  someNode(top, (node) => {
    if (isStringLiteralLike(node)) parts.push(node.text);
    return false;
  }, (node) => !ts.isBinaryExpression(node) && !ts.isParenthesizedExpression(node));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------------------------
// API slots that take a secret

interface Slot {
  kind: string;
  callee: string;
}

const SESSION_MODULES = new Set([
  'express-session', 'cookie-session', 'cookie-parser', '@fastify/session', 'fastify-session', '@fastify/cookie',
  'fastify-cookie', '@fastify/secure-session', '@fastify/jwt', 'fastify-jwt', 'express-jwt', 'koa-jwt', 'iron-session',
]);

/**
 * jsonwebtoken's sign/verify key, express-session-style `{ secret }`, cookie-parser's secret and Sequelize's password.
 * `crypto.createHmac(alg, key)` is left alone: public HMAC salts and domain-separation keys are common there.
 */
function secretSlot(literal: ts.Expression, imports: ImportMap): Slot | undefined {
  const parent = outerParent(literal);
  // { secret: '…' } passed straight to a session/cookie/jwt middleware.
  if (ts.isPropertyAssignment(parent) && /^(secret|secrets|keys|key)$/.test(propertyNameText(parent.name) ?? '')) {
    const object = parent.parent;
    const call = outerParent(object as ts.Expression);
    if (call && ts.isCallExpression(call) && isSessionCall(call, imports)) {
      return { kind: 'session secret', callee: `${calleeText(call) ?? 'session'}()` };
    }
    return undefined;
  }
  if (ts.isArrayLiteralExpression(parent)) {
    // cookieSession({ keys: ['…', '…'] })
    const property = outerParent(parent);
    if (property && ts.isPropertyAssignment(property) && /^(keys|secret|secrets)$/.test(propertyNameText(property.name) ?? '')) {
      const call = outerParent(property.parent as ts.Expression);
      if (call && ts.isCallExpression(call) && isSessionCall(call, imports)) {
        return { kind: 'session secret', callee: `${calleeText(call) ?? 'session'}()` };
      }
    }
    return undefined;
  }
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return undefined;
  const args = parent.arguments ?? ts.factory.createNodeArray();
  const index = args.indexOf(outermost(literal) as ts.Expression);
  // Only these argument positions take a secret below: skip building the callee's name for the others.
  if (ts.isCallExpression(parent) ? index !== 0 && index !== 1 : index !== 2) return undefined;
  // The tests below need one of these last names (or cookie-parser): most calls leave before their dotted name is built.
  const cheapLast = lastNameOf(parent.expression);
  if (cheapLast === undefined) return undefined;
  if (ts.isNewExpression(parent)) {
    if (cheapLast !== 'Sequelize' || args.length < 3) return undefined;
  } else if (index === 1) {
    if (cheapLast !== 'sign' && cheapLast !== 'verify' && !/^create(Cipheriv|Decipheriv)$/.test(cheapLast)) return undefined;
  } else if (moduleOf(parent.expression, imports) !== 'cookie-parser') {
    return undefined;
  }
  const name = calleeText(parent);
  if (name === undefined) return undefined;
  const last = name.split('.').pop() ?? name;
  const module = moduleOf(parent.expression, imports);
  if (ts.isCallExpression(parent)) {
    if (index === 1 && (last === 'sign' || last === 'verify') && module === 'jsonwebtoken') {
      return { kind: 'JWT secret', callee: `${name}()` };
    }
    if (index === 0 && module === 'cookie-parser') return { kind: 'cookie secret', callee: `${name}()` };
    if (index === 1 && /^create(Cipheriv|Decipheriv)$/.test(last) && (module === 'crypto' || /^crypto\./.test(name))) {
      return { kind: 'encryption key', callee: `${name}()` };
    }
    return undefined;
  }
  if (index === 2 && last === 'Sequelize' && args.length >= 3) {
    if (module === undefined || module === 'sequelize' || module === 'sequelize-typescript') {
      return { kind: 'database password', callee: `new ${name}()` };
    }
  }
  return undefined;
}

/** The last segment of `dottedName(callee).split('.')`, without building the dotted name. */
function lastNameOf(callee: ts.Expression): string | undefined {
  const expr = skipOuterExpressions(callee);
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) {
    return expr.argumentExpression.text.split('.').pop();
  }
  return undefined;
}

function moduleOf(callee: ts.Expression, imports: ImportMap): string | undefined {
  const binding = rootModule(callee, imports);
  return binding ? normalizeModule(binding.module) : undefined;
}

function isSessionCall(call: ts.CallExpression, imports: ImportMap): boolean {
  const module = moduleOf(call.expression, imports);
  if (module !== undefined && SESSION_MODULES.has(module)) return true;
  // fastify.register(fastifyCookie, { secret }) / app.register(require('@fastify/session'), { … })
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && call.arguments.length >= 2) {
    const plugin = skipOuterExpressions(call.arguments[0]);
    if (ts.isIdentifier(plugin)) {
      const binding = imports.get(plugin.text);
      return binding !== undefined && SESSION_MODULES.has(normalizeModule(binding.module));
    }
    if (ts.isCallExpression(plugin) && ts.isIdentifier(plugin.expression) && plugin.expression.text === 'require') {
      const first = plugin.arguments[0];
      return first !== undefined && isStringLiteralLike(first) && SESSION_MODULES.has(normalizeModule(first.text));
    }
  }
  return false;
}

