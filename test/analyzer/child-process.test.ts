import assert from 'node:assert/strict';
import ts from 'typescript';
import { collectImports } from '../../server/src/analyzer/ast';
import { processCallOf, promisifiedBindings } from '../../server/src/analyzer/child-process';
import { parseTypeScript } from '../../server/src/analyzer/languages/typescript';

/** Every process call of a file: api, shell, and each program with the text at its range and its arguments. */
function calls(code: string): Array<{ api: string; shell: boolean; programs: Array<[string, string, string[], string]> }> {
  const sf = parseTypeScript('src/app.ts', code);
  const imports = collectImports(sf);
  const promisified = promisifiedBindings(sf, imports);
  const out: ReturnType<typeof calls> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) {
      const call = processCallOf(node, imports, promisified);
      if (call) {
        out.push({
          api: `${call.module}.${call.api}`,
          shell: call.shell,
          programs: call.programs.map((p) => [p.name, code.slice(p.start, p.end), p.args, p.path]),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('child-process helper', () => {
  it('resolves child_process through imports, requires, namespaces and require(…).x', () => {
    assert.deepEqual(calls("import { execSync } from 'child_process'; execSync('git rev-parse HEAD');"), [
      { api: 'child_process.execSync', shell: true, programs: [['git', 'git', ['rev-parse', 'HEAD'], 'bare']] },
    ]);
    assert.deepEqual(calls("const cp = require('node:child_process'); cp.spawn('ffmpeg', ['-i', input, 'out.mp4']);"), [
      { api: 'child_process.spawn', shell: false, programs: [['ffmpeg', 'ffmpeg', ['-i', '…', 'out.mp4'], 'bare']] },
    ]);
    assert.deepEqual(calls("import * as cp from 'child_process'; cp.execFile('/usr/bin/convert', ['a.png', 'b.jpg']);")[0].programs, [
      ['convert', '/usr/bin/convert', ['a.png', 'b.jpg'], 'absolute'],
    ]);
    assert.deepEqual(calls("require('child_process').exec('curl -s https://x.test');")[0].programs[0].slice(0, 2), ['curl', 'curl']);
  });

  it('splits shell lines into commands, through prefixes, assignments and sh -c', () => {
    const [call] = calls("import { exec } from 'child_process'; exec('cd /tmp && LANG=C sudo nice -n 5 gs -q x.pdf | grep x; bash -c \"wkhtmltopdf a b\"');");
    assert.deepEqual(call.programs.map((p) => [p[0], p[1]]), [
      ['cd', 'cd'],
      ['gs', 'gs'],
      ['grep', 'grep'],
      ['wkhtmltopdf', 'wkhtmltopdf'],
    ]);
  });

  it('reads templates up to their first substitution, and constants of the same file', () => {
    assert.deepEqual(calls("import { exec } from 'child_process'; exec(`ffmpeg -i ${file} -vf scale=320:-1 ${out}`);")[0].programs, [
      ['ffmpeg', 'ffmpeg', ['-i', '…', '-vf', 'scale=320:-1', '…'], 'bare'],
    ]);
    assert.deepEqual(calls("import { exec } from 'child_process'; exec(`${bin} -v`);")[0].programs, []);
    const [constant] = calls("import { exec } from 'child_process'; const CMD = 'pdftotext in.pdf -'; exec(CMD);");
    // The command is spelled in the constant: the range is the use.
    assert.deepEqual(constant.programs.map((p) => [p[0], p[1]]), [['pdftotext', 'CMD']]);
  });

  it('knows execa, zx, shelljs, cross-spawn, Bun and util.promisify', () => {
    const code = [
      "import { execa, execaCommand, $ } from 'execa';",
      "import { $ as zx } from 'zx';",
      "import shell from 'shelljs';",
      "import spawn from 'cross-spawn';",
      "import { promisify } from 'util';",
      "import { exec } from 'child_process';",
      'const run = promisify(exec);',
      "await execa('convert', ['in.png', 'out.jpg']);",
      "await execaCommand('git pull');",
      'await $`tesseract ${img} out`;',
      'await zx`pandoc -o out.pdf in.md`;',
      "shell.exec('rsync -a a b');",
      "spawn.sync('mysqldump', ['db']);",
      "Bun.spawn(['yt-dlp', url]);",
      "await run('exiftool x.jpg');",
    ].join('\n');
    assert.deepEqual(calls(code).map((c) => [c.api, c.programs[0]?.[0]]), [
      ['execa.execa', 'convert'],
      ['execa.execaCommand', 'git'],
      ['execa.$', 'tesseract'],
      ['zx.$', 'pandoc'],
      ['shelljs.exec', 'rsync'],
      ['cross-spawn.spawnSync', 'mysqldump'],
      ['bun.spawn', 'yt-dlp'],
      ['child_process.exec', 'exiftool'],
    ]);
  });

  it('honours spawn(…, { shell: true }), knows fork runs node, and ignores look-alikes', () => {
    assert.deepEqual(calls("import { spawn } from 'child_process'; spawn('git pull --rebase', { shell: true });")[0], {
      api: 'child_process.spawn',
      shell: true,
      programs: [['git', 'git', ['pull', '--rebase'], 'bare']],
    });
    assert.deepEqual(calls("import { fork } from 'child_process'; fork('./worker.js');")[0].programs, []);
    assert.deepEqual(calls("import { exec } from './db'; exec('curl x'); const re = /x/; re.exec('curl');"), []);
    assert.deepEqual(calls("import { spawn } from 'child_process'; spawn('./bin/ffmpeg', []);")[0].programs[0][3], 'relative');
  });

  it('keeps the offsets exact only where the literal has no escapes', () => {
    const [call] = calls("import { exec } from 'child_process'; exec('echo \\'a\\' && convert x y');");
    const convert = call.programs.find((p) => p[0] === 'convert')!;
    // Escapes before the word: the whole literal is the range.
    assert.equal(convert[1], "'echo \\'a\\' && convert x y'");
  });
});
