// PLACEHOLDER — being written. Docs: docs/rules/backing-services/no-hardcoded-host.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'backing-services/no-hardcoded-host',
  factor: 'backing-services',
  severity: 'warning',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
