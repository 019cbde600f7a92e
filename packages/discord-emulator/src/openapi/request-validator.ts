// Validates one REST request (path parameters, query, JSON / form / multipart `payload_json` body) against
// its operation in Discord's OpenAPI description. Validators compile on an operation's first request.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type FieldIssue, FormErrorExplainer } from './form-errors';
import type { OperationInfo, ParameterInfo } from './operations';
import { escapePointer, type JsonObject, type LoadedSpec, SPEC_ID } from './spec';

export type IssueLocation = 'path' | 'query' | 'body' | 'header';

export interface RequestIssue extends FieldIssue {
  location: IssueLocation;
}

/** An ajv error without the offending data. */
export interface SchemaError {
  location: IssueLocation;
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export interface RequestInput {
  operation: OperationInfo;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  /** The media type the client declared, without parameters (`application/json`), or null. */
  mediaType: string | null;
  /** Whether the request carried a body at all. */
  hasBody: boolean;
  /** Parsed body: JSON value, `payload_json` merged with form fields for multipart, or URLSearchParams. */
  body: unknown;
}

export interface RequestVerdict {
  valid: boolean;
  issues: RequestIssue[];
  schemaErrors: SchemaError[];
}

export interface ValidationCost {
  /** Validators compiled so far, and the time spent compiling them. */
  compiled: number;
  compileMs: number;
  /** Requests validated so far, and the time spent validating them (compiling excluded). */
  validated: number;
  validateMs: number;
}

/**
 * Discord documents permission bit sets as decimal strings (and discord.js sends them so), while the
 * description types them as integers; such strings are read as numbers before validation.
 */
const PERMISSION_KEYS = new Set(['allow', 'deny', 'permissions', 'default_member_permissions']);

const MAX_SCHEMA_ERRORS = 20;

interface CompiledOperation {
  path: ValidateFunction | null;
  query: ValidateFunction | null;
  bodies: Map<string, ValidateFunction>;
}

export class RequestValidator {
  private readonly compiled = new Map<string, CompiledOperation>();
  private readonly explainer: FormErrorExplainer;
  readonly cost: ValidationCost = { compiled: 0, compileMs: 0, validated: 0, validateMs: 0 };

  constructor(private readonly spec: LoadedSpec) {
    this.explainer = new FormErrorExplainer(spec.resolve, spec.ajv);
  }

  validate(input: RequestInput): RequestVerdict {
    const op = input.operation;
    const compiled = this.forOperation(op);
    const started = performance.now();
    const issues: RequestIssue[] = [];
    const schemaErrors: SchemaError[] = [];
    const check = (
      location: IssueLocation,
      validate: ValidateFunction,
      data: unknown,
      explain: () => FieldIssue[],
    ) => {
      if (validate(data)) return;
      const errors = validate.errors ?? [];
      for (const e of errors.slice(0, MAX_SCHEMA_ERRORS - schemaErrors.length)) {
        schemaErrors.push(summarize(location, e));
      }
      const explained = explain();
      const found = explained.length > 0 ? explained : errors.map(fallbackIssue);
      for (const i of found) issues.push({ ...i, location });
    };

    const pathParams = op.parameters.filter((p) => p.in === 'path');
    if (compiled.path) {
      const data = Object.fromEntries(
        pathParams.map((p) => [p.name, this.coerce(p.schemaPointer, input.pathParams[p.name] ?? '')]),
      );
      check('path', compiled.path, data, () => this.explainParams(pathParams, data));
    }
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    if (compiled.query) {
      const data: JsonObject = {};
      for (const p of queryParams) {
        const values = input.query.getAll(p.name);
        if (values.length > 0)
          data[p.name] = this.coerce(p.schemaPointer, values.length === 1 ? values[0]! : values);
      }
      check('query', compiled.query, data, () => this.explainParams(queryParams, data));
    }
    const body = op.requestBody;
    if (body && (input.hasBody || body.required)) {
      const declared = input.mediaType;
      if (input.hasBody && (declared === null || !(declared in body.content))) {
        const accepted = Object.keys(body.content);
        issues.push({
          location: 'header',
          path: [],
          code: 'CONTENT_TYPE_INVALID',
          message: `Expected "Content-Type" header to be one of {${accepted.map((t) => `'${t}'`).join(', ')}}.`,
          summary: `Content-Type ${declared ?? '(none)'} is not one of ${accepted.join(', ')}.`,
        });
      } else {
        // A multipart body carries the JSON document in `payload_json`; it is checked against the JSON schema.
        const mediaType =
          declared === 'multipart/form-data' && 'application/json' in body.content
            ? 'application/json'
            : (declared ?? 'application/json');
        const pointer = body.content[mediaType] ?? Object.values(body.content)[0];
        if (pointer) {
          let data = input.hasBody ? input.body : {};
          if (data instanceof URLSearchParams) data = this.formObject(pointer, data);
          data = numericPermissions(data);
          const validate = this.bodyValidator(compiled, pointer);
          check('body', validate, data, () => this.explainer.explain(pointer, data));
        }
      }
    }
    this.cost.validated++;
    this.cost.validateMs += performance.now() - started;
    return { valid: issues.length === 0, issues, schemaErrors };
  }

