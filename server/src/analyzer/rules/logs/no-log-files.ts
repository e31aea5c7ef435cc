// PLACEHOLDER — being written. Docs: docs/rules/logs/no-log-files.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'logs/no-log-files',
  factor: 'logs',
  severity: 'warning',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
