// "We do NOT collect email addresses": no schema may have a place to keep one.
import mongoose, { type Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import './index.js';

function allPaths(schema: Schema, prefix = ''): string[] {
  const paths: string[] = [];
  schema.eachPath((path, type) => {
    paths.push(prefix + path);
    const nested = (type as unknown as { schema?: Schema }).schema;
    if (nested) paths.push(...allPaths(nested, `${prefix}${path}.`));
  });
  return paths;
}

describe('We do NOT collect email addresses', () => {
  it('no registered schema has a field for an e-mail address', () => {
    const models = Object.values(mongoose.models);
    expect(models.length).toBeGreaterThanOrEqual(13);
    const offending = models.flatMap((model) =>
      allPaths(model.schema)
        .filter((path) => /e-?mail/i.test(path))
        .map((path) => `${model.modelName}.${path}`),
    );
    expect(offending).toEqual([]);
  });

  it('strict schemas refuse to store an email even when a caller tries', () => {
    const User = mongoose.models.User!;
    expect(
      () => new User({ discordId: '1', username: 'a', profileSyncedAt: new Date(), email: 'a@b.c' }),
    ).toThrow(/`email` is not in schema/);
  });
});
