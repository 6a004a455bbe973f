import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPost, sphereWithPeople } from '../factories/content';
import { eventually } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

describe('notification e-mails without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000', REDIS_URL: '' } });
  });
  afterAll(() => t.close());

  it('writes each message as a .eml file under DATA_DIR/mail', async () => {
    const { sphere, member, animator } = await sphereWithPeople(t);
    await createPost(t, member, sphere.id, 'Pique-nique samedi');
    const directory = join(t.config.dataDir, 'mail');
    const message = await eventually(
      () => {
        if (!existsSync(directory)) return undefined;
        return readdirSync(directory)
          .filter((name) => name.endsWith('.eml'))
          .map((name) => readFileSync(join(directory, name), 'utf8'))
          .find((eml) => eml.includes(`To: ${animator.email}`));
      },
      20_000,
      `a .eml file for ${animator.email}`,
    );
    expect(message).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(message).toMatch(/^Content-Type: text\/html/m);
    expect(message).toMatch(/^Content-Type: text\/plain/m);
  });
});
