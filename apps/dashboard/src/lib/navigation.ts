// Where the dashboard's navigation leads. Account-wide pages sit in the header (the server picker and
// the Privacy centre); a guild's pages sit in its side navigation, grouped by who may use them — the
// router still decides, a hidden link is only tidiness.
export interface NavLink {
  href: string;
  label: string;
}

export const accountLinks: NavLink[] = [
  { href: '/servers', label: 'Servers' },
  { href: '/privacy', label: 'Privacy' },
];

export type GuildAccess = 'admin' | 'staff';

export interface GuildNavGroup {
  label: string;
  links: Array<NavLink & { exact?: boolean }>;
}

export function guildNav(guildId: string, access: GuildAccess, botPresent = true): GuildNavGroup[] {
  const base = `/servers/${guildId}`;
  // After the bot was removed only the server's data is left: exporting or deleting it.
  if (!botPresent)
    return [{ label: 'Administration', links: [{ href: `${base}/privacy`, label: 'Data & privacy' }] }];
  const groups: GuildNavGroup[] = [
    {
      label: 'Support',
      links: [
        { href: base, label: 'Overview', exact: true },
        { href: `${base}/tickets`, label: 'Tickets' },
      ],
    },
  ];
  if (access === 'admin') {
    groups.push(
      {
        label: 'Configure',
        links: [
          { href: `${base}/settings`, label: 'Settings', exact: true },
          { href: `${base}/settings/categories`, label: 'Categories' },
          { href: `${base}/settings/panels`, label: 'Panels' },
          { href: `${base}/settings/blacklist`, label: 'Blacklist' },
        ],
      },
      {
        label: 'Administration',
        links: [
          { href: `${base}/audit`, label: 'Audit log' },
          { href: `${base}/tokens`, label: 'API tokens' },
          { href: `${base}/privacy`, label: 'Data & privacy' },
        ],
      },
    );
  } else {
    groups.push({ label: 'Moderation', links: [{ href: `${base}/settings/blacklist`, label: 'Blacklist' }] });
  }
  return groups;
}
