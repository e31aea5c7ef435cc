// PLACEHOLDER — being written. Docs: docs/rules/backing-services/no-hardcoded-service-url.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'backing-services/no-hardcoded-service-url',
  factor: 'backing-services',
  severity: 'warning',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
