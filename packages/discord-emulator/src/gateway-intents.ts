// Which intents an IDENTIFY may ask for: only documented intent bits (else close 4013), and privileged ones
// only when the application has been granted them (else close 4014). Close codes and reasons:
// https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
// Privileged intents and the application flags that grant them:
// https://discord.com/developers/docs/events/gateway#privileged-intents and
// https://discord.com/developers/docs/resources/application#application-object-application-flags
import { ApplicationFlags, GatewayCloseCodes, GatewayIntentBits } from 'discord-api-types/v10';

/** Every documented intent bit (discord-api-types' GatewayIntentBits). */
export const KNOWN_INTENTS = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === 'number')
  .reduce((mask, bit) => mask | bit, 0);

/** Privileged intents and the flags (full for verified apps, `_LIMITED` for apps in under 100 servers). */
export const PRIVILEGED_INTENTS: { intent: number; name: string; grantedBy: number }[] = [
  {
    intent: GatewayIntentBits.GuildPresences,
    name: 'GUILD_PRESENCES',
    grantedBy: ApplicationFlags.GatewayPresence | ApplicationFlags.GatewayPresenceLimited,
  },
  {
    intent: GatewayIntentBits.GuildMembers,
    name: 'GUILD_MEMBERS',
    grantedBy: ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayGuildMembersLimited,
  },
  {
    intent: GatewayIntentBits.MessageContent,
    name: 'MESSAGE_CONTENT',
    grantedBy: ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited,
  },
];

export type IntentVerdict =
  | { ok: true }
  | {
      ok: false;
      code: GatewayCloseCodes.InvalidIntents | GatewayCloseCodes.DisallowedIntents;
      reason: string;
      intents: string[];
    };

export function checkIntents(intents: unknown, applicationFlags: number): IntentVerdict {
  if (
    typeof intents !== 'number' ||
    !Number.isInteger(intents) ||
    intents < 0 ||
    intents > 0x7fffffff ||
    (intents & ~KNOWN_INTENTS) !== 0
  ) {
    return { ok: false, code: GatewayCloseCodes.InvalidIntents, reason: 'Invalid intent(s).', intents: [] };
  }
  const disallowed = PRIVILEGED_INTENTS.filter(
    (p) => (intents & p.intent) !== 0 && (applicationFlags & p.grantedBy) === 0,
  ).map((p) => p.name);
  if (disallowed.length > 0) {
    return {
      ok: false,
      code: GatewayCloseCodes.DisallowedIntents,
      reason: 'Disallowed intent(s).',
      intents: disallowed,
    };
  }
  return { ok: true };
}
