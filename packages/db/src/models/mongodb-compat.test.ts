// Points the model suite at a real MongoDB when MONGODB_URI is set (e.g. MongoDB 6+ or Atlas).
// Uses a fresh, randomly named database there and drops it afterwards.
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../connection.js';
import { configureFieldEncryption } from '../crypto/field-encryption.js';
import { testKeyring } from '../testing/index.js';
import { modelRoundTripSuite } from '../testing/round-trip-suite.js';

const uri = process.env.MONGODB_URI;

if (uri) {
  beforeAll(async () => {
    await connectDatabase(uri, { dbName: `ticketbyte_compat_${randomBytes(4).toString('hex')}` });
    await ensureIndexes();
    configureFieldEncryption(testKeyring());
  });
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase();
    await disconnectDatabase();
  });
  modelRoundTripSuite('models on MONGODB_URI');
} else {
  describe('models on MONGODB_URI', () => {
    it.skip('runs only when MONGODB_URI is set', () => {});
  });
}
