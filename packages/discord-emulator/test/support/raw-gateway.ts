// A bare WebSocket gateway client for tests that need the wire: close codes and reasons, binary zlib-stream
// frames (inflated through one shared context, as Discord's docs describe), upgrade refusals.
import { constants, createInflate } from 'node:zlib';
import WebSocket from 'ws';

export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface RawGateway {
  ws: WebSocket;
  /** Every decoded payload so far, in order. */
  payloads: GatewayPayload[];
  /** Raw frames as received (binary ones still compressed). */
  frames: { binary: boolean; data: Buffer }[];
  next(predicate?: (p: GatewayPayload) => boolean): Promise<GatewayPayload>;
  send(payload: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

const SYNC_FLUSH = Buffer.from([0x00, 0x00, 0xff, 0xff]);

export function openGateway(url: string, query: string): Promise<RawGateway> {
  const ws = new WebSocket(`${url}?${query}`);
  const payloads: GatewayPayload[] = [];
  const frames: RawGateway['frames'] = [];
  const waiters: { predicate: (p: GatewayPayload) => boolean; resolve: (p: GatewayPayload) => void }[] = [];
  const inflate = createInflate();
  let inflated: Buffer[] = [];
  inflate.on('data', (c: Buffer) => inflated.push(c));
  let chain: Promise<void> = Promise.resolve();
  let seen = 0;
  const deliver = (text: string) => {
    const payload = JSON.parse(text) as GatewayPayload;
    payloads.push(payload);
    for (const w of [...waiters]) {
      if (w.predicate(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  };
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    frames.push({ binary: isBinary, data });
    if (!isBinary) return deliver(data.toString('utf8'));
    chain = chain.then(
      () =>
        new Promise<void>((resolve, reject) => {
          inflate.write(data);
          inflate.flush(constants.Z_SYNC_FLUSH, () => {
            const text = Buffer.concat(inflated).toString('utf8');
            inflated = [];
            try {
              deliver(text);
              resolve();
            } catch (error) {
              reject(error);
            }
          });
        }),
    );
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  const client: RawGateway = {
    ws,
    payloads,
    frames,
    closed,
    send: (payload) => ws.send(JSON.stringify(payload)),
    next(predicate = () => true) {
      const found = payloads.slice(seen).find(predicate);
      if (found) {
        seen = payloads.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise((resolve) =>
        waiters.push({
          predicate,
          resolve: (p) => {
            seen = payloads.indexOf(p) + 1;
            resolve(p);
          },
        }),
      );
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      res.on('end', () => reject(new UpgradeRefused(res.statusCode ?? 0, body)));
    });
    ws.once('error', reject);
  });
}

export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`gateway upgrade refused with ${status}: ${body}`);
  }
}

export function endsWithSyncFlush(frame: Buffer): boolean {
  return frame.length >= 4 && frame.subarray(frame.length - 4).equals(SYNC_FLUSH);
}

export function identify(token: string, intents: number, extra: Record<string, unknown> = {}) {
  return {
    op: 2,
    d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, ...extra },
  };
}
