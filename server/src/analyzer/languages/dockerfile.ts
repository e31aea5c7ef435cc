// Dockerfiles (`Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`), parsed by dockerfile-ast, the
// parser of the Docker language server (escape directives, continuations, heredocs, JSON forms). Its ranges are
// lines and columns; each instruction here carries offsets, so rules report like every other language.
import {
  DockerfileParser,
  type Argument,
  type Dockerfile,
  type Instruction,
  type Property,
} from 'dockerfile-ast';
import type { Language, TextRange } from './language';
import { LineMap } from './line-map';

/** dockerfile-ast's ranges (LSP lines and columns), named here so the analyzer imports no editor package. */
interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface DockerArgument extends TextRange {
  value: string;
}

export interface DockerProperty {
  name: string;
  /** Null when none is given (`ARG TOKEN`), as dockerfile-ast gives it: quotes removed, escapes applied. */
  value: string | null;
  nameRange: TextRange;
  valueRange?: TextRange;
}

export interface DockerInstruction extends TextRange {
  /** Upper case: `FROM`, `COPY`, `ENV`, … */
  keyword: string;
  keywordRange: TextRange;
  /** The arguments as written (after the flags), split on whitespace, with their offsets. */
  args: DockerArgument[];
  /** `--from=build`, `--chown=node` on COPY/ADD, `--mount` on RUN, …: name → value (null for a bare flag). */
  flags: ReadonlyMap<string, string | null>;
  /** ENV, ARG and LABEL: their `name=value` pairs. Empty for other instructions. */
  properties: DockerProperty[];
  /** Index of the build stage (FROM) it belongs to; -1 before the first FROM (global ARGs). */
  stage: number;
  /** The dockerfile-ast instruction, for what this view leaves out. */
  raw: Instruction;
}

export interface DockerStage {
  /** `FROM node:20 AS build` → 'build'. */
  name?: string;
  image?: string;
  start: number;
}

export interface DockerfileTree {
  dockerfile: Dockerfile;
  instructions: DockerInstruction[];
  stages: DockerStage[];
  /** Comment ranges (a `#` first on its line; parser directives are not comments). */
  comments: TextRange[];
  /** End of the parser directives (`# syntax=…`, `# escape=…`) at the top; 0 when there are none. */
  directivesEnd: number;
}

const NOT_DOCKERFILE_SUFFIX =
  /\.(dockerignore|md|markdown|txt|json|ya?ml|toml|sh|bash|ps1|bat|bak|orig|old|swp|tmp|log|j2|tpl|tmpl|template|erb|hbs|handlebars|ejs|mustache|njk|liquid|eta|in|[cm]?[jt]sx?|py|go|rb|rs|java|php|html?)$/i;

export function isDockerfileName(fileName: string): boolean {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const base = fileName.slice(slash + 1);
  if (NOT_DOCKERFILE_SUFFIX.test(base)) return false;
  return /^(dockerfile|containerfile)([.-][\w.-]+)?$/i.test(base) || /^[\w.-]+\.(dockerfile|containerfile)$/i.test(base);
}

export function parseDockerfile(text: string): DockerfileTree {
  const dockerfile = DockerfileParser.parse(text);
  const lines = new LineMap(text);
  const range = (r: Range): TextRange => ({
    start: lines.offsetAt(r.start.line, r.start.character),
    end: lines.offsetAt(r.end.line, r.end.character),
  });
  const stages: DockerStage[] = [];
  const instructions: DockerInstruction[] = [];
  for (const raw of dockerfile.getInstructions()) {
    const keyword = raw.getKeyword().toUpperCase();
    const { start, end } = range(raw.getRange());
    if (keyword === 'FROM') {
      const from = raw as unknown as { getImageName(): string | null; getBuildStage(): string | null };
      stages.push({ image: from.getImageName() ?? undefined, name: from.getBuildStage() ?? undefined, start });
    }
    instructions.push({
      keyword,
      keywordRange: range(raw.getInstructionRange()),
      start,
      end,
      args: raw.getArguments().map((arg: Argument) => ({ value: arg.getValue(), ...range(arg.getRange()) })),
      flags: flagsOf(raw),
      properties: propertiesOf(raw).map((property: Property) => {
        const valueRange = property.getValueRange();
        return {
          name: property.getName(),
          value: property.getValue(),
          nameRange: range(property.getNameRange()),
          ...(valueRange ? { valueRange: range(valueRange) } : {}),
        };
      }),
      stage: stages.length - 1,
      raw,
    });
  }
  const comments = dockerfile.getComments().map((comment) => range(comment.getRange()));
  const directives = dockerfile.getDirectives();
  const last = directives[directives.length - 1];
  const directivesEnd = last ? lines.lineStart(last.getRange().end.line + 1) : 0;
  return { dockerfile, instructions, stages, comments, directivesEnd: Math.min(directivesEnd, text.length) };
}

function flagsOf(raw: Instruction): ReadonlyMap<string, string | null> {
  const withFlags = raw as unknown as { getFlags?: () => Array<{ getName(): string; getValue(): string | null }> };
  const flags = new Map<string, string | null>();
  if (typeof withFlags.getFlags === 'function') {
    for (const flag of withFlags.getFlags()) flags.set(flag.getName(), flag.getValue());
  }
  return flags;
}

function propertiesOf(raw: Instruction): Property[] {
  const withProperties = raw as unknown as { getProperties?: () => Property[] };
  return typeof withProperties.getProperties === 'function' ? withProperties.getProperties() : [];
}

export const dockerfileLanguage: Language<DockerfileTree, DockerInstruction> = {
  id: 'dockerfile',
  name: 'Dockerfile',
  matches: isDockerfileName,
  parse: (_fileName, text) => parseDockerfile(text),
  walk(tree, visit) {
    for (const instruction of tree.instructions) visit(instruction);
  },
  comments: { line: '#' },
  directiveComments: (tree) => tree.comments,
  // Parser directives must stay the first lines of the file: a comment above them turns them into comments.
  headerEnd: (_text, tree) => tree.directivesEnd,
  // A comment above a multi-line RUN covers every line of it.
  statementStart: (tree, offset) => tree.instructions.find((ins) => ins.start <= offset && offset <= ins.end)?.start,
};
