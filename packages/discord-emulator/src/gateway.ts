// The gateway: HELLO/heartbeat, IDENTIFY → READY + GUILD_CREATE, RESUME with replay, INVALID_SESSION,
// and dispatch of state events filtered by shard and intents (JSON frames, optionally one zlib stream).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type APIMessage,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import { checkIntents } from './gateway-intents';
import {
  type ConnectionParams,
  GATEWAY_VERSION,
  GatewaySender,
  parseConnectionParams,
} from './gateway-transport';
import { randomToken } from './snowflake';
import type { DispatchMeta, EmulatorState } from './state';

interface BufferedEvent {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  shard: [number, number];
  seq: number;
  buffer: BufferedEvent[];
  ws: WebSocket | null;
  identifiedAt: number;
}

const BUFFER_LIMIT = 2000;

export interface GatewayStats {
  identifies: number;
  resumes: number;
  invalidSessions: number;
  connections: number;
}

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  private readonly senders = new WeakMap<WebSocket, GatewaySender>();
  private refuseResumes = 0;
  url = '';
  readonly counters: GatewayStats = { identifies: 0, resumes: 0, invalidSessions: 0, connections: 0 };

  constructor(
    private readonly state: EmulatorState,
    private readonly heartbeatIntervalMs: number,
    private readonly log: (line: string) => void,
  ) {
    state.dispatch = (event, data, meta) => this.dispatch(event, data, meta);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const params = parseConnectionParams(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
    if (!params.ok && 'upgradeStatus' in params) {
      this.log(`gateway: upgrade refused: ${params.message}`);
      socket.end(
        `HTTP/1.1 ${params.upgradeStatus} Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${params.message}\n`,
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, params));
  }

  /** Number of sockets currently connected. */
  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Terminates every connection abruptly (as a network drop); sessions stay resumable. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** The next RESUME attempt(s) get INVALID_SESSION (d: false), forcing a fresh IDENTIFY. */
  refuseNextResume(times = 1): void {
    this.refuseResumes += times;
  }

  /** Asks connected clients to reconnect (op 7), as Discord does before maintenance. */
  requestReconnect(): void {
    for (const ws of this.sockets) this.send(ws, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  sessionIds(): string[] {
    return [...this.sessions.keys()];
  }

  close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, params: ConnectionParams): void {
    this.sockets.add(ws);
    this.counters.connections++;
    let session: Session | null = null;
    ws.on('close', () => {
      this.sockets.delete(ws);
      if (session && session.ws === ws) session.ws = null;
    });
    ws.on('error', () => {});
    if (!params.ok) {
      if ('closeCode' in params) ws.close(params.closeCode, params.reason);
      return;
    }
    this.senders.set(ws, new GatewaySender(ws, params.compress));
    this.send(ws, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.heartbeatIntervalMs },
      s: null,
      t: null,
    });
    ws.on('message', (raw) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        this.closeSocket(ws, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          this.send(ws, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
          return;
        case GatewayOpcodes.Identify: {
          if (session) {
            this.closeSocket(ws, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
            return;
          }
          session = this.identify(ws, payload.d as IdentifyData);
          return;
        }
        case GatewayOpcodes.Resume: {
          if (session) {
            this.closeSocket(ws, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
            return;
          }
          session = this.resume(ws, payload.d as ResumeData);
          return;
        }
        case GatewayOpcodes.RequestGuildMembers: {
          if (!session) return this.closeSocket(ws, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          this.sendMemberChunk(session, payload.d as MemberRequest);
          return;
        }
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestSoundboardSounds:
          if (!session) this.closeSocket(ws, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          return;
        default:
          this.closeSocket(ws, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
      }
    });
  }

  private identify(ws: WebSocket, d: IdentifyData): Session | null {
    if (!d || typeof d.token !== 'string' || stripToken(d.token) !== this.state.bot.token) {
      this.closeSocket(ws, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const intents = checkIntents(d.intents, this.state.bot.applicationFlags);
    if (!intents.ok) {
      const which = intents.intents.length > 0 ? ` (${intents.intents.join(', ')} not granted)` : '';
      this.log(`gateway: IDENTIFY intents ${String(d.intents)} → close ${intents.code}${which}`);
      this.closeSocket(ws, intents.code, intents.reason);
      return null;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? [d.shard[0], d.shard[1]] : [0, 1];
    if (shard[1] < 1 || shard[0] >= shard[1]) {
      this.closeSocket(ws, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return null;
    }
    this.counters.identifies++;
    const session: Session = {
      id: randomToken(16).toLowerCase(),
      intents: d.intents,
      shard,
      seq: 0,
      buffer: [],
      ws,
      identifiedAt: Date.now(),
    };
    this.sessions.set(session.id, session);
    const guildIds = this.state.botGuildIds().filter((id) => this.inShard(session, id));
    this.log(`gateway: IDENTIFY shard ${shard[0]}/${shard[1]} intents ${d.intents} → session ${session.id}`);
    this.push(session, GatewayDispatchEvents.Ready, {
      v: GATEWAY_VERSION,
      user: this.state.apiUser(this.state.bot.userId),
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      shard,
      application: { id: this.state.bot.applicationId, flags: this.state.bot.applicationFlags },
      user_settings: {},
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['ticketbyte-discord-emulator'],
    });
    for (const id of guildIds) {
      if (this.state.guilds.get(id)?.unavailable) continue;
      this.push(
        session,
        GatewayDispatchEvents.GuildCreate,
        this.state.gatewayGuild(id, hasMembersIntent(session)),
      );
    }
    return session;
  }

  private resume(ws: WebSocket, d: ResumeData): Session | null {
    const session = d && typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const valid = session && typeof d.token === 'string' && stripToken(d.token) === this.state.bot.token;
    const oldest = session?.buffer[0]?.s ?? 1;
    if (!session || !valid || this.refuseResumes > 0 || (d.seq ?? 0) < oldest - 1) {
      if (this.refuseResumes > 0) this.refuseResumes--;
      if (session) this.sessions.delete(session.id);
      this.counters.invalidSessions++;
      this.log('gateway: RESUME refused → INVALID_SESSION');
      // Discord waits a moment before telling the client; keep it short.
      setTimeout(() => this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }), 50);
      return null;
    }
    if (session.ws && session.ws !== ws) session.ws.terminate();
    session.ws = ws;
    this.counters.resumes++;
    const missed = session.buffer.filter((e) => e.s > (d.seq ?? 0));
    this.log(`gateway: RESUME session ${session.id} from seq ${d.seq} → replaying ${missed.length} events`);
    for (const e of missed) this.send(ws, { op: GatewayOpcodes.Dispatch, s: e.s, t: e.t, d: e.d });
    this.push(session, GatewayDispatchEvents.Resumed, { _trace: ['ticketbyte-discord-emulator'] });
    return session;
  }

  private sendMemberChunk(session: Session, d: MemberRequest): void {
    const guild = this.state.guilds.get(d?.guild_id);
    if (!guild) return;
    let ids = [...guild.members.keys()];
    const notFound: string[] = [];
    if (d.user_ids) {
      const wanted = Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
      for (const id of wanted) if (!guild.members.has(id)) notFound.push(id);
      ids = wanted.filter((id) => guild.members.has(id));
    } else if (typeof d.query === 'string' && d.query !== '') {
      const q = d.query.toLowerCase();
      ids = ids.filter((id) => this.state.users.get(id)?.username.toLowerCase().startsWith(q));
    }
    if (d.limit) ids = ids.slice(0, d.limit);
    const chunk: Record<string, unknown> = {
      guild_id: guild.id,
      members: ids.map((id) => this.state.apiMember(guild.id, id)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: notFound,
    };
    if (d.nonce) chunk.nonce = d.nonce;
    if (d.presences) chunk.presences = [];
    this.push(session, GatewayDispatchEvents.GuildMembersChunk, chunk);
  }

  private inShard(session: Session, guildId: string): boolean {
    const [id, count] = session.shard;
    return Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
  }

  dispatch(event: GatewayDispatchEvents, data: unknown, meta: DispatchMeta): void {
    for (const session of this.sessions.values()) {
      if (meta.intent !== undefined && (session.intents & meta.intent) === 0) continue;
      if (meta.guildId !== undefined) {
        if (!this.inShard(session, meta.guildId)) continue;
        const guild = this.state.guilds.get(meta.guildId);
        const botIn = guild?.members.has(this.state.bot.userId) ?? false;
        if (event !== GatewayDispatchEvents.GuildDelete && (!botIn || guild?.unavailable)) continue;
      } else if (event !== GatewayDispatchEvents.InteractionCreate && session.shard[0] !== 0) {
        continue; // DMs go to shard 0
      }
      let payload = data;
      if (event === GatewayDispatchEvents.GuildCreate) {
        const { guildId } = data as { guildId: string };
        payload = this.state.gatewayGuild(guildId, hasMembersIntent(session));
      } else if (meta.message && !this.mayReadContent(session, meta.message, meta.guildId)) {
        payload = { ...(data as object), content: '', embeds: [], attachments: [], components: [] };
      }
      this.push(session, event, payload);
    }
  }

  private mayReadContent(session: Session, message: APIMessage, guildId: string | undefined): boolean {
    if (session.intents & GatewayIntentBits.MessageContent) return true;
    if (guildId === undefined) return true;
    if (message.author.id === this.state.bot.userId) return true;
    return message.mentions.some((u) => u.id === this.state.bot.userId);
  }

  private push(session: Session, event: string, d: unknown): void {
    session.seq++;
    const entry = { s: session.seq, t: event, d };
    session.buffer.push(entry);
    if (session.buffer.length > BUFFER_LIMIT) session.buffer.shift();
    if (session.ws) this.send(session.ws, { op: GatewayOpcodes.Dispatch, ...entry });
  }

  private send(ws: WebSocket, payload: unknown): void {
    this.senders.get(ws)?.send(payload);
  }

  /** Closes after the frames already queued (compressed frames go out asynchronously). */
  private closeSocket(ws: WebSocket, code: number, reason: string): void {
    const sender = this.senders.get(ws);
    if (sender) sender.close(code, reason);
    else ws.close(code, reason);
  }
}

interface IdentifyData {
  token: string;
  intents: number;
  shard?: [number, number];
}
interface ResumeData {
  token: string;
  session_id: string;
  seq: number | null;
}
interface MemberRequest {
  guild_id: string;
  query?: string;
  limit?: number;
  presences?: boolean;
  user_ids?: string | string[];
  nonce?: string;
}

function hasMembersIntent(session: Session): boolean {
  return (session.intents & GatewayIntentBits.GuildMembers) !== 0;
}

function stripToken(token: string): string {
  return token.replace(/^Bot\s+/i, '');
}