  private explainParams(params: ParameterInfo[], data: JsonObject): FieldIssue[] {
    const out: FieldIssue[] = [];
    for (const p of params) {
      const value = data[p.name];
      if (value === undefined) {
        if (p.required)
          out.push({
            path: [p.name],
            code: 'BASE_TYPE_REQUIRED',
            message: 'This field is required',
            summary: 'This field is required',
          });
        continue;
      }
      out.push(...this.explainer.explain(p.schemaPointer, value, [p.name]));
    }
    return out;
  }

  private forOperation(op: OperationInfo): CompiledOperation {
    let compiled = this.compiled.get(op.pointer);
    if (compiled) return compiled;
    const paramsSchema = (place: 'path' | 'query') => {
      const params = op.parameters.filter((p) => p.in === place);
      if (params.length === 0) return null;
      return this.compile({
        type: 'object',
        properties: Object.fromEntries(
          params.map((p) => [p.name, { $ref: `${SPEC_ID}#${p.schemaPointer}` }]),
        ),
        required: params.filter((p) => p.required).map((p) => p.name),
      });
    };
    compiled = { path: paramsSchema('path'), query: paramsSchema('query'), bodies: new Map() };
    this.compiled.set(op.pointer, compiled);
    return compiled;
  }

  private bodyValidator(compiled: CompiledOperation, pointer: string): ValidateFunction {
    let validate = compiled.bodies.get(pointer);
    if (!validate) {
      validate = this.compile({ $ref: `${SPEC_ID}#${pointer}` });
      compiled.bodies.set(pointer, validate);
    }
    return validate;
  }

  private compile(schema: object): ValidateFunction {
    const started = performance.now();
    const validate = this.spec.ajv.compile(schema);
    this.cost.compiled++;
    this.cost.compileMs += performance.now() - started;
    return validate;
  }

  /**
   * Path, query and form values arrive as strings; they are read as the schema's type the way Discord
   * reads them (booleans as `true`/`True`/`1` and `false`/`False`/`0`, arrays as repeated parameters:
   * https://discord.com/developers/docs/reference#boolean-query-strings).
   */
  private coerce(pointer: string, value: string | string[]): unknown {
    const types = this.typesOf(pointer);
    if (Array.isArray(value)) {
      if (types.has('array')) {
        const { node, pointer: at } = this.spec.resolve({ $ref: `#${pointer}` }, pointer);
        const itemPointer = this.arrayItemsPointer(node, at);
        return value.map((v) => (itemPointer ? this.coerce(itemPointer, v) : v));
      }
      return this.coerce(pointer, value[value.length - 1] ?? '');
    }
    if (
      (types.has('integer') || types.has('number')) &&
      /^-?\d+(\.\d+)?$/.test(value) &&
      !types.has('string')
    ) {
      return Number(value);
    }
    if (types.has('boolean') && !types.has('string')) {
      if (/^(true|1)$/i.test(value)) return true;
      if (/^(false|0)$/i.test(value)) return false;
    }
    if (types.has('array') && !types.has('string')) return [value];
    return value;
  }

  private arrayItemsPointer(node: JsonObject, pointer: string): string | null {
    if (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'))) {
      return node.items ? `${pointer}/items` : null;
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const branches = node[key] as unknown[] | undefined;
      if (!branches) continue;
      for (let i = 0; i < branches.length; i++) {
        const b = this.spec.resolve(branches[i], `${pointer}/${key}/${i}`);
        const found = this.arrayItemsPointer(b.node, b.pointer);
        if (found) return found;
      }
    }
    return null;
  }

  /** The JSON types a schema (or any branch of its union) accepts. */
  private typesOf(pointer: string, depth = 0): Set<string> {
    const out = new Set<string>();
    if (depth > 8) return out;
    const { node, pointer: at } = this.spec.resolve({ $ref: `#${pointer}` }, pointer);
    const type = node.type;
    if (typeof type === 'string') out.add(type);
    else if (Array.isArray(type)) for (const t of type) out.add(String(t));
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const branches = node[key] as unknown[] | undefined;
      branches?.forEach((_, i) => {
        for (const t of this.typesOf(`${at}/${key}/${i}`, depth + 1)) out.add(t);
      });
    }
    return out;
  }

  private formObject(pointer: string, form: URLSearchParams): JsonObject {
    const { node, pointer: at } = this.spec.resolve({ $ref: `#${pointer}` }, pointer);
    const properties = (node.properties as JsonObject | undefined) ?? {};
    const out: JsonObject = {};
    for (const key of new Set(form.keys())) {
      const values = form.getAll(key);
      const value = values.length === 1 ? (values[0] ?? '') : values;
      out[key] = key in properties ? this.coerce(`${at}/properties/${escapePointer(key)}`, value) : value;
    }
    return out;
  }
}

function summarize(location: IssueLocation, e: ErrorObject): SchemaError {
  return {
    location,
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    message: e.message ?? e.keyword,
    params: e.params as Record<string, unknown>,
  };
}

function fallbackIssue(e: ErrorObject): FieldIssue {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const message = `Invalid value (${e.message ?? e.keyword}).`;
  return { path, code: 'BASE_TYPE_INVALID', message, summary: message };
}

function numericPermissions(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && PERMISSION_KEYS.has(key) && /^\d+$/.test(value)) return Number(value);
  if (Array.isArray(value)) return value.map((v) => numericPermissions(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numericPermissions(v, k)]));
  }
  return value;
}
