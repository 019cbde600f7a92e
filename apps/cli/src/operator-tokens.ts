// `ticketbyte tokens create`: an operator with database access mints an API token. Only its hash is
// stored; the token is printed once.
import {
  API_TOKEN_SCOPES,
  type ApiTokenScope,
  ApiToken,
  connectDatabase,
  disconnectDatabase,
  generateApiToken,
  hashApiToken,
} from '@ticketbyte/db';

export async function createOperatorToken(input: {
  name: string;
  scopes: string[];
  guildIds: string[];
  env: Record<string, string | undefined>;
  /** Use an existing connection (tests) instead of MONGODB_URI. */
  connected?: boolean;
}) {
  const unknown = input.scopes.filter((s) => !(API_TOKEN_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`Unknown scope(s): ${unknown.join(', ')}. Known: ${API_TOKEN_SCOPES.join(', ')}`);
  if (!input.connected) {
    if (!input.env.MONGODB_URI) throw new Error('Set MONGODB_URI to the database TicketByte uses.');
    await connectDatabase(input.env.MONGODB_URI);
  }
  try {
    const token = generateApiToken();
    const doc = await ApiToken.create({
      tokenHash: hashApiToken(token),
      displayPrefix: token.slice(0, 7),
      name: input.name,
      scopes: input.scopes as ApiTokenScope[],
      guildIds: input.guildIds,
      createdById: 'operator',
    });
    return { id: doc._id.toString(), token };
  } finally {
    if (!input.connected) await disconnectDatabase();
  }
}
