// The model round-trip suite, run against the embedded server and (when set) a real MONGODB_URI.
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, translateDuplicate } from '../errors.js';
import { realisticDocuments } from './fixtures.js';

export function modelRoundTripSuite(title: string) {
  describe(title, () => {
    it('has a realistic fixture for every registered model', () => {
      const covered = realisticDocuments.map((f) => f.model.modelName).sort();
      expect(covered).toEqual(Object.keys(mongoose.models).sort());
    });

    for (const { model, doc, uniqueKey } of realisticDocuments) {
      it(`${model.modelName}: a realistic document round-trips`, async () => {
        const created = (await model.create(doc)) as unknown as { _id: unknown };
        const read = await model.collection.findOne({ _id: created._id as never });
        expect(read).toMatchObject(doc);
      });

      if (uniqueKey.length > 0) {
        it(`${model.modelName}: the unique index on ${uniqueKey.join('+')} rejects a duplicate with DuplicateKeyError`, async () => {
          const duplicate = Object.fromEntries(
            Object.entries(doc).filter(([k]) => uniqueKey.includes(k) || k !== '_id'),
          );
          await expect(
            translateDuplicate(model.collection.name, () => model.create(duplicate)),
          ).rejects.toBeInstanceOf(DuplicateKeyError);
        });
      }
    }
  });
}
