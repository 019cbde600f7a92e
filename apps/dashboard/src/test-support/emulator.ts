// Starts the Discord emulator for tests, with this dashboard's callback registered as a redirect URI.
// The emulator is loaded by name at run time and described by the small interface below, so this app's
// typecheck (which includes DOM types) does not re-check the emulator's own sources.

export interface EmulatedMessage {
  id: string;
  content: string;
  author: { id: string };
  embeds: Array<{ title?: string; description?: string }>;
  attachments: Array<{ filename: string; url: string }>;
}

export interface TestEmulator {
  restUrl: string;
  oauthUrls: { authorize: string; token: string; revoke: string };
  seed: {
    bot: { token: string; userId: string };
    oauth: { clientId: string; clientSecret: string; redirectUris: string[] } | null;
    users: Array<{ id: string; username: string }>;
  };
  actions: {
    oauthConsent(authorizeUrl: string | URL, userId: string, opts?: { deny?: boolean }): string;
    sendMessage(input: { channelId: string; userId: string; content: string }): Promise<EmulatedMessage>;
    /** With an existing id, replaces that user's profile (how a test renames someone on "Discord"). */
    createUser(input: { id?: string; username: string; globalName?: string }): { id: string };
    /** Kicks the bot from a server (GUILD_DELETE). */
    removeBotFromGuild(guildId: string): void;
  };
  inspect: {
    messages(channelId: string): EmulatedMessage[];
    channel(channelId: string): { id: string; name?: string | null } | undefined;
    permissionNames(userId: string, channelId: string): string[];
    canView(userId: string, channelId: string): boolean;
  };
  close(): Promise<void>;
}

/** The demo seed's fixed ids (see the emulator's README). */
export const DEMO_IDS = {
  guildId: '1300000000000000001',
  users: {
    admin: '1300000000000000101',
    staff: '1300000000000000102',
    alice: '1300000000000000103',
    bob: '1300000000000000104',
  },
  roles: { admin: '1300000000000000201', support: '1300000000000000202' },
  channels: {
    general: '1300000000000000301',
    support: '1300000000000000302',
    ticketsCategory: '1300000000000000303',
    ticketLogs: '1300000000000000304',
  },
} as const;

interface EmulatorModule {
  demoSeed: { oauth?: { clientId: string; clientSecret: string; redirectUris: string[] } } & Record<
    string,
    unknown
  >;
  startEmulator(options: { port: number; seed: unknown; validateRequests: 'enforce' }): Promise<TestEmulator>;
  assertConformingTraffic(emulator: TestEmulator): void;
}

const EMULATOR_PACKAGE: string = '@ticketbyte/discord-emulator';

export async function startTestEmulator(redirectUris: string[]): Promise<TestEmulator> {
  const { demoSeed, startEmulator, assertConformingTraffic } = (await import(
    /* @vite-ignore */ EMULATOR_PACKAGE
  )) as EmulatorModule;
  if (!demoSeed.oauth) throw new Error('The demo seed has no OAuth2 application');
  // Every request the dashboard sends to Discord is checked against Discord's OpenAPI description: an
  // invalid one is refused as Discord would (50035) and listed when the emulator closes.
  const emulator = await startEmulator({
    port: 0,
    seed: { ...demoSeed, oauth: { ...demoSeed.oauth, redirectUris } },
    validateRequests: 'enforce',
  });
  const close = emulator.close.bind(emulator);
  emulator.close = async () => {
    await close();
    assertConformingTraffic(emulator);
  };
  return emulator;
}
