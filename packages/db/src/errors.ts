// Errors the data layer raises that callers are expected to recognise.
import { mongo } from 'mongoose';

/** A write broke a unique index: the thing already exists. */
export class DuplicateKeyError extends Error {
  override name = 'DuplicateKeyError';
  constructor(
    readonly collection: string,
    readonly keyPattern: Record<string, unknown> | undefined,
    options?: { cause?: unknown },
  ) {
    super(`Duplicate key in ${collection}`, options);
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  if (error instanceof DuplicateKeyError) return true;
  return (
    (error instanceof mongo.MongoServerError || (error as { name?: string })?.name === 'MongoServerError') &&
    (error as { code?: number }).code === 11000
  );
}

/** Runs a write and turns a duplicate-key failure into a typed DuplicateKeyError. */
export async function translateDuplicate<T>(collection: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      throw new DuplicateKeyError(
        collection,
        (error as { keyPattern?: Record<string, unknown> }).keyPattern,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
