import { createECDH, ECDH, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as {
  decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer;
};

/** A browser's side of one subscription: its key pair and auth secret, and what reached it, decrypted. */
export interface FakeBrowser {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  received: { text: string; authorization: string | undefined }[];
  /** The status the push service answers for this subscription (201 unless told otherwise). */
  answer: number;
}

/** A Web Push service on loopback that decrypts (aes128gcm) every message with the browser's private key. */
export class LoopbackPushService {
  private readonly browsers = new Map<string, { browser: FakeBrowser; ecdh: ECDH; authSecret: Buffer }>();
  private server: Server;
  private url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const entry = this.browsers.get(req.url ?? '');
        if (!entry) return res.writeHead(404).end();
        const text = ece
          .decrypt(Buffer.concat(chunks), {
            version: 'aes128gcm',
            privateKey: entry.ecdh,
            authSecret: entry.authSecret,
          })
          .toString('utf8');
        entry.browser.received.push({ text, authorization: req.headers.authorization });
        res.writeHead(entry.browser.answer).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  browser(): FakeBrowser {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const path = `/push/${randomBytes(8).toString('hex')}`;
    const browser: FakeBrowser = {
      endpoint: `${this.url}${path}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
      received: [],
      answer: 201,
    };
    this.browsers.set(path, { browser, ecdh, authSecret });
    return browser;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
