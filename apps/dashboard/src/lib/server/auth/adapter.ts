// Lucia v3 adapter for the mongoose `User` and `Session` models. Lucia hands it raw session tokens;
// every read and write hashes them first, so only SHA-256 hashes ever reach the database.
import { Session, User } from '@ticketbyte/db';
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import { hashSessionToken } from './token-hash.js';

export interface SessionAttributes {
  device: string;
  lastSeenAt: Date;
}

export interface UserAttributes {
  username: string;
  globalName: string | null;
  avatar: string | null;
}

interface SessionRow {
  _id: string;
  userId: string;
  expiresAt: Date;
  device?: string | null;
  lastSeenAt: Date;
}

function toDatabaseSession(row: SessionRow, id: string): DatabaseSession {
  return {
    id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: { device: row.device ?? '', lastSeenAt: row.lastSeenAt },
  };
}

export class MongooseSessionAdapter implements Adapter {
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await Session.findById(hashSessionToken(sessionId)).lean<SessionRow>();
    if (!row) return [null, null];
    const user = await User.findOne({ discordId: row.userId }).lean();
    // Lucia deletes the session by the id returned here, which it hashes again through deleteSession.
    const session = toDatabaseSession(row, sessionId);
    if (!user) return [session, null];
    return [
      session,
      {
        id: user.discordId,
        attributes: {
          username: user.username,
          globalName: user.globalName ?? null,
          avatar: user.avatar ?? null,
        },
      },
    ];
  }

  /** Sessions of a user; their ids are the stored hashes (the raw tokens are not known to the server). */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await Session.find({ userId }).sort({ lastSeenAt: -1 }).lean<SessionRow[]>();
    return rows.map((row) => toDatabaseSession(row, row._id));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await Session.create({
      _id: hashSessionToken(session.id),
      userId: session.userId,
      expiresAt: session.expiresAt,
      device: session.attributes.device,
      lastSeenAt: session.attributes.lastSeenAt,
    });
  }

  /**
   * Declined on purpose: a session lives 7 days from login, then ends ("deleted when you log out or it
   * expires (after 7 days)"), so Lucia's sliding renewal must not push the date back.
   */
  async updateSessionExpiration(_sessionId: string, _expiresAt: Date): Promise<void> {}

  /** Records when a session was last used (the caller throttles how often). */
  async touchSession(sessionId: string, at: Date): Promise<void> {
    await Session.updateOne({ _id: hashSessionToken(sessionId) }, { $set: { lastSeenAt: at } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await Session.deleteOne({ _id: hashSessionToken(sessionId) });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await Session.deleteMany({ userId });
  }

  async deleteExpiredSessions(): Promise<void> {
    await Session.deleteMany({ expiresAt: { $lte: new Date() } });
  }
}
