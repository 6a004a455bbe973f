import type { IncomingMessage } from 'node:http';
import { requestId } from './request-id';

const withHeader = (value?: string | string[]) =>
  ({ headers: { 'x-request-id': value } }) as unknown as IncomingMessage;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
  ])('makes a fresh UUID when the header is %s', (_case, value) => {
    expect(requestId(withHeader(value))).toMatch(UUID);
  });
});
