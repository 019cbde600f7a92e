import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from './ferretdb.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ticketbyte-launcher-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 1500 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('embedded FerretDB launcher', () => {
  it('starts on loopback, answers ping, stops; a second start reuses the data of the first', async () => {
    const first = await startEmbeddedDatabase({ dataDir });
    expect(first.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    await withClient(first.uri, async (client) => {
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client.db('launcher').collection('notes').insertOne({ text: 'written by the first start' });
    });
    await first.stop();
    await expect(withClient(first.uri, (c) => c.db('admin').command({ ping: 1 }))).rejects.toThrow();

    const second = await startEmbeddedDatabase({ dataDir });
    try {
      const note = await withClient(second.uri, (client) =>
        client.db('launcher').collection('notes').findOne({}),
      );
      expect(note?.text).toBe('written by the first start');
    } finally {
      await second.stop();
    }
  });
});
