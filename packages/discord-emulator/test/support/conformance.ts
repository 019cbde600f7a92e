// Validates every REST response the emulator sends in its own tests against Discord's OpenAPI description
// (the schema of the matched operation and status), and records which operations were covered. Requests are
// checked by the emulator itself (validateRequests: 'enforce').
import type { ValidateFunction } from 'ajv';
import type { RestExchange } from '../../src/index';
import {
  defaultSpecPath,
  escapePointer,
  type JsonObject,
  type LoadedSpec,
  loadSpec,
  SPEC_ID,
} from '../../src/openapi/spec';

export const OPENAPI_PATH = defaultSpecPath();

export interface ConformanceChecker {
  check(exchange: RestExchange): void;
  /** Problems found since the last call (and clears them). */
  takeFailures(): string[];
  covered: Set<string>;
  total: number;
}

let shared: ConformanceChecker | null = null;

export function conformance(): ConformanceChecker {
  shared ??= build(loadSpec(OPENAPI_PATH));
  return shared;
}

function build(spec: LoadedSpec): ConformanceChecker {
  const validators = new Map<string, ValidateFunction>();
  const validator = (pointer: string): ValidateFunction => {
    let v = validators.get(pointer);
    if (!v) {
      v = spec.ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
      validators.set(pointer, v);
    }
    return v;
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
    total: spec.operations.all.length,
    takeFailures() {
      return failures.splice(0, failures.length);
    },
    check(ex) {
      const match = spec.operations.match(ex.method, ex.path);
      if (!match) return; // not described (OAuth2 token endpoints, emulator extras)
      const op = match.operation;
      const where = `${ex.method} ${ex.path} (${op.id}) → ${ex.status}`;
      if (ex.status >= 500) return; // injected faults; Discord does not describe its 5xx bodies
      const responses = (spec.resolve({ $ref: `#${op.pointer}` }, op.pointer).node.responses ??
        {}) as JsonObject;
      const key = [String(ex.status), `${String(ex.status)[0]}XX`, 'default'].find((k) => k in responses);
      if (!key) {
        failures.push(`${where}: status not described (described: ${Object.keys(responses).join(', ')})`);
        return;
      }
      if (ex.status < 300) covered.add(op.id);
      const r = spec.resolve(responses[key], `${op.pointer}/responses/${escapePointer(key)}`);
      const content = r.node.content as JsonObject | undefined;
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
