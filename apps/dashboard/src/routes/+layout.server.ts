// Gives every page the signed-in person's public profile (never the session or any token).
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user
    ? {
        id: locals.user.id,
        username: locals.user.username,
        displayName: locals.user.globalName ?? locals.user.username,
      }
    : null,
});
