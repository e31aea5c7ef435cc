// What the status bar item says, truthfully: off (disabled for this workspace), starting, stopped, indexing, a config
// error, or the workspace's finding count. Pure: no VS Code API, so every state's wording is unit-tested in Node.
import type { IndexStatus } from '../../server/src/lsp/protocol';
import { countsText, total } from './counts';

export type ClientState = 'starting' | 'running' | 'stopped';

export interface StatusInput {
  /** The language client's state. */
  client: ClientState;
  /** `twelveFactor.enable` is false for every workspace folder (or the window, without folders). */
  disabled: boolean;
  /** The server's last `twelveFactor/status`, if any. */
  index?: IndexStatus;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** A theme color for the background (warnings only: VS Code allows error and warning backgrounds). */
  background?: 'statusBarItem.warningBackground' | 'statusBarItem.errorBackground';
  state: 'off' | 'starting' | 'stopped' | 'indexing' | 'config-error' | 'findings' | 'clean';
}

/** What the item shows. */
export function statusView(input: StatusInput): StatusView {
  const click = 'Click for actions.';
  if (input.disabled) {
    return { state: 'off', text: '$(circle-slash) 12-Factor: off', tooltip: `Twelve-Factor Lint is off for this workspace (twelveFactor.enable). ${click}` };
  }
  if (input.client === 'starting') {
    return { state: 'starting', text: '$(sync~spin) 12-Factor', tooltip: 'Twelve-Factor Lint: starting the server…' };
  }
  if (input.client === 'stopped') {
    return {
      state: 'stopped',
      text: '$(circle-slash) 12-Factor: stopped',
      tooltip: `Twelve-Factor Lint: the server is not running; see the output. ${click}`,
      background: 'statusBarItem.errorBackground',
    };
  }
  const index = input.index;
  if (index && index.configProblems.length > 0) {
    const [first] = index.configProblems;
    const where = `${decodeURIComponent(first.uri.replace(/^file:\/\//, ''))}:${first.line + 1}`;
    return {
      state: 'config-error',
      text: '$(warning) 12-Factor: config error',
      tooltip: `Twelve-Factor Lint: ${where}: ${first.message}${index.configProblems.length > 1 ? ` (and ${index.configProblems.length - 1} more)` : ''}. The defaults apply for what could not be read. ${click}`,
      background: 'statusBarItem.warningBackground',
    };
  }
  if (!index || index.indexing) {
    const files = index ? ` ${index.filesIndexed.toLocaleString('en-US')} files` : '';
    return { state: 'indexing', text: `$(sync~spin) 12-Factor: indexing${files}`, tooltip: `Twelve-Factor Lint: reading the workspace…${files ? ` (${files.trim()} so far)` : ''}` };
  }
  const count = total(index.counts);
  const limit = index.limitReached ? ' The workspace has more source files than the index reads (5,000 per folder).' : '';
  if (count === 0) {
    return { state: 'clean', text: '$(check) 12-Factor', tooltip: `Twelve-Factor Lint: no findings in ${files(index.filesIndexed)}.${limit} ${click}` };
  }
  const icon = index.counts.error > 0 ? '$(error)' : index.counts.warning > 0 ? '$(warning)' : '$(info)';
  return {
    state: 'findings',
    text: `${icon} 12-Factor: ${count.toLocaleString('en-US')}`,
    tooltip: `Twelve-Factor Lint: ${countsText(index.counts)} in ${files(index.filesIndexed)} (whole workspace).${limit} ${click}`,
  };
}

function files(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'file' : 'files'}`;
}
