// What an emulator's clients sent, seen through the OpenAPI description: which operations were called
// and how often, and which requests broke the description (never their content, only field paths and codes).
import type { OperationInfo } from './operations';
import type { RequestVerdict, SchemaError, ValidationCost } from './request-validator';

/** 'enforce': invalid requests are refused (400/50035) and recorded; 'record': recorded only; 'off'. */
export type ValidationMode = 'enforce' | 'record' | 'off';

export interface InvalidRequest {
  method: string;
  /** The path after `/api/v10`, with webhook and interaction tokens replaced by their parameter name. */
  path: string;
  operationId: string;
  /** The description's path template. */
  template: string;
  /** Whether the emulator refused it (mode 'enforce'). */
  refused: boolean;
  issues: { location: string; field: string; code: string; message: string }[];
  schemaErrors: SchemaError[];
}

export interface OperationUse {
  operationId: string;
  method: string;
  template: string;
  calls: number;
  invalid: number;
}

export interface TrafficReport {
  mode: ValidationMode;
  /** The description the requests were checked against. */
  spec: string | null;
  /** Operations the description has in all. */
  described: number;
  operations: OperationUse[];
  /** Requests the description has no operation for (OAuth2 token endpoints, unknown routes). */
  undescribed: { method: string; path: string; calls: number }[];
  invalid: InvalidRequest[];
  /** Invalid requests beyond the kept list (it is bounded). */
  invalidDropped: number;
  cost: (ValidationCost & { loadMs: number }) | null;
}

const MAX_INVALID_KEPT = 500;

export class TrafficRecorder {
  private operations = new Map<string, OperationUse>();
  private undescribed = new Map<string, number>();
  private invalid: InvalidRequest[] = [];
  private invalidDropped = 0;

  constructor(
    readonly mode: ValidationMode,
    private readonly describe: () => Pick<TrafficReport, 'spec' | 'described' | 'cost'>,
  ) {}

  record(
    operation: OperationInfo,
    verdict: RequestVerdict,
    request: { method: string; path: string; pathParams: Record<string, string> },
  ): void {
    let use = this.operations.get(operation.id);
    if (!use) {
      use = {
        operationId: operation.id,
        method: operation.method,
        template: operation.template,
        calls: 0,
        invalid: 0,
      };
      this.operations.set(operation.id, use);
    }
    use.calls++;
    if (verdict.valid) return;
    use.invalid++;
    if (this.invalid.length >= MAX_INVALID_KEPT) {
      this.invalidDropped++;
      return;
    }
    this.invalid.push({
      method: request.method,
      path: redactTokens(request.path, request.pathParams),
      operationId: operation.id,
      template: operation.template,
      refused: this.mode === 'enforce',
      issues: verdict.issues.map((i) => ({
        location: i.location,
        field: i.path.join('.'),
        code: i.code,
        message: i.summary,
      })),
      schemaErrors: verdict.schemaErrors,
    });
  }

  /** A request refused before any operation applies (an API version the emulator does not serve). */
  recordRefused(method: string, path: string, code: string, message: string): void {
    if (this.mode === 'off') return;
    if (this.invalid.length >= MAX_INVALID_KEPT) {
      this.invalidDropped++;
      return;
    }
    this.invalid.push({
      method,
      path,
      operationId: '',
      template: '',
      refused: true,
      issues: [{ location: 'path', field: '', code, message }],
      schemaErrors: [],
    });
  }

  recordUndescribed(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.undescribed.set(key, (this.undescribed.get(key) ?? 0) + 1);
  }

  report(): TrafficReport {
    return {
      mode: this.mode,
      ...this.describe(),
      operations: [...this.operations.values()]
        .map((o) => ({ ...o }))
        .sort((a, b) => a.operationId.localeCompare(b.operationId)),
      undescribed: [...this.undescribed.entries()].map(([key, calls]) => {
        const [method = '', path = ''] = key.split(' ');
        return { method, path, calls };
      }),
      invalid: this.invalid.map((i) => ({ ...i })),
      invalidDropped: this.invalidDropped,
    };
  }

  /** Removes and returns the invalid requests recorded so far (each is reported once). */
  takeInvalid(): InvalidRequest[] {
    const taken = this.invalid;
    this.invalid = [];
    this.invalidDropped = 0;
    return taken;
  }

  reset(): void {
    this.operations = new Map();
    this.undescribed = new Map();
    this.invalid = [];
    this.invalidDropped = 0;
  }
}

function redactTokens(path: string, params: Record<string, string>): string {
  let out = path;
  for (const [name, value] of Object.entries(params)) {
    if (/token/.test(name) && value) out = out.split(`/${value}`).join(`/{${name}}`);
  }
  return out;
}

/** One line per invalid request, naming the operation and each failing field. */
export function formatInvalidRequests(invalid: InvalidRequest[]): string {
  return invalid
    .map((r) => {
      const issues = r.issues
        .map((i) => `${i.location}${i.field ? ` ${i.field}` : ''}: ${i.code} ${i.message}`)
        .join('; ');
      const what = [r.operationId, r.refused ? 'refused' : ''].filter(Boolean).join(', ');
      return `${r.method} ${r.path}${what ? ` (${what})` : ''}: ${issues}`;
    })
    .join('\n');
}

/** The part of an emulator this module needs (kept structural so callers need not import the server). */
export interface HasTraffic {
  openapi: { readonly mode: ValidationMode; takeInvalidRequests(): InvalidRequest[] };
}

/**
 * Throws when any request since the last call broke Discord's OpenAPI description (call it in afterEach or
 * afterAll). Throws as well when validation is off, so a suite cannot believe it is checked when it is not.
 */
export function assertConformingTraffic(emulator: HasTraffic): void {
  if (emulator.openapi.mode === 'off') {
    throw new Error(
      "OpenAPI request validation is off for this emulator; start it with validateRequests: 'enforce' (or 'record').",
    );
  }
  const invalid = emulator.openapi.takeInvalidRequests();
  if (invalid.length > 0) {
    throw new Error(
      `${invalid.length} request(s) to the Discord emulator broke Discord's OpenAPI description:\n${formatInvalidRequests(invalid)}`,
    );
  }
}
