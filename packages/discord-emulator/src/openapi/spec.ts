// Discord's OpenAPI description: where it lives, and one parsed copy (with one ajv instance) per process,
// so every emulator in a test process shares the validators compiled so far.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { z } from 'zod';
import { OperationIndex } from './operations';

/** Overrides where the description is read from. */
export const OPENAPI_PATH_ENV = 'TICKETBYTE_DISCORD_OPENAPI';

/** The repository keeps Discord's description beside the checkout: `<repo>/../shared/discord/openapi.json`. */
export function defaultSpecPath(): string {
  const fromEnv = process.env[OPENAPI_PATH_ENV];
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL('../../../../../shared/discord/openapi.json', import.meta.url));
}

export function specAvailable(path = defaultSpecPath()): boolean {
  return existsSync(path);
}

export type JsonObject = Record<string, unknown>;

const DocumentSchema = z.object({
  openapi: z.string().startsWith('3.1'),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }).loose(),
});

export interface LoadedSpec {
  path: string;
  document: JsonObject;
  operations: OperationIndex;
  ajv: Ajv2020;
  /** The schema node a JSON pointer (`/components/schemas/X`) names, following `$ref`s. */
  resolve(node: unknown, pointer: string): { node: JsonObject; pointer: string };
  /** Milliseconds spent reading, parsing and indexing the description. */
  loadMs: number;
}

const loaded = new Map<string, LoadedSpec>();

/** Reads and indexes the description once per process; validators compile later, per operation. */
export function loadSpec(path = defaultSpecPath()): LoadedSpec {
  const cached = loaded.get(path);
  if (cached) return cached;
  if (!existsSync(path)) {
    throw new Error(
      `Discord's OpenAPI description was not found at ${path}. Set ${OPENAPI_PATH_ENV} to its path, or start the emulator with validateRequests: 'off'.`,
    );
  }
  const started = performance.now();
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const parsed = DocumentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path} is not an OpenAPI 3.1 description: ${parsed.error.message}`);
  const document = raw as JsonObject;
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    validateFormats: true,
  });
  (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addFormat('snowflake', SNOWFLAKE);
  // A nonce is any string of up to 25 characters (the length is in the schema).
  ajv.addFormat('nonce', true);
  // Added as a schema, not compiled: compiling happens per operation on first use.
  ajv.addSchema(document, SPEC_ID);
  const resolve = (node: unknown, pointer: string): { node: JsonObject; pointer: string } => {
    let current = node as JsonObject;
    let at = pointer;
    for (let hops = 0; typeof current.$ref === 'string'; hops++) {
      if (hops > 32) throw new Error(`$ref loop at ${at}`);
      at = (current.$ref as string).replace(/^#/, '');
      current = pointerGet(document, at) as JsonObject;
    }
    return { node: current, pointer: at };
  };
  const spec: LoadedSpec = {
    path,
    document,
    operations: new OperationIndex(document, resolve),
    ajv,
    resolve,
    loadMs: 0,
  };
  spec.loadMs = performance.now() - started;
  loaded.set(path, spec);
  return spec;
}

/** The id the description is registered under in ajv: compile `{ $ref: 'openapi#/…' }`. */
export const SPEC_ID = 'openapi';

export const SNOWFLAKE = /^(0|[1-9][0-9]*)$/;

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerGet(document: unknown, pointer: string): unknown {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as JsonObject | undefined)?.[key];
    if (node === undefined) throw new Error(`No node at ${pointer} in the OpenAPI description`);
  }
  return node;
}
