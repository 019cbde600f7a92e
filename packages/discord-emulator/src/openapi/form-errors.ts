// Explains why a value fails a schema of the description in Discord's own words: the field path and the
// `_errors` codes of a 50035 "Invalid Form Body" (https://discord.com/developers/docs/reference#error-messages).
// ajv decides whether a request is valid; this walk only runs for invalid ones, to name the failing fields
// the way Discord does (one branch of a union, chosen by its `type`, instead of every branch's complaints).
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { escapePointer, type JsonObject, SNOWFLAKE } from './spec';

export interface FieldIssue {
  path: (string | number)[];
  code: string;
  /** What Discord would answer (it may quote the offending value). */
  message: string;
  /** The same without any value from the request, for reports. */
  summary: string;
}

type Resolve = (node: unknown, pointer: string) => { node: JsonObject; pointer: string };

export class FormErrorExplainer {
  constructor(
    private readonly resolve: Resolve,
    private readonly ajv: Ajv2020,
  ) {}

  /** The issues of `data` against the schema at `pointer` (empty when the walk finds none). */
  explain(pointer: string, data: unknown, path: (string | number)[] = []): FieldIssue[] {
    const out: FieldIssue[] = [];
    this.walk({ $ref: `#${pointer}` }, pointer, data, path, out);
    return out;
  }

  private walk(raw: unknown, at: string, data: unknown, path: (string | number)[], out: FieldIssue[]): void {
    const { node, pointer } = this.resolve(raw, at);
    const types = typeList(node.type);
    const actual = jsonType(data);
    if (types && !types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) {
      out.push(typeIssue(path, types, data, isSnowflake(node)));
      return;
    }
    const allOf = (node.allOf as unknown[] | undefined) ?? [];
    for (const [i, s] of allOf.entries()) this.walk(s, `${pointer}/allOf/${i}`, data, path, out);
    for (const key of ['oneOf', 'anyOf'] as const) {
      if (node[key]) this.union(node[key] as unknown[], `${pointer}/${key}`, data, path, out);
    }
    if (data === null) return;
    if ('const' in node && !equal(node.const, data)) out.push(choices(path, [node.const]));
    if (Array.isArray(node.enum) && !node.enum.some((v) => equal(v, data)))
      out.push(choices(path, node.enum));
    if (typeof data === 'string') this.string(node, data, path, out);
    else if (typeof data === 'number') number(node, data, path, out);
    else if (Array.isArray(data)) {
      lengthIssue(node.minItems, node.maxItems, data.length, path, out);
      if (node.uniqueItems === true && new Set(data.map((v) => JSON.stringify(v))).size !== data.length) {
        out.push(issue(path, 'SET_TYPE_ALREADY_CONTAINS_VALUE', 'The set already contains this value.'));
      }
      if (node.items && typeof node.items === 'object') {
        for (const [i, item] of data.entries())
          this.walk(node.items, `${pointer}/items`, item, [...path, i], out);
      }
    } else if (actual === 'object') this.object(node, pointer, data as JsonObject, path, out);
  }

