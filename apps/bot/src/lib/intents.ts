// Privileged gateway intents, checked against the application before the bot connects. Discord closes
// the gateway with 4014 when a privileged intent is requested that the application has not been
// granted (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes),
// and discord.js then stops without saying which one. The application's flags name the grants
// (https://discord.com/developers/docs/resources/application#application-object-application-flags):
// the full flag for verified bots, the `_LIMITED` one for bots in fewer than 100 servers whose owner
// turned the switch on.
import type { REST } from '@discordjs/rest';
import { ApplicationFlags, type APIApplication, GatewayIntentBits, Routes } from 'discord.js';

interface PrivilegedIntent {
  intent: GatewayIntentBits;
  /** The switch's name in the Developer Portal. */
  portalName: string;
  grantedBy: number;
}

export const SERVER_MEMBERS: PrivilegedIntent = {
  intent: GatewayIntentBits.GuildMembers,
  portalName: 'Server Members Intent',
  grantedBy: ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayGuildMembersLimited,
};

export const MESSAGE_CONTENT: PrivilegedIntent = {
  intent: GatewayIntentBits.MessageContent,
  portalName: 'Message Content Intent',
  grantedBy: ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited,
};

/** A start-up failure whose message is the one line the operator needs. */
export class IntentNotGrantedError extends Error {
  constructor(intent: PrivilegedIntent) {
    super(
      `the application does not have the ${intent.portalName}. Turn it on in the Discord Developer Portal (your application → Bot → Privileged Gateway Intents → ${intent.portalName}), then start the bot again.`,
    );
    this.name = 'IntentNotGrantedError';
  }
}

export interface IntentDecision {
  messageContent: boolean;
  /** Set when Message Content was asked for but is not granted: the bot runs without it. */
  messageContentWithheld: boolean;
}

/**
 * Which of the wanted privileged intents the bot may request. Server Members is required (auto-close
 * when an opener leaves depends on it); Message Content is optional, and without it transcripts keep
 * no text and prefix commands are off, as when it is not asked for.
 */
export async function decideIntents(rest: REST, wantMessageContent: boolean): Promise<IntentDecision> {
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const flags = application.flags ?? 0;
  const granted = (intent: PrivilegedIntent) => (flags & intent.grantedBy) !== 0;
  if (!granted(SERVER_MEMBERS)) throw new IntentNotGrantedError(SERVER_MEMBERS);
  const messageContent = wantMessageContent && granted(MESSAGE_CONTENT);
  return { messageContent, messageContentWithheld: wantMessageContent && !messageContent };
}

/** The line for a gateway that closed for its intents anyway (granted flags changed meanwhile). */
export function intentCloseMessage(code: number): string | undefined {
  if (code === 4014) {
    return `Discord refused a privileged intent (close code 4014). Check the ${SERVER_MEMBERS.portalName} and the ${MESSAGE_CONTENT.portalName} in the Discord Developer Portal (your application → Bot → Privileged Gateway Intents), then start the bot again.`;
  }
  if (code === 4013) return 'Discord refused the gateway intents as invalid (close code 4013).';
  return undefined;
}
