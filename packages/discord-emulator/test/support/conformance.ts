// Validates every REST exchange against Discord's OpenAPI description (response schema of the matched
// operation and status, and JSON request bodies), and records which operations the suite covered.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { RestExchange } from '../../src/index';

export const OPENAPI_PATH =
  process.env.TICKETBYTE_DISCORD_OPENAPI ??
  new URL('../../../../../shared/discord/openapi.json', import.meta.url).pathname;

type Json = Record<string, unknown>;

interface Operation {
  id: string;
  method: string;
  path: string;
  regex: RegExp;
  params: number;
  op: Json;
}

export interface ConformanceChecker {
  check(exchange: RestExchange): void;
  /** Problems found since the last call (and clears them). */
  takeFailures(): string[];
  covered: Set<string>;
  total: number;
}

let shared: ConformanceChecker | null = null;

export function conformance(): ConformanceChecker {
  shared ??= build();
  return shared;
}

function build(): ConformanceChecker {
  const spec = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
  for (const f of ['int64', 'int32', 'double', 'nonce']) ajv.addFormat(f, true);
  ajv.addSchema(spec, 'openapi');
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (method === 'parameters') continue;
      const regex = new RegExp(
        `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
      );
      operations.push({
        id: ((op as Json).operationId as string) ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        regex,
        params: (path.match(/\{/g) ?? []).length,
        op: op as Json,
      });
    }
  }
  operations.sort((a, b) => a.params - b.params);
  const validators = new Map<string, ValidateFunction>();
  const validator = (pointer: string): ValidateFunction => {
    let v = validators.get(pointer);
    if (!v) {
      v = ajv.compile({ $ref: `openapi#${pointer}` });
      validators.set(pointer, v);
    }
    return v;
  };
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const resolve = (node: Json, pointer: string): { node: Json; pointer: string } => {
    if (typeof node.$ref === 'string') {
      const ref = node.$ref.slice(1);
      const target = ref
        .split('/')
        .slice(1)
        .reduce<unknown>(
          (acc, part) => (acc as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')],
          spec,
        ) as Json;
      return resolve(target, ref);
    }
    return { node, pointer };
  };
  const failures: string[] = [];
  const covered = new Set<string>();
  const describe = (v: ValidateFunction) =>
    (v.errors ?? [])
      .slice(0, 8)
      .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
      .join('; ');

  return {
    covered,
    total: operations.length,
    takeFailures() {
      return failures.splice(0, failures.length);
    },
    check(ex) {
      const op = operations.find((o) => o.method === ex.method && o.regex.test(ex.path));
      if (!op) return; // not described (OAuth2 token endpoints, emulator extras)
      const where = `${ex.method} ${ex.path} (${op.id}) → ${ex.status}`;
      const opPointer = `/paths/${esc(op.path)}/${ex.method.toLowerCase()}`;
      // Request body the client sent.
      const requestBody = op.op.requestBody as Json | undefined;
      // Bodies the emulator refused (4xx) were caught already; check what it accepted.
      const accepted = ex.status < 400 || ex.status >= 500;
      if (
        accepted &&
        requestBody &&
        ex.requestBody !== undefined &&
        !(ex.requestBody instanceof URLSearchParams)
      ) {
        const rb = resolve(requestBody, `${opPointer}/requestBody`);
        const content = rb.node.content as Json | undefined;
        if (content?.['application/json']) {
          const v = validator(`${rb.pointer}/content/application~1json/schema`);
          if (!v(numericPermissions(JSON.parse(JSON.stringify(ex.requestBody)))))
            failures.push(`request body of ${where}: ${describe(v)}`);
        }
      }
      if (ex.status >= 500) return; // injected faults; Discord does not describe its 5xx bodies
      const responses = op.op.responses as Json;
      const key = [String(ex.status), `${String(ex.status)[0]}XX`, 'default'].find((k) => k in responses);
      if (!key) {
        failures.push(`${where}: status not described (described: ${Object.keys(responses).join(', ')})`);
        return;
      }
      if (ex.status < 300) covered.add(op.id);
      const r = resolve(responses[key] as Json, `${opPointer}/responses/${key}`);
      const content = r.node.content as Json | undefined;
      if (!content?.['application/json']) {
        if (ex.responseBody !== undefined && ex.status !== 204)
          failures.push(`${where}: body sent where none is described`);
        return;
      }
      if (ex.responseBody === undefined) {
        failures.push(`${where}: no body sent where one is described`);
        return;
      }
      const v = validator(`${r.pointer}/content/application~1json/schema`);
      if (!v(integerErrorCodes(JSON.parse(JSON.stringify(ex.responseBody)))))
        failures.push(`response of ${where}: ${describe(v)}`);
    },
  };
}

export function specAvailable(): boolean {
  return existsSync(OPENAPI_PATH);
}

const PERMISSION_KEYS = new Set(['allow', 'deny', 'permissions', 'default_member_permissions']);

/**
 * Discord accepts permission bit sets as decimal strings (and discord.js sends them so), while the
 * description types them as integers; request bodies get those strings turned into numbers before the check.
 */
function numericPermissions(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && PERMISSION_KEYS.has(key) && /^\d+$/.test(value)) return Number(value);
  if (Array.isArray(value)) return value.map((v) => numericPermissions(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numericPermissions(v, k)]));
  }
  return value;
}

/**
 * Field errors of a 50035 carry string codes on the wire (e.g. "BASE_TYPE_REQUIRED"), while the description
 * types every `code` as an integer; such codes are mapped to 0 before the check.
 */
function integerErrorCodes(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    return value.map((v) =>
      key === '_errors' && v && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string'
        ? { ...(v as object), code: 0 }
        : integerErrorCodes(v),
    );
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, integerErrorCodes(v, k)]));
  }
  return value;
}
