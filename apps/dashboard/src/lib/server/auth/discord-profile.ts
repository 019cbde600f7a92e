// Reads the signed-in person's Discord profile (`GET /users/@me`) with their bearer token. Only the
// fields TicketByte keeps are taken; anything else Discord sends (an e-mail, say) is dropped here.
import { z } from 'zod';

const discordUser = z.object({
  id: z.string().regex(/^\d{15,22}$/),
  username: z.string().min(1).max(64),
  global_name: z.string().max(64).nullish(),
  avatar: z.string().max(64).nullish(),
});

export interface DiscordProfile {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
}

export async function fetchDiscordProfile(apiUrl: string, accessToken: string): Promise<DiscordProfile> {
  // The API version is explicit: an unversioned path is served by Discord as the long-deprecated v6.
  const response = await fetch(`${apiUrl}/v10/users/@me`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Discord answered ${response.status} to GET /users/@me`);
  const user = discordUser.parse(await response.json());
  return {
    id: user.id,
    username: user.username,
    globalName: user.global_name ?? null,
    avatar: user.avatar ?? null,
  };
}
