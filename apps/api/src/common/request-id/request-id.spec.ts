import type { IncomingMessage } from 'node:http';
import { requestIdFor } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function requestWith(headers: IncomingMessage['headers']): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe('requestIdFor', () => {
  it('keeps a sane id from the caller', () => {
    expect(requestIdFor(requestWith({ 'x-request-id': 'edge-7f3a:42' }))).toBe(
      'edge-7f3a:42',
    );
  });

  it('generates a UUID when the caller sends none', () => {
    expect(requestIdFor(requestWith({}))).toMatch(UUID);
  });

  it.each([['a b'], ['<script>'], ['x'.repeat(129)], ['line\nbreak'], ['']])(
    'replaces the unsafe id %j',
    (offered) => {
      expect(requestIdFor(requestWith({ 'x-request-id': offered }))).toMatch(
        UUID,
      );
    },
  );

  it('replaces repeated headers', () => {
    expect(
      requestIdFor(
        requestWith({ 'x-request-id': ['a', 'b'] as unknown as string }),
      ),
    ).toMatch(UUID);
  });
});
