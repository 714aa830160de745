// Slack's Socket Mode end on ws://127.0.0.1: the app's SocketModeClient gets this URL from the
// fake's apps.connections.open, receives `hello`, then envelopes; it acks each envelope with
// `{envelope_id, payload}` on the same socket.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlackApiFake } from './slack-api-fake';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class SocketModeFake {
  private readonly http: Server = createServer();
  private readonly wss = new WebSocketServer({ server: this.http });
  private socket: WebSocket | null = null;
  private connected: Array<() => void> = [];
  private readonly waiting = new Map<string, (ack: Ack) => void>();
  private nextEnvelope = 1;
  /** Connections the app opened (it reconnects on a drop). */
  connections = 0;

  async start(api: SlackApiFake): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    api.socketUrl = `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}/link`;
    this.wss.on('connection', (ws) => {
      this.connections++;
      this.socket = ws;
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString('utf8')) as Ack;
        this.waiting.get(msg.envelope_id)?.(msg);
        this.waiting.delete(msg.envelope_id);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A_FAKE' },
        }),
      );
      for (const resolve of this.connected.splice(0)) resolve();
    });
    return this;
  }

  /** Resolves once the app has connected. */
  whenConnected(): Promise<void> {
    return this.socket ? Promise.resolve() : new Promise((resolve) => this.connected.push(resolve));
  }

  /** Pushes an envelope and resolves with the app's ack. */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<Ack> {
    if (!this.socket) throw new Error('the app is not connected');
    const envelope_id = `env-${this.nextEnvelope++}`;
    const acked = new Promise<Ack>((resolve) => this.waiting.set(envelope_id, resolve));
    this.socket.send(JSON.stringify({ envelope_id, type, accepts_response_payload: type !== 'events_api', payload }));
    return acked;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
