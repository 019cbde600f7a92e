// Starts the Discord emulator for tests, with this dashboard's callback registered as a redirect URI.
// The emulator is loaded by name at run time and described by the small interface below, so this app's
// typecheck (which includes DOM types) does not re-check the emulator's own sources.

export interface TestEmulator {
  restUrl: string;
  oauthUrls: { authorize: string; token: string; revoke: string };
  seed: {
    oauth: { clientId: string; clientSecret: string; redirectUris: string[] } | null;
    users: Array<{ id: string; username: string }>;
  };
  actions: { oauthConsent(authorizeUrl: string | URL, userId: string, opts?: { deny?: boolean }): string };
  close(): Promise<void>;
}

interface EmulatorModule {
  demoSeed: { oauth?: { clientId: string; clientSecret: string; redirectUris: string[] } } & Record<
    string,
    unknown
  >;
  startEmulator(options: { port: number; seed: unknown }): Promise<TestEmulator>;
}

const EMULATOR_PACKAGE: string = '@ticketbyte/discord-emulator';

export async function startTestEmulator(redirectUris: string[]): Promise<TestEmulator> {
  const { demoSeed, startEmulator } = (await import(/* @vite-ignore */ EMULATOR_PACKAGE)) as EmulatorModule;
  if (!demoSeed.oauth) throw new Error('The demo seed has no OAuth2 application');
  return startEmulator({ port: 0, seed: { ...demoSeed, oauth: { ...demoSeed.oauth, redirectUris } } });
}
