// Regular expressions from a repository's config (`ignoreNames`, `ignoreValues`). JavaScript's engine backtracks,
// so a pattern such as `(a+)+$` or `\s*\s*x` can take minutes on one long string literal, and a config applies to
// every file of every run. A user pattern is therefore checked before use, and only shapes whose matching time is
// at most quadratic in the input are accepted; the input it sees is bounded (MAX_PATTERN_INPUT).
//
// Rejected, each with a message that says what to write instead:
// - backreferences (`(a)\1`): no bound at all;
// - a repetition of something that itself repeats (`(a+)+`, `(\w*x?)*`) or of alternatives that can start alike
//   (`(a|ab)*`): exponential;
// - repetitions that can match the same text one after another (`\s*\s*`, `\w+\d+`, `.*-.*` where `-` is matched by
//   both): each such pair multiplies the time by the input's length, and an unanchored pattern is tried at every
//   start; a chain that makes the time cubic or worse is rejected (`^\s*\s*$` is accepted, `\s*\s*x` is not).
import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** User patterns see at most this many characters of a name or value (its start). */
export const MAX_PATTERN_INPUT = 1000;
/** Longer patterns are refused. */
export const MAX_PATTERN_LENGTH = 1000;

/** A checked user pattern; `test` looks at the first MAX_PATTERN_INPUT characters of its input. */
export interface UserPattern {
  readonly source: string;
  test(text: string): boolean;
}

export type CompiledPattern = { pattern: UserPattern; error?: undefined } | { pattern?: undefined; error: string };

const FLAGS = 'i';

/** Compiles and checks one pattern from a config file. Never throws. */
export function compileUserPattern(source: string): CompiledPattern {
  if (source.length > MAX_PATTERN_LENGTH) return { error: `is longer than ${MAX_PATTERN_LENGTH} characters` };
  let regex: RegExp;
  try {
    regex = new RegExp(source, FLAGS);
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '') : String(error);
    return { error: `is not a valid regular expression (${message})` };
  }
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: false });
  } catch (error) {
    return { error: `could not be checked (${error instanceof Error ? error.message : String(error)})` };
  }
  const problem = backtrackingProblem(ast);
  if (problem) return { error: problem };
  return {
    pattern: {
      source,
      test: (text) => regex.test(text.length > MAX_PATTERN_INPUT ? text.slice(0, MAX_PATTERN_INPUT) : text),
    },
  };
}

/** Why a pattern's matching time could explode, or undefined when it is at most quadratic. */
function backtrackingProblem(pattern: AST.Pattern): string | undefined {
  let problem: string | undefined;
  forEachNode(pattern, (node) => {
    if (problem) return;
    if (node.type === 'Backreference') {
      problem = `uses a backreference (${node.raw}), whose matching time has no bound; match the text itself instead`;
    } else if (node.type === 'Quantifier' && node.max > 1) {
      const inner = innerRepetition(node.element);
      if (inner) {
        problem = `repeats ${inner} inside the repetition ${short(node.raw)}, which can take exponential time on a long string; repeat one of them only`;
      }
    }
  });
  if (problem) return problem;
  const anchored = pattern.alternatives.every((alternative) => startsAnchored(alternative.elements));
  let worst = 0;
  forEachNode(pattern, (node) => {
    if (node.type === 'Alternative' || node.type === 'Pattern') return;
    if ('alternatives' in node && node.alternatives) {
      for (const alternative of node.alternatives) worst = Math.max(worst, overlappingChain(flatten(alternative.elements)));
    }
  });
  for (const alternative of pattern.alternatives) worst = Math.max(worst, overlappingChain(flatten(alternative.elements)));
  const degree = worst + (anchored ? 0 : 1);
  if (worst >= 2 && degree >= 3) {
    return (
      'has repetitions that can match the same text one after another (like \\s*\\s* or .*foo.*), which can take ' +
      'minutes on a long string; drop one, or anchor the pattern with ^ (foo alone already matches anywhere)'
    );
  }
  return undefined;
}

/**
 * A repetition (or alternatives that can start alike) inside a repeated element that can split the same text in
 * many ways, described; undefined when none. An inner repetition is harmless when its sequence also needs a
 * character it cannot match (`(?:[a-z]+\.)+`: each round ends at a dot).
 */
function innerRepetition(element: AST.QuantifiableElement): string | undefined {
  let found: string | undefined;
  forEachNode(element, (node) => {
    if (found || node === element) return;
    if (node.type === 'Quantifier' && node.max > 1 && !isDelimited(node)) found = `the repetition ${short(node.raw)}`;
    else if ('alternatives' in node && node.alternatives && node.alternatives.length > 1) {
      const firsts = node.alternatives.map((alternative) => firstChars(alternative.elements));
      for (let i = 0; i < firsts.length && !found; i++) {
        for (let j = i + 1; j < firsts.length && !found; j++) {
          if (intersects(firsts[i], firsts[j])) found = `alternatives that can start with the same character (${short(node.raw)})`;
        }
      }
    }
  });
  if (!found && 'alternatives' in element && element.alternatives.length > 1) {
    const firsts = element.alternatives.map((alternative) => firstChars(alternative.elements));
    for (let i = 0; i < firsts.length && !found; i++) {
      for (let j = i + 1; j < firsts.length && !found; j++) {
        if (intersects(firsts[i], firsts[j])) found = `alternatives that can start with the same character (${short(element.raw)})`;
      }
    }
  }
  return found;
}

