import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

/** Bytes enough for every signature file-type knows. */
const SNIFF_BYTES = 4100;

export interface Inspection {
  size: number;
  sha256: string;
  /** The type the bytes show (null: no signature, e.g. plain text), and whether they look like text. */
  detected: string | null;
  looksLikeText: boolean;
}

/**
 * Counts, hashes and sniffs the bytes on their way to storage. Nothing is passed on until the type is
 * known (the first 4 KiB), so `judgeType` can stop a file before any of it is stored; `tooLarge` stops it
 * as soon as it passes `maxBytes`. Either error comes out of the stream, and so of the storage write.
 */
export class FileInspector extends Transform {
  private readonly hash = createHash('sha256');
  private size = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private sniffed: { detected: string | null; looksLikeText: boolean } | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
    private readonly judgeType: (detected: string | null, looksLikeText: boolean) => Error | null,
  ) {
    super();
  }

  result(): Inspection {
    if (!this.sniffed) throw new Error('the file was not read to its end');
    return { size: this.size, sha256: this.hash.digest('hex'), ...this.sniffed };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(this.tooLarge());
    this.hash.update(chunk);
    if (this.sniffed) return done(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return done();
    this.sniff().then(() => done(), done);
  }

  override _flush(done: TransformCallback): void {
    if (this.sniffed) return done();
    this.sniff().then(() => done(), done);
  }

  private async sniff(): Promise<void> {
    const head = Buffer.concat(this.head);
    this.head = [];
    const detected = (await fileTypeFromBuffer(head))?.mime ?? null;
    this.sniffed = { detected, looksLikeText: looksLikeText(head) };
    const refusal = this.judgeType(detected, this.sniffed.looksLikeText);
    if (refusal) throw refusal;
    this.push(head);
  }
}

/** UTF-8 without NUL or other control characters than tab, line feed, carriage return, form feed. */
function looksLikeText(head: Buffer): boolean {
  // a multi-byte character may be cut at the end of the sample: judge what precedes it
  const text = head.subarray(0, Math.max(0, head.length - 4)).toString('utf8');
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  return !text.includes('\uFFFD') && !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}
