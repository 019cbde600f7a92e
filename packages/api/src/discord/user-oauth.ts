// Calls to Discord made with a signed-in person's own OAuth2 token (never the bot's): the list of
// servers they are in, with their permissions there. The token is read decrypted only here.
import { readDiscordTokens } from '@ticketbyte/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

const userGuild = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable().optional(),
  owner: z.boolean().optional(),
  permissions: z.string(),
});
export type UserGuild = z.infer<typeof userGuild>;

export async function fetchUserGuilds(apiUrl: string, userId: string): Promise<UserGuild[]> {
  const tokens = await readDiscordTokens(userId);
  if (!tokens) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in again.' });
  const url = `${apiUrl.replace(/\/$/, '')}/v10/users/@me/guilds`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
    signal: AbortSignal.timeout(5_000),
  }).catch(() => null);
  if (!response)
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Discord did not answer in time.' });
  if (response.status === 401)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in again.' });
  if (!response.ok)
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Discord did not answer in time.' });
  return z.array(userGuild).parse(await response.json());
}
