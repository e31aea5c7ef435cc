// PLACEHOLDER — being written. Docs: docs/rules/processes/no-local-file-state.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'processes/no-local-file-state',
  factor: 'processes',
  severity: 'warning',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
