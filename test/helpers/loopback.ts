import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Start a test server on 127.0.0.1 (a free port) and give its base URL and a close that
 * also ends kept-alive and hanging connections, so a test never waits on a stalled peer.
 */
export async function listenOnLoopback(server: Server): Promise<{ baseURL: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
