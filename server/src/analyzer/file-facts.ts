// The facts of files other than code, taken from their trees: a `.env` file's entries, what a Dockerfile installs,
// sets and copies. Project rules and `Finding.unless` read them through the project index.
import type { DockerfileTree } from './languages/dockerfile';
import type { DotenvTree } from './languages/dotenv';
import type { DockerFacts, DotenvFacts } from './project';

/** Texts kept in the index for fixes stop here: `.env` files and Dockerfiles are small; anything bigger is odd. */
const MAX_KEPT_TEXT = 256 * 1024;

export function dotenvFacts(tree: DotenvTree, text: string): DotenvFacts {
  const commentedKeys: string[] = [];
  for (const comment of tree.comments) {
    // `# LOG_LEVEL=debug`, `#export TOKEN=`: a documented entry left unset.
    const match = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=/.exec(comment.text);
    if (match) commentedKeys.push(match[1]);
  }
  return {
    entries: tree.entries.map((entry) => ({
      key: entry.key,
      hasValue: entry.value.trim() !== '',
      keyStart: entry.keyStart,
      keyEnd: entry.keyEnd,
      valueStart: entry.valueStart,
      valueEnd: entry.valueEnd,
    })),
    commentedKeys,
    ...(text.length <= MAX_KEPT_TEXT ? { text } : {}),
  };
}

export function dockerFacts(tree: DockerfileTree, text: string): DockerFacts {
  const installs: string[] = [];
  const images: string[] = [];
  const envNames: string[] = [];
  const copies: DockerFacts['copies'] = [];
  const stageNames = new Set(tree.stages.map((stage) => stage.name?.toLowerCase()).filter((name): name is string => !!name));
  for (const instruction of tree.instructions) {
    switch (instruction.keyword) {
      case 'FROM': {
        const image = instruction.args.find((arg) => !arg.value.startsWith('--'))?.value;
        if (image && !stageNames.has(image.toLowerCase())) images.push(image);
        break;
      }
      case 'RUN':
        installs.push(...osPackagesInstalled(instruction.args.map((arg) => arg.value)));
        break;
      case 'ENV':
      case 'ARG':
        for (const property of instruction.properties) envNames.push(property.name);
        break;
      case 'COPY':
      case 'ADD': {
        if (instruction.flags.has('from')) break;
        const args = instruction.args;
        // JSON form: COPY ["a", "b", "/dest/"]; the last argument is the destination.
        const sources = args.slice(0, -1).map((arg) => ({ value: arg.value.replace(/^\[?"?|"?,?\]?$/g, ''), start: arg.start, end: arg.end }));
        copies.push({
          sources: sources.filter((source) => source.value !== ''),
          start: instruction.start,
          end: instruction.end,
          final: instruction.stage === tree.stages.length - 1,
        });
        break;
      }
    }
  }
  return { installs, images, envNames, copies, ...(text.length <= MAX_KEPT_TEXT ? { text } : {}) };
}

const INSTALLERS: ReadonlyArray<readonly string[]> = [
  ['apt-get', 'install'],
  ['apt', 'install'],
  ['apk', 'add'],
  ['yum', 'install'],
  ['dnf', 'install'],
  ['microdnf', 'install'],
  ['zypper', 'install'],
  ['zypper', 'in'],
];

/** OS package names a RUN's words install: `apt-get update && apt-get install -y --no-install-recommends ffmpeg`. */
export function osPackagesInstalled(words: readonly string[]): string[] {
  const out: string[] = [];
  const commands: string[][] = [[]];
  for (const word of words) {
    if (word === '&&' || word === '||' || word === ';' || word === '|') commands.push([]);
    else if (word.endsWith(';')) {
      commands[commands.length - 1].push(word.slice(0, -1));
      commands.push([]);
    } else commands[commands.length - 1].push(word);
  }
  for (const command of commands) {
    let i = 0;
    while (i < command.length && (command[i] === 'sudo' || /^[A-Z_][A-Z0-9_]*=/.test(command[i]))) i++;
    const tool = command[i];
    const installer = INSTALLERS.find(([name]) => name === tool);
    if (!installer) continue;
    const verb = command.findIndex((word, index) => index > i && word === installer[1]);
    if (verb === -1) continue;
    for (let j = verb + 1; j < command.length; j++) {
      const word = command[j];
      if (word.startsWith('-') || word === '\\' || word.includes('$')) continue;
      out.push(word.replace(/^['"]|['"]$/g, ''));
    }
  }
  return out;
}
