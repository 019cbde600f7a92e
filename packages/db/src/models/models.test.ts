import { afterAll, beforeAll } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/index.js';
import { modelRoundTripSuite } from '../testing/round-trip-suite.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db.stop());

modelRoundTripSuite('models on the embedded FerretDB');
