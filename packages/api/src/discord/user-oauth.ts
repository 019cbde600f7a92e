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

/** GET a Discord API path with the person's own access token; errors say what the person can do. */
async function getWithUserToken(apiUrl: string, userId: string, path: string): Promise<unknown> {
  const tokens = await readDiscordTokens(userId);
  if (!tokens) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in again.' });
  const url = `${apiUrl.replace(/\/$/, '')}/v10${path}`;
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
  return response.json();
}

export async function fetchUserGuilds(apiUrl: string, userId: string): Promise<UserGuild[]> {
  return z.array(userGuild).parse(await getWithUserToken(apiUrl, userId, '/users/@me/guilds'));
}

const discordUser = z.object({
  id: z.string(),
  username: z.string(),
  global_name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
});

/** The person's current profile, from Discord (the source of truth for names and avatars). */
export async function fetchUserProfile(apiUrl: string, userId: string) {
  const profile = discordUser.parse(await getWithUserToken(apiUrl, userId, '/users/@me'));
  if (profile.id !== userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in again.' });
  return profile;
}

/** Revokes the person's grant at Discord (refresh token first, which ends the whole grant). */
export async function revokeDiscordGrant(
  client: { revokeUrl: string; clientId: string; clientSecret: string },
  token: string,
): Promise<boolean> {
  const response = await fetch(client.revokeUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token }),
    signal: AbortSignal.timeout(5_000),
  }).catch(() => null);
  return response?.ok ?? false;
}
