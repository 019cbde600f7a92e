// "Your data was deleted": shown once the browser is logged out, so the counts travel in the address
// (numbers only; anything else reads as 0).
import type { PageLoad } from './$types';

const count = (value: string | null) => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
};

export const load: PageLoad = ({ url }) => ({
  sessions: count(url.searchParams.get('sessions')),
  messages: count(url.searchParams.get('messages')),
  tickets: count(url.searchParams.get('tickets')),
  revoked: url.searchParams.get('revoked') === '1',
});
