// PLACEHOLDER — being written. Docs: docs/rules/logs/no-console.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'logs/no-console',
  factor: 'logs',
  severity: 'info',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
