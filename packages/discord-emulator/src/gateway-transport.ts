// How a gateway connection is framed, from its URL's query (https://discord.com/developers/docs/events/gateway#connecting):
// `v` must be 10, `encoding` json, and `compress=zlib-stream` sends every payload through one zlib context per
// connection, each ending in a Z_SYNC_FLUSH (`00 00 ff ff`), as binary frames
// (https://discord.com/developers/docs/events/gateway#transport-compression).
import { constants, createDeflate, type Deflate } from 'node:zlib';
import type { WebSocket } from 'ws';

export const GATEWAY_VERSION = 10;

export type ConnectionParams =
  | { ok: true; compress: 'zlib-stream' | null }
  /** Refused before the WebSocket opens: what the emulator does not serve (etf, zstd-stream). */
  | { ok: false; upgradeStatus: 400; message: string }
  /** Accepted, then closed with a gateway close code (an API version other than 10). */
  | { ok: false; closeCode: number; reason: string };

export function parseConnectionParams(query: URLSearchParams): ConnectionParams {
  const encoding = query.get('encoding') ?? 'json';
  if (encoding !== 'json') {
    return {
      ok: false,
      upgradeStatus: 400,
      message:
        encoding === 'etf'
          ? 'encoding=etf is not supported by the Discord emulator (Discord serves it; the emulator speaks json only).'
          : `Unknown encoding ${JSON.stringify(encoding)}: use encoding=json.`,
    };
  }
  const compress = query.get('compress');
  if (compress !== null && compress !== 'zlib-stream') {
    return {
      ok: false,
      upgradeStatus: 400,
      message:
        compress === 'zstd-stream'
          ? 'compress=zstd-stream is not supported by the Discord emulator (Discord serves it); use zlib-stream or none.'
          : `Unknown compress ${JSON.stringify(compress)}: use zlib-stream or leave it out.`,
    };
  }
  // Discord serves gateway v9 and v10 (and deprecated older ones); the emulator implements v10 only, so any
  // other version, or none, gets the close code Discord uses for versions it does not serve.
  if (query.get('v') !== String(GATEWAY_VERSION)) {
    return { ok: false, closeCode: 4012, reason: 'Invalid API version' };
  }
  return { ok: true, compress: compress === 'zlib-stream' ? 'zlib-stream' : null };
}

/** Sends gateway payloads on one socket: plain JSON text frames, or one zlib stream of binary frames. */
export class GatewaySender {
  private readonly deflate: Deflate | null;
  private pending: Buffer[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    compress: 'zlib-stream' | null,
  ) {
    this.deflate = compress ? createDeflate({ chunkSize: 64 * 1024 }) : null;
    // All output of a write is emitted before its flush callback runs (the pattern ws's permessage-deflate uses).
    this.deflate?.on('data', (chunk: Buffer) => this.pending.push(chunk));
    ws.once('close', () => this.deflate?.close());
  }

  get compressed(): boolean {
    return this.deflate !== null;
  }

  send(payload: unknown): void {
    const text = JSON.stringify(payload);
    const deflate = this.deflate;
    if (!deflate) {
      if (this.ws.readyState === this.ws.OPEN) this.ws.send(text);
      return;
    }
    // One payload at a time, so every frame ends exactly at its own sync flush.
    this.queue = this.queue.then(
      () =>
        new Promise<void>((resolve) => {
          if (this.ws.readyState !== this.ws.OPEN) return resolve();
          deflate.write(text);
          deflate.flush(constants.Z_SYNC_FLUSH, () => {
            const frame = Buffer.concat(this.pending);
            this.pending = [];
            if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame, { binary: true });
            resolve();
          });
        }),
    );
  }

  /** Closes after every queued payload has gone out (a close must not overtake the frames before it). */
  close(code: number, reason: string): void {
    this.queue = this.queue.then(() => {
      this.ws.close(code, reason);
    });
  }
}
