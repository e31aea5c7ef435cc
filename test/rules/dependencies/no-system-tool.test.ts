import rule from '../../../server/src/analyzer/rules/dependencies/no-system-tool';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const service = projectWith({ packageJson: { name: 'api', private: true, dependencies: { express: '^4', 'ffmpeg-static': '^5' }, scripts: { start: 'node .' } } });
const cli = projectWith({ packageJson: { name: 'tool', bin: { tool: 'bin/tool.js' } } });
const library = projectWith({ packageJson: { name: 'lib', main: 'index.js' } });

runRuleTests(rule, {
  valid: [
    // Node, npm and shell built-ins are not system tools this rule knows; a shipped program has a relative path.
    { code: "import { execSync } from 'child_process';\nexecSync('node dist/migrate.js');\nexecSync('ls -la && echo done');\nexecSync('./bin/ffmpeg -i a b');", project: service },
    // A program in a variable is not read.
    { code: "import { spawn } from 'child_process';\nimport ffmpegPath from 'ffmpeg-static';\nspawn(ffmpegPath, ['-i', input]);", project: service },
    // Look-alikes: a method called exec on something else.
    { code: "const re = /curl/;\nre.exec('curl http://x');\ndb.exec('convert');", project: service },
    // Scripts, tests, CLIs and libraries shell out on purpose.
    { code: "import { execSync } from 'child_process';\nexecSync('git rev-parse HEAD');", filename: 'scripts/release.ts', project: service },
    { code: "import { execSync } from 'child_process';\nexecSync('git init');", project: cli },
    { code: "import { spawn } from 'child_process';\nspawn('ffmpeg', args);", project: library },
    { code: "import { execSync } from 'child_process';\nexecSync('curl -s x');", filename: 'test/setup.ts', project: service },
    // A wrapper whose program is vendored by a declared package.
    { code: "import ffmpeg from 'fluent-ffmpeg';", project: projectWith({ packageJson: { name: 'a', dependencies: { 'fluent-ffmpeg': '2', '@ffmpeg-installer/ffmpeg': '1' } } }) },
    // fork runs a Node module.
    { code: "import { fork } from 'child_process';\nfork('./worker.js');", project: service },
  ],
  invalid: [
    {
      code: "import { exec, spawn } from 'child_process';\nexec(`convert ${src} -resize 50% ${dst}`);\nspawn('ffmpeg', ['-i', file]);",
      project: service,
      errors: [
        {
          messageId: 'program',
          line: 2,
          column: 7,
          endColumn: 14,
          message:
            'Runs "convert" (ImageMagick) from the system; package.json cannot declare it, so a deploy without it fails at run time: use an npm package that ships it, or vendor it with the app (II. Dependencies).',
        },
        { messageId: 'program', line: 3, column: 8, endColumn: 14 },
      ],
    },
    {
      name: 'shell lines, sh -c, promisify, execa and zx',
      code: [
        "import util from 'util';",
        "import cp from 'child_process';",
        "import { execa } from 'execa';",
        "import { $ } from 'zx';",
        'const run = util.promisify(cp.exec);',
        "await run('cd /tmp && curl -sSL https://x.test/a.tgz | tar xz');",
        "cp.execSync('sh -c \"wkhtmltopdf in.html out.pdf\"');",
        "await execa('gs', ['-q', 'in.pdf']);",
        'await $`git rev-parse --short HEAD`;',
      ].join('\n'),
      project: service,
      errors: [
        { messageId: 'program', line: 6, column: 23 },
        { messageId: 'program', line: 7, column: 21 },
        { messageId: 'program', line: 8, column: 14 },
        { messageId: 'program', line: 9, column: 9 },
      ],
    },
    {
      name: 'modules that run a system program',
      code: "import gm from 'gm';\nconst simpleGit = require('simple-git');",
      project: service,
      errors: [
        { messageId: 'wrapper', line: 1, column: 16, message: '"gm" runs the "gm" program (GraphicsMagick) it finds on the system; package.json cannot declare it: declare a package that ships it, or vendor it with the app (II. Dependencies).' },
        { messageId: 'wrapper', line: 2, column: 27 },
      ],
    },
  ],
});
