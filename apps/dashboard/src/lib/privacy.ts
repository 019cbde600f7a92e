// Words for the Privacy centre: what each recorded request was, and how far it got.
export const REQUEST_KINDS: Record<string, string> = {
  access: 'Looked at your data',
  export: 'Downloaded your data',
  correction: 'Refreshed your profile from Discord',
  deletion: 'Deleted your data',
  'guild-export': 'Exported a server’s data',
  'guild-deletion': 'Deleted a server’s data',
};

export const REQUEST_STATUS: Record<string, { label: string; tone: string }> = {
  processing: { label: 'In progress', tone: 'accent' },
  completed: { label: 'Done', tone: 'open' },
  failed: { label: 'Failed', tone: 'deleted' },
};

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
