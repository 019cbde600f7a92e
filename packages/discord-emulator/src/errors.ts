// Discord's JSON error shapes, thrown by state and route code and rendered by the REST layer.
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
    this.name = 'DiscordApiError';
  }

  toJSON(): { code: number; message: string; errors?: unknown } {
    return this.errors === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, errors: this.errors };
  }
}

export const Errors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new DiscordApiError(405, 0, '405: Method Not Allowed'),
  unknownChannel: () => new DiscordApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordApiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new DiscordApiError(404, 10008, 'Unknown Message'),
  unknownOverwrite: () => new DiscordApiError(404, 10009, 'Unknown Overwrite'),
  unknownRole: () => new DiscordApiError(404, 10011, 'Unknown Role'),
  unknownUser: () => new DiscordApiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new DiscordApiError(404, 10015, 'Unknown Webhook'),
  unknownApplication: () => new DiscordApiError(404, 10002, 'Unknown Application'),
  unknownCommand: () => new DiscordApiError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => new DiscordApiError(404, 10062, 'Unknown interaction'),
  missingAccess: () => new DiscordApiError(403, 50001, 'Missing Access'),
  cannotEditOthers: () => new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
  cannotDm: () => new DiscordApiError(403, 50007, 'Cannot send messages to this user'),
  missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
  invalidOAuthToken: () => new DiscordApiError(401, 50025, 'Invalid OAuth2 access token'),
  bulkDeleteTooOld: () =>
    new DiscordApiError(400, 50034, 'You can only bulk delete messages that are under 14 days old.'),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  invalidForm: (errors: unknown) => new DiscordApiError(400, 50035, 'Invalid Form Body', errors),
  missingScope: (scope: string) =>
    new DiscordApiError(403, 50001, `Missing Access (the OAuth2 grant lacks the "${scope}" scope)`),
};

/** Builds Discord's nested `errors` object for one field path, e.g. ['name'] or ['options', 0, 'name']. */
export function fieldError(path: (string | number)[], code: string, message: string): unknown {
  let node: unknown = { _errors: [{ code, message }] };
  for (let i = path.length - 1; i >= 0; i--) node = { [String(path[i])]: node };
  return node;
}
