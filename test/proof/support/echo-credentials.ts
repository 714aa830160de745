// A vendor API at its most careless: every request — data, token exchange, refresh — is refused
// with 401, and the error body repeats the credentials it was sent (Authorization, decoded Basic,
// API-key headers, the form body with client_secret and refresh_token) in every field any connector
// reads: `error`, `message`, `error_description`, `title`, a QuickBooks Fault, GraphQL `errors`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export async function startEchoCredentials(): Promise<EchoServer> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const auth = req.headers.authorization ?? '';
      const basic = /^Basic\s+(.+)$/i.exec(auth)?.[1];
      const keys = Object.entries(req.headers)
        .filter(([k]) => /key|token|secret/i.test(k))
        .map(([k, v]) => `${k}=${String(v)}`);
      const echo = [
        `invalid token: ${auth}`,
        basic ? `(${Buffer.from(basic, 'base64').toString('utf8')})` : '',
        ...keys,
        `sent ${Buffer.concat(chunks).toString('utf8')}`,
        `to ${req.url}`,
      ].join(' ');
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: echo,
          error_description: echo,
          message: echo,
          title: echo,
          Fault: { Error: [{ Message: echo, Detail: echo, code: '3200' }], type: 'AuthenticationFault' },
          errors: [{ message: echo }],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
