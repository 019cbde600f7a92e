// After login, only same-origin paths: everything else falls back to the home page.
import { describe, expect, it } from 'vitest';
import { safeNextPath } from './redirect.js';

const origin = 'https://tickets.example.com';

describe('safeNextPath', () => {
  it.each([
    ['/guilds/123?tab=tickets#top', '/guilds/123?tab=tickets#top'],
    ['/privacy', '/privacy'],
  ])('keeps the same-origin path %s', (next, expected) => {
    expect(safeNextPath(next, origin)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'evil.example',
    '/%0d%0aLocation:%20https://evil.example',
    '/\tevil',
    `/${'a'.repeat(600)}`,
    '/login/callback?code=x',
    '/logout',
    '',
    null,
    undefined,
  ])('refuses %s and falls back to /', (next) => {
    const result = safeNextPath(next, origin);
    expect(result.startsWith('/')).toBe(true);
    expect(new URL(result, origin).origin).toBe(origin);
    if (typeof next === 'string' && !next.startsWith('/%0d')) expect(result).toBe('/');
  });
});
