import type { IncomingMessage } from 'node:http';
import { requestId } from './request-id';

const withHeader = (value?: string | string[]) =>
  ({ headers: { 'x-request-id': value } }) as unknown as IncomingMessage;
const FRESH = /^[A-Za-z0-9_-]{11}-[0-9a-z]+$/;

describe('requestId', () => {
  it("keeps a proxy's short token of safe characters", () => {
    expect(requestId(withHeader('f3b1c2d4-aaaa-4bbb-8ccc-123456789abc'))).toBe('f3b1c2d4-aaaa-4bbb-8ccc-123456789abc');
    expect(requestId(withHeader('req_42.edge:7'))).toBe('req_42.edge:7');
  });

  it.each([
    ['none', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(65)],
    ['a line break (forged log lines)', 'abc\n{"level":60}'],
    ['spaces and quotes', 'a b"c'],
    ['markup', '<script>'],
    ['several headers', ['a', 'b']],
  ])('makes a fresh id when the header is %s', (_case, value) => {
    expect(requestId(withHeader(value))).toMatch(FRESH);
  });

  it('never makes the same id twice in a process', () => {
    const ids = Array.from({ length: 1000 }, () => requestId(withHeader()));
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(0, 11))).size).toBe(1); // one prefix per process start
  });
});
