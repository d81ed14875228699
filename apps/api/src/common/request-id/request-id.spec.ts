import type { IncomingMessage } from 'node:http';
import { clientRequestIdOf, requestIdFor } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function requestWith(headers: IncomingMessage['headers']): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe('requestIdFor', () => {
  it('always generates a fresh UUID of the server', () => {
    const first = requestIdFor();
    expect(first).toMatch(UUID);
    expect(requestIdFor()).not.toBe(first);
  });
});

describe('clientRequestIdOf', () => {
  it('keeps a sane id from the caller', () => {
    expect(
      clientRequestIdOf(requestWith({ 'x-request-id': 'edge-7f3a:42' })),
    ).toBe('edge-7f3a:42');
  });

  it('is undefined when the caller sends none', () => {
    expect(clientRequestIdOf(requestWith({}))).toBeUndefined();
  });

  it.each([['a b'], ['<script>'], ['x'.repeat(129)], ['line\nbreak'], ['']])(
    'drops the unsafe id %j',
    (offered) => {
      expect(
        clientRequestIdOf(requestWith({ 'x-request-id': offered })),
      ).toBeUndefined();
    },
  );

  it('drops repeated headers', () => {
    expect(
      clientRequestIdOf(
        requestWith({ 'x-request-id': ['a', 'b'] as unknown as string }),
      ),
    ).toBeUndefined();
  });
});
