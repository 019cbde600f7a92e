// The dashboard's database connection: made once per process, from MONGODB_URI.
import { initDatabase } from '@ticketbyte/db';
import { env, EnvError } from '@ticketbyte/db/env';

let connecting: Promise<void> | undefined;

export function connectDatabaseOnce(): Promise<void> {
  connecting ??= (async () => {
    const config = env();
    if (!config.MONGODB_URI) {
      throw new EnvError(
        'Invalid configuration — MONGODB_URI: required by the dashboard (npm start passes it). See .env.example.',
      );
    }
    await initDatabase(config, config.MONGODB_URI);
  })();
  return connecting;
}
