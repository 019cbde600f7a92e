// How to run the dashboard, for the root `npm start` orchestrator (demo mode and production alike):
// build once, start, wait for the ready line. Plain data, no side effects on import.

/** @type {{ build: string[]; start: string[]; requiredEnv: string[]; optionalEnv: string[]; ready: RegExp }} */
export const dashboardLaunch = {
  /** Run from the repository root; `vite build` writes build/ (about 20 s). */
  build: ['pnpm', '--filter', '@ticketbyte/dashboard', 'run', 'build'],
  /** `node server.js`; SIGTERM/SIGINT stop it cleanly. */
  start: ['pnpm', '--filter', '@ticketbyte/dashboard', 'start'],
  /** Start-up stops with one line naming the first missing one. */
  requiredEnv: ['MONGODB_URI', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_CLIENT_SECRET'],
  /** Discord's endpoints by default; the emulator's in demo mode. PORT defaults to 3000 (0 = any free). */
  optionalEnv: [
    'DISCORD_API_URL',
    'DISCORD_OAUTH_AUTHORIZE_URL',
    'DISCORD_OAUTH_TOKEN_URL',
    'DISCORD_OAUTH_REVOKE_URL',
    'PUBLIC_URL',
    'PORT',
    'HOST',
    'ENCRYPTION_KEYS',
  ],
  /** Printed once the server listens; group 1 is the dashboard's public URL. */
  ready: /^Dashboard: (https?:\/\/\S+)$/m,
};
