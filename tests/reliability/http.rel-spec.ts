import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { send } from './support/http';

/** How long the test server keeps an idle connection (and says so in `Keep-Alive: timeout=10`). */
const SERVER_IDLE_MS = 10_000;

/**
 * The harness's client itself (issue 21): a network failure it reports must be the server's doing.
 * A connection the server closes while idle is not, yet a client that keeps it until just before
 * the server's `Keep-Alive` hint sends on it when its event loop was busy at that moment (seen:
 * "other side closed" in the fuzz check after a 10 s synchronous step, 72 s after set-up).
 */
describe("the harness's HTTP client", () => {
  let server: Server;
  let baseUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.once('end', () => response.writeHead(204).end());
    });
    server.keepAliveTimeout = SERVER_IDLE_MS;
    server.on('connection', (socket: Socket) => sockets.push(socket));
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('closes an idle connection itself long before the server would', async () => {
    const first = await Promise.all(
      Array.from({ length: 8 }, () => send(baseUrl, 'GET', '/')),
    );
    expect(first.map((o) => o.status)).toEqual(Array(8).fill(204));
    expect(sockets.length).toBeGreaterThan(0);

    // Past the harness's 4 s, well before the server's 10 s: only the client can have closed them.
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    expect(sockets.filter((socket) => !socket.destroyed)).toEqual([]);
  }, 30_000);

  it('tells a request it cannot build from a network failure', async () => {
    const unsendable = await send(baseUrl, 'GET', '/', {
      headers: { 'x-forwarded-for': 'Ā' },
    });
    // A port nothing listens on any more.
    const closed = createServer();
    await new Promise<void>((resolve) =>
      closed.listen(0, '127.0.0.1', resolve),
    );
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await send(`http://127.0.0.1:${port}`, 'GET', '/');

    expect(unsendable).toMatchObject({ status: 0, failure: 'unsendable' });
    expect(unsendable.error).toMatch(/ByteString/);
    expect(refused).toMatchObject({ status: 0, failure: 'network' });
    expect(refused.error).toMatch(/ECONNREFUSED/);
  });
});