  private object(
    node: JsonObject,
    pointer: string,
    data: JsonObject,
    path: (string | number)[],
    out: FieldIssue[],
  ) {
    const properties = (node.properties as JsonObject | undefined) ?? {};
    for (const name of (node.required as string[] | undefined) ?? []) {
      if (data[name] === undefined)
        out.push(issue([...path, name], 'BASE_TYPE_REQUIRED', 'This field is required'));
    }
    for (const [name, value] of Object.entries(data)) {
      if (value === undefined) continue;
      if (name in properties) {
        this.walk(
          properties[name],
          `${pointer}/properties/${escapePointer(name)}`,
          value,
          [...path, name],
          out,
        );
      } else if (node.additionalProperties === false) {
        out.push(issue([...path, name], 'BASE_TYPE_UNKNOWN_FIELD', 'This field is not allowed.'));
      } else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
        this.walk(node.additionalProperties, `${pointer}/additionalProperties`, value, [...path, name], out);
      }
    }
    const count = Object.keys(data).length;
    if (typeof node.maxProperties === 'number' && count > node.maxProperties) {
      out.push(issue(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${node.maxProperties} or fewer in length.`));
    }
  }

  private string(node: JsonObject, data: string, path: (string | number)[], out: FieldIssue[]) {
    lengthIssue(node.minLength, node.maxLength, [...data].length, path, out);
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(data)) {
      out.push(
        isSnowflake(node)
          ? notSnowflake(path, data)
          : issue(path, 'STRING_TYPE_REGEX', 'String value did not match validation regex.'),
      );
      return;
    }
    const format = typeof node.format === 'string' ? node.format : null;
    if (format && !this.formatOk(format, data)) {
      if (format === 'snowflake') out.push(notSnowflake(path, data));
      else if (format === 'date-time') {
        out.push(
          issue(
            path,
            'DATE_TYPE_PARSE',
            `Could not parse ${quote(data)}. Should be ISO8601.`,
            'Should be ISO8601.',
          ),
        );
      } else if (format === 'uri') out.push(issue(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.'));
      else out.push(issue(path, 'BASE_TYPE_INVALID', `Must be a valid ${format}.`));
    }
  }

  private formatOk(name: string, value: string): boolean {
    const format = (this.ajv.formats as Record<string, unknown>)[name];
    if (format === undefined || format === true) return true;
    if (format instanceof RegExp) return format.test(value);
    if (typeof format === 'function') return Boolean(format(value));
    const def = format as { type?: string; validate?: unknown };
    if (def.type && def.type !== 'string') return true;
    if (def.validate instanceof RegExp) return def.validate.test(value);
    return typeof def.validate === 'function' ? Boolean(def.validate(value)) : true;
  }

  /**
   * A union is fine when one branch takes the value. Otherwise Discord reports against the branch the value
   * was meant for: the one whose `type` discriminator matches, or whose JSON type matches.
   */
  private union(
    branches: unknown[],
    at: string,
    data: unknown,
    path: (string | number)[],
    out: FieldIssue[],
  ) {
    const walked = branches.map((b, i) => {
      const issues: FieldIssue[] = [];
      this.walk(b, `${at}/${i}`, data, path, issues);
      return { ...this.resolve(b, `${at}/${i}`), issues };
    });
    if (walked.some((w) => w.issues.length === 0)) return;
    const actual = jsonType(data);
    let candidates = walked.filter((w) => {
      const types = typeList(w.node.type);
      return !types || types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    });
    if (candidates.length === 0) {
      const all = walked.flatMap((w) => typeList(w.node.type) ?? []);
      out.push(
        typeIssue(
          path,
          [...new Set(all)],
          data,
          walked.some((w) => isSnowflake(w.node)),
        ),
      );
      return;
    }
    if (actual === 'object') {
      const tagged = candidates.filter((w) => discriminator(this.resolve, w.node, w.pointer) !== null);
      if (tagged.length > 0 && tagged.length === candidates.filter((w) => w.node.type !== 'null').length) {
        const value = (data as JsonObject).type;
        const matching = tagged.filter((w) =>
          (discriminator(this.resolve, w.node, w.pointer) ?? []).some((v) => equal(v, value)),
        );
        if (matching.length === 0) {
          const allowed = [
            ...new Set(tagged.flatMap((w) => discriminator(this.resolve, w.node, w.pointer) ?? [])),
          ];
          out.push(
            issue(
              [...path, 'type'],
              'UNION_TYPE_CHOICES',
              `Value of field "type" must be one of (${allowed.map(show).join(', ')}).`,
            ),
          );
          return;
        }
        candidates = matching;
      }
    }
    const best = candidates.reduce((a, b) => (b.issues.length < a.issues.length ? b : a));
    out.push(...best.issues);
  }
}

/** The values a schema's `type` property accepts, when it names them (component and option unions). */
function discriminator(resolve: Resolve, node: JsonObject, pointer: string): unknown[] | null {
  const prop = (node.properties as JsonObject | undefined)?.type;
  if (!prop) return null;
  const { node: t } = resolve(prop, `${pointer}/properties/type`);
  if (Array.isArray(t.enum)) return t.enum;
  if ('const' in t) return [t.const];
  return null;
}

function lengthIssue(
  min: unknown,
  max: unknown,
  length: number,
  path: (string | number)[],
  out: FieldIssue[],
) {
  const lo = typeof min === 'number' ? min : 0;
  const hi = typeof max === 'number' ? max : Number.POSITIVE_INFINITY;
  if (length >= lo && length <= hi) return;
  if (lo > 0 && hi !== Number.POSITIVE_INFINITY) {
    out.push(issue(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${lo} and ${hi} in length.`));
  } else if (length > hi) out.push(issue(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${hi} or fewer in length.`));
  else out.push(issue(path, 'BASE_TYPE_MIN_LENGTH', `Must be ${lo} or more in length.`));
}

function number(node: JsonObject, data: number, path: (string | number)[], out: FieldIssue[]) {
  const kind = typeList(node.type)?.includes('integer') ? 'int' : 'float';
  if (typeof node.minimum === 'number' && data < node.minimum) {
    out.push(
      issue(path, 'NUMBER_TYPE_MIN', `${kind} value should be greater than or equal to ${node.minimum}.`),
    );
  }
  if (typeof node.maximum === 'number' && data > node.maximum) {
    out.push(
      issue(path, 'NUMBER_TYPE_MAX', `${kind} value should be less than or equal to ${node.maximum}.`),
    );
  }
}

function typeIssue(
  path: (string | number)[],
  types: string[],
  data: unknown,
  snowflake: boolean,
): FieldIssue {
  const wanted = types.filter((t) => t !== 'null');
  const shown = typeof data === 'string' || typeof data === 'number' ? quote(String(data)) : null;
  if (snowflake && wanted.includes('string')) return notSnowflake(path, shown === null ? '' : String(data));
  if (data === null) return issue(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  const first = wanted[0] ?? 'null';
  switch (first) {
    case 'integer':
    case 'number': {
      const kind = first === 'integer' ? 'int' : 'float';
      return issue(
        path,
        'NUMBER_TYPE_COERCE',
        `Value ${shown ?? '""'} is not ${kind}.`,
        `Value is not ${kind}.`,
      );
    }
    case 'string':
      return issue(
        path,
        'BASE_TYPE_STRING',
        `Could not interpret ${shown ?? JSON.stringify(jsonType(data))} as string.`,
        'Could not interpret the value as string.',
      );
    case 'boolean':
      return issue(path, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
    case 'array':
      return issue(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    case 'object':
      return issue(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    default:
      return issue(path, 'BASE_TYPE_INVALID', `Must be ${wanted.join(' or ')}.`);
  }
}

function notSnowflake(path: (string | number)[], value: string): FieldIssue {
  return issue(
    path,
    'NUMBER_TYPE_COERCE',
    `Value ${quote(value)} is not snowflake.`,
    'Value is not snowflake.',
  );
}

function choices(path: (string | number)[], values: unknown[]): FieldIssue {
  return issue(path, 'BASE_TYPE_CHOICES', `Value must be one of (${values.map(show).join(', ')}).`);
}

function issue(path: (string | number)[], code: string, message: string, summary = message): FieldIssue {
  return { path, code, message, summary };
}

function isSnowflake(node: JsonObject): boolean {
  return node.format === 'snowflake' || node.pattern === SNOWFLAKE.source;
}

function typeList(type: unknown): string[] | null {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? (type as string[]) : null;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function equal(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Discord quotes the offending value; long ones are cut so an error never carries a whole message. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Builds Discord's nested `errors` object from field issues (several may share a field). */
export function errorTree(issues: FieldIssue[]): JsonObject {
  const root: JsonObject = {};
  for (const i of issues) {
    let node = root;
    for (const key of i.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as JsonObject;
    }
    node._errors ??= [];
    const list = node._errors as { code: string; message: string }[];
    if (!list.some((e) => e.code === i.code && e.message === i.message)) {
      list.push({ code: i.code, message: i.message });
    }
  }
  return root;
}
