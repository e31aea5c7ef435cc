// The twelve factors as data: what each one says (12factor.net), where its page is, and what of it no static check
// can see. One table for the editor's Twelve-Factor view, the CLI's markdown and HTML reports and the docs.
import type { Factor } from './rule';

export interface FactorInfo {
  slug: Factor;
  /** Roman numeral, as 12factor.net numbers them. */
  numeral: string;
  /** 1-based position in the manifesto. */
  number: number;
  title: string;
  /** The factor's one-line summary, as 12factor.net gives it. */
  summary: string;
  /** What to check by hand: the parts of the factor that source code cannot show. */
  byHand: string;
}

export const FACTOR_INFO: readonly FactorInfo[] = [
  {
    slug: 'codebase',
    numeral: 'I',
    number: 1,
    title: 'Codebase',
    summary: 'One codebase tracked in revision control, many deploys.',
    byHand: 'One repository per app, deployed many times; shared code lives in libraries declared as dependencies, not copied between apps.',
  },
  {
    slug: 'dependencies',
    numeral: 'II',
    number: 2,
    title: 'Dependencies',
    summary: 'Explicitly declare and isolate dependencies.',
    byHand: 'A committed lockfile, installs from it (`npm ci`), and no reliance on tools the platform happens to have installed.',
  },
  {
    slug: 'config',
    numeral: 'III',
    number: 3,
    title: 'Config',
    summary: 'Store config in the environment.',
    byHand: 'Every deploy gets its config from its environment; the repository could be made public without leaking a credential.',
  },
  {
    slug: 'backing-services',
    numeral: 'IV',
    number: 4,
    title: 'Backing services',
    summary: 'Treat backing services as attached resources.',
    byHand: 'A database, queue or mail server can be swapped for another by changing a URL, with no code change.',
  },
  {
    slug: 'build-release-run',
    numeral: 'V',
    number: 5,
    title: 'Build, release, run',
    summary: 'Strictly separate build and run stages.',
    byHand: 'The pipeline builds once, tags an immutable release (build + config) and runs it; no code is changed or installed on a running server.',
  },
  {
    slug: 'processes',
    numeral: 'VI',
    number: 6,
    title: 'Processes',
    summary: 'Execute the app as one or more stateless processes.',
    byHand: 'Nothing a request needs later is kept only in one process: sessions, uploads and caches live in backing services.',
  },
  {
    slug: 'port-binding',
    numeral: 'VII',
    number: 7,
    title: 'Port binding',
    summary: 'Export services via port binding.',
    byHand: 'The app is self-contained and serves HTTP on the port the platform gives it, without a web server injected at run time.',
  },
  {
    slug: 'concurrency',
    numeral: 'VIII',
    number: 8,
    title: 'Concurrency',
    summary: 'Scale out via the process model.',
    byHand: 'Work is split into process types (web, worker, clock) in a Procfile or manifest, scaled by running more processes, never daemonized.',
  },
  {
    slug: 'disposability',
    numeral: 'IX',
    number: 9,
    title: 'Disposability',
    summary: 'Maximize robustness with fast startup and graceful shutdown.',
    byHand: 'Processes start in seconds, finish or hand back their work on SIGTERM, and survive being killed at any moment.',
  },
  {
    slug: 'dev-prod-parity',
    numeral: 'X',
    number: 10,
    title: 'Dev/prod parity',
    summary: 'Keep development, staging, and production as similar as possible.',
    byHand: 'The same kinds and versions of backing services in development and production (containers make this cheap), and deploys hours after code is written.',
  },
  {
    slug: 'logs',
    numeral: 'XI',
    number: 11,
    title: 'Logs',
    summary: 'Treat logs as event streams.',
    byHand: 'The platform collects stdout and routes it; the app never manages log files or ships logs itself.',
  },
  {
    slug: 'admin-processes',
    numeral: 'XII',
    number: 12,
    title: 'Admin processes',
    summary: 'Run admin/management tasks as one-off processes.',
    byHand: 'Migrations, seeds and consoles run as one-off processes of the same release, from scripts in the repository.',
  },
];

const BY_SLUG = new Map<string, FactorInfo>(FACTOR_INFO.map((info) => [info.slug, info]));

/** The factor's entry; throws for a slug that is not a factor (a bug in the caller). */
export function factorInfo(slug: Factor | string): FactorInfo {
  const info = BY_SLUG.get(slug);
  if (!info) throw new RangeError(`not a factor: ${slug}`);
  return info;
}

/** Where factor pages live, relative to the repository root (and inside the VSIX). */
export function factorDocsPath(slug: Factor): string {
  return `docs/factors/${slug}.md`;
}
