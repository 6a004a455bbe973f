import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

// In the e2e project because it needs the build (`npm test` builds first): the document comes from
// dist/scripts/openapi.js, the app's own module graph.
describe('web client API types', () => {
  it('apps/web/src/lib/api/schema.d.ts is what `npm run web:api-types` generates today', () => {
    const run = () =>
      execFileSync(process.execPath, [join(ROOT, 'scripts/web-api-types.mjs'), '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
  });
});
