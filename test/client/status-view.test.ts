// What the status bar item says in each state (client/src/status-view.ts is pure, so this runs without VS Code).
import assert from 'node:assert/strict';
import { statusView } from '../../client/src/status-view';
import type { IndexStatus } from '../../server/src/lsp/protocol';

const index = (over: Partial<IndexStatus> = {}): IndexStatus => ({
  indexing: false,
  filesIndexed: 40,
  limitReached: false,
  counts: { error: 0, warning: 0, info: 0, hint: 0 },
  configProblems: [],
  ...over,
});

describe('status item', () => {
  it('says off when the workspace disabled the extension, whatever the server does', () => {
    const view = statusView({ client: 'running', disabled: true, index: index({ counts: { error: 3, warning: 0, info: 0, hint: 0 } }) });
    assert.equal(view.state, 'off');
    assert.equal(view.text, '$(circle-slash) 12-Factor: off');
  });

  it('says starting, then stopped (with an error background) when the server is not running', () => {
    assert.equal(statusView({ client: 'starting', disabled: false }).state, 'starting');
    const stopped = statusView({ client: 'stopped', disabled: false, index: index() });
    assert.equal(stopped.state, 'stopped');
    assert.equal(stopped.background, 'statusBarItem.errorBackground');
  });

  it('says indexing, with the files read so far, until the index is done', () => {
    assert.equal(statusView({ client: 'running', disabled: false }).state, 'indexing');
    const view = statusView({ client: 'running', disabled: false, index: index({ indexing: true, filesIndexed: 1234 }) });
    assert.equal(view.text, '$(sync~spin) 12-Factor: indexing 1,234 files');
  });

  it('says config error, naming the file and line, before any count', () => {
    const view = statusView({
      client: 'running',
      disabled: false,
      index: index({
        counts: { error: 1, warning: 0, info: 0, hint: 0 },
        configProblems: [{ uri: 'file:///srv/api/.twelvefactorrc.json', line: 3, message: 'unknown rule "logs/no-consoel"' }],
      }),
    });
    assert.equal(view.state, 'config-error');
    assert.equal(view.background, 'statusBarItem.warningBackground');
    assert.match(view.tooltip, /\/srv\/api\/\.twelvefactorrc\.json:4: unknown rule "logs\/no-consoel"/);
  });

  it('counts the whole workspace, with the worst severity as icon, and says clean when there is nothing', () => {
    const findings = statusView({ client: 'running', disabled: false, index: index({ counts: { error: 0, warning: 5, info: 0, hint: 116 } }) });
    assert.equal(findings.text, '$(warning) 12-Factor: 121');
    assert.match(findings.tooltip, /5 warnings · 116 hints in 40 files/);
    const clean = statusView({ client: 'running', disabled: false, index: index() });
    assert.equal(clean.state, 'clean');
    assert.equal(clean.text, '$(check) 12-Factor');
  });

  it('says when the workspace is larger than the index reads', () => {
    const view = statusView({ client: 'running', disabled: false, index: index({ limitReached: true, counts: { error: 0, warning: 1, info: 0, hint: 0 } }) });
    assert.match(view.tooltip, /more source files than the index reads/);
  });
});
