// Short-lived write locks. A lock is a document whose _id is the thing being changed; inserting it
// is atomic on every server because the _id index is unique. Holds no personal data.
import { model, Schema } from 'mongoose';

const lockSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    // Not a TTL index (FerretDB v1 has none): a lock past expiresAt is taken over by the next writer.
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);

export const Lock = model('Lock', lockSchema);
