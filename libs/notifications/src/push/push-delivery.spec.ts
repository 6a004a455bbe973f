import { createECDH, randomBytes } from 'node:crypto';
import { generateVAPIDKeys } from 'web-push';
import { deliver } from './push-delivery';

describe('deliver', () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
  const vapid = { subject: 'mailto:admin@localhost', ...generateVAPIDKeys() };

  it('refuses to connect to a name that resolves to a non-public address (checked at send time)', async () => {
    await expect(deliver({ endpoint: 'https://localhost:9/push', keys }, '{}', vapid, false)).rejects.toThrow(
      /non-public address/,
    );
  });
});
