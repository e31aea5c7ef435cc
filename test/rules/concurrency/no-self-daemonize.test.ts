import rule from '../../../server/src/analyzer/rules/concurrency/no-self-daemonize';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const service = projectWith({ packageJson: { name: 'api', private: true, scripts: { start: 'node loader.js' } } });
const cli = projectWith({ packageJson: { name: 'agentctl', bin: { agentctl: 'dist/cli.js' } } });
const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}): string => JSON.stringify({ name: 'api', private: true, ...extra, scripts }, null, 2);

runRuleTests(rule, {
  valid: [
    // detached without unref: a process group to kill a tree (a test server, Vite).
    { code: "import { spawn } from 'child_process';\nconst web = spawn(process.execPath, [__filename], { detached: true, stdio: 'ignore' });\nprocess.kill(-web.pid!);", project: service },
    // Opening a browser, a helper script sent off (a telemetry flush): not the app itself.
    { code: "import { spawn } from 'child_process';\nspawn('xdg-open', [url], { detached: true, stdio: 'ignore' }).unref();", project: service },
    { code: "import { fork } from 'child_process';\nimport { join } from 'path';\nconst child = fork(join(__dirname, 'send.js'), { detached: true });\nchild.unref();", project: service },
    // Workers the app keeps attached are the process manager's children too.
    { code: "import { fork } from 'child_process';\nfork(__filename, ['worker']);", project: service },
    // A pid that is not written to a file; a file that is no PID file.
    { code: "import fs from 'fs';\nlogger.info({ pid: process.pid }, 'started');\nfs.writeFileSync('state.json', JSON.stringify({ ok: true }));", project: service },
    // A CLI that starts its own background agent is doing its job.
    { code: "import { spawn } from 'child_process';\nspawn(process.execPath, [__filename, 'daemon'], { detached: true, stdio: 'ignore' }).unref();\nimport fs from 'fs';\nfs.writeFileSync('/tmp/agent.pid', String(process.pid));", project: cli },
    { code: "require('daemon')();", filename: 'scripts/start-daemon.js', project: service },
    // Foreground process managers in the start script.
    { code: pkg({ start: 'pm2-runtime start ecosystem.config.js' }), filename: 'package.json' },
    // An Electron app is not a deployed service.
    { code: pkg({ start: 'pm2 start main.js' }, { dependencies: { electron: '30.0.0' } }), filename: 'package.json' },
    { code: pkg({ start: 'pm2 start app.js --no-daemon' }), filename: 'package.json' },
    { code: pkg({ start: 'node dist/server.js', deploy: 'pm2 start dist/server.js' }), filename: 'package.json' },
  ],
  invalid: [
    {
      name: 'daemon and a PID file in the launcher (NodeBB loader.js)',
      code: "const fs = require('fs');\nrequire('daemon')({ cwd: process.cwd() });\nfs.writeFileSync(pidFilePath, String(process.pid));",
      filename: 'loader.js',
      project: service,
      errors: [
        { messageId: 'module', line: 2, column: 9, message: '"daemon" daemonizes or supervises the app from inside; run it in the foreground and let the process manager do that (VIII. Concurrency).' },
        { messageId: 'pidFile', line: 3, column: 1, message: 'Writes a PID file: the process manager tracks the processes it starts. Run in the foreground and drop the PID file (VIII. Concurrency).' },
      ],
    },
    {
      name: 're-launching itself detached',
      code: "import { spawn } from 'child_process';\nif (!process.env.DAEMONIZED) {\n  const child = spawn(process.execPath, [__filename, ...process.argv.slice(2)], { detached: true, stdio: 'ignore', env: { ...process.env, DAEMONIZED: '1' } });\n  child.unref();\n  process.exit(0);\n}",
      project: service,
      errors: [
        {
          messageId: 'detached',
          line: 3,
          column: 17,
          endColumn: 22,
          message: 'Starts a detached Node.js process and lets it go (unref): the process manager can no longer see, restart or stop it. Run it as its own process type instead (VIII. Concurrency).',
        },
      ],
    },
    {
      name: 'an installer starting the app and going away (NodeBB install/web.js)',
      code: "const childProcess = require('child_process');\nconst child = childProcess.spawn('node', ['loader.js'], { detached: true, stdio: ['ignore', 'ignore', 'ignore'] });\nchild.unref();",
      filename: 'install/web.js',
      project: service,
      errors: [{ messageId: 'detached', line: 2, column: 15 }],
    },
    {
      name: 'a daemon module through import-equals, or re-exported; not a type-only import',
      code: "import daemon = require('daemon');\nexport { default as start } from 'daemonize2';\nexport type { Options } from 'daemonize2';",
      filename: 'src/daemon.ts',
      project: service,
      errors: [
        { messageId: 'module', line: 1, column: 25 },
        { messageId: 'module', line: 2, column: 34 },
      ],
    },
    {
      name: 'PID files by name and daemon modules',
      code: "import { writeFile } from 'fs/promises';\nimport daemonize from 'daemonize2';\nawait writeFile(`${runDir}/server.pid`, `${child.pid}`);",
      project: service,
      errors: [
        { messageId: 'module', line: 2, column: 23 },
        { messageId: 'pidFile', line: 3, column: 7 },
      ],
    },
    {
      name: 'pm2 start in the start script (danielfsousa/express-rest-boilerplate)',
      code: pkg({ start: 'cross-env NODE_ENV=production pm2 start ./src/index.js' }),
      filename: 'package.json',
      errors: [
        {
          messageId: 'script',
          line: 5,
          column: 15,
          message: 'The "start" script runs "pm2 start", which puts the app in the background and returns: the platform sees the start command exit. Use pm2-runtime or node in the foreground (VIII. Concurrency).',
        },
      ],
    },
    { code: pkg({ start: 'forever start server.js' }), filename: 'package.json', errors: [{ messageId: 'script', line: 5, column: 15 }] },
  ],
});
