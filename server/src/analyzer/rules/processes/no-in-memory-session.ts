// PLACEHOLDER — being written. Docs: docs/rules/processes/no-in-memory-session.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'processes/no-in-memory-session',
  factor: 'processes',
  severity: 'warning',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