/** The sequence holding `quantifier` also requires a character the quantifier cannot consume. */
function isDelimited(quantifier: AST.Quantifier): boolean {
  const parent = quantifier.parent;
  if (parent.type !== 'Alternative') return false;
  const own = charsOf(quantifier.element);
  return parent.elements.some((element) => element !== quantifier && isSingleChar(element) && !intersects(charsOf(element), own));
}

/**
 * The longest run of unbounded repetitions in one sequence where each can take over the text of the one before:
 * nothing between them but optional elements or characters both can match.
 */
function overlappingChain(elements: AST.Element[]): number {
  const loops: Array<{ index: number; chars: Uint8Array }> = [];
  elements.forEach((element, index) => {
    if (element.type === 'Quantifier' && element.max === Infinity) loops.push({ index, chars: charsOf(element.element) });
  });
  const chain = loops.map(() => 1);
  for (let j = 0; j < loops.length; j++) {
    for (let i = 0; i < j; i++) {
      const shared = and(loops[i].chars, loops[j].chars);
      if (!any(shared)) continue;
      const between = elements.slice(loops[i].index + 1, loops[j].index);
      if (between.every((element) => isNullable(element) || (isSingleChar(element) && subset(charsOf(element), shared)))) {
        chain[j] = Math.max(chain[j], chain[i] + 1);
      }
    }
  }
  return chain.length === 0 ? 0 : Math.max(...chain);
}

/** Elements of a sequence with plain groups (one alternative, not repeated) opened up. */
function flatten(elements: readonly AST.Element[]): AST.Element[] {
  const out: AST.Element[] = [];
  for (const element of elements) {
    if ((element.type === 'Group' || element.type === 'CapturingGroup') && element.alternatives.length === 1) {
      out.push(...flatten(element.alternatives[0].elements));
    } else {
      out.push(element);
    }
  }
  return out;
}

function startsAnchored(elements: readonly AST.Element[]): boolean {
  const first = elements[0];
  if (!first) return false;
  if (first.type === 'Assertion' && first.kind === 'start') return true;
  if ((first.type === 'Group' || first.type === 'CapturingGroup') && first.alternatives.every((a) => startsAnchored(a.elements))) return true;
  return false;
}

function isNullable(node: AST.Node): boolean {
  switch (node.type) {
    case 'Assertion':
      return true;
    case 'Quantifier':
      return node.min === 0 || isNullable(node.element);
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives.some((alternative) => alternative.elements.every(isNullable));
    default:
      return false;
  }
}

function isSingleChar(node: AST.Node): boolean {
  return node.type === 'Character' || node.type === 'CharacterSet' || node.type === 'CharacterClass';
}

// --- character sets, sampled ----------------------------------------------------------------------------------

/** Characters that stand for the rest: ASCII, and a few of each other class \s, \w, `.` and case folding tell apart. */
const SAMPLE: readonly string[] = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  '\u00a0', '\u00e9', '\u00c9', '\u017f', '\u0131', '\u212a', '\u044f', '\u2028', '\u3000', '\u4e2d', '\ufeff', '\ud83d',
];

/** Which sample characters a single-character element (a character, `\d`, `.`, `[…]`) matches. */
function singleChars(node: AST.Character | AST.CharacterSet | AST.CharacterClass): Uint8Array {
  const set = new Uint8Array(SAMPLE.length);
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${node.raw})$`, FLAGS);
  } catch {
    return set.fill(1);
  }
  SAMPLE.forEach((char, i) => {
    if (regex.test(char)) set[i] = 1;
  });
  return set;
}

/** Every sample character an element can consume anywhere inside it. */
function charsOf(node: AST.Node): Uint8Array {
  const set = new Uint8Array(SAMPLE.length);
  forEachNode(node, (child) => {
    if (child.type === 'Character' || child.type === 'CharacterSet' || child.type === 'CharacterClass') {
      // Members of a class are covered by the class itself.
      if (child.type !== 'CharacterClass' && (child.parent.type === 'CharacterClass' || child.parent.type === 'CharacterClassRange')) return;
      orInto(set, singleChars(child));
    }
  });
  return set;
}

/** The characters a sequence can start with. */
function firstChars(elements: readonly AST.Element[]): Uint8Array {
  const set = new Uint8Array(SAMPLE.length);
  for (const element of elements) {
    if (element.type === 'Assertion') continue;
    if (isSingleChar(element)) orInto(set, singleChars(element as AST.Character));
    else if (element.type === 'Quantifier') orInto(set, firstChars([element.element as AST.Element]));
    else if (element.type === 'Group' || element.type === 'CapturingGroup') {
      for (const alternative of element.alternatives) orInto(set, firstChars(alternative.elements));
    }
    if (!isNullable(element)) break;
  }
  return set;
}

function orInto(target: Uint8Array, source: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] |= source[i];
}

function and(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((value, i) => value & b[i]);
}

function any(set: Uint8Array): boolean {
  return set.some((value) => value === 1);
}

function intersects(a: Uint8Array, b: Uint8Array): boolean {
  return any(and(a, b));
}

function subset(a: Uint8Array, b: Uint8Array): boolean {
  return a.every((value, i) => value === 0 || b[i] === 1);
}

/** Every node of a regexpp tree, parents before children (patterns are at most MAX_PATTERN_LENGTH long). */
function forEachNode(root: AST.Node, visit: (node: AST.Node) => void): void {
  const stack: AST.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AST.Node;
    visit(node);
    const children: AST.Node[] = [];
    if ('alternatives' in node && node.alternatives) children.push(...node.alternatives);
    if ('elements' in node && node.elements) children.push(...(node.elements as AST.Node[]));
    if (node.type === 'Quantifier') children.push(node.element);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function short(raw: string): string {
  return raw.length > 30 ? `${raw.slice(0, 29)}…` : raw;
}
