import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JWKS endpoint on 127.0.0.1 that counts its requests; `document` can be swapped to rotate keys. */
export const startJwksServer = async (initial: unknown) => {
  let document = initial;
  let requests = 0;
  let silent = false;
  const server: Server = createServer((request, response) => {
    requests++;
    if (silent) return;
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => requests,
    serve: (next: unknown) => {
      document = next;
    },
    /** Accept connections but never answer (a hung identity provider). */
    hang: () => {
      silent = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
