// The emulator's OpenAPI gate: each REST request is matched to its operation, validated, and counted in the
// traffic report; in 'enforce' mode an invalid one is answered as Discord answers it (400, code 50035).
import { DiscordApiError } from '../errors';
import { errorTree } from './form-errors';
import { type RequestVerdict, RequestValidator } from './request-validator';
import { defaultSpecPath, type LoadedSpec, loadSpec } from './spec';
import { TrafficRecorder, type TrafficReport, type ValidationMode } from './traffic';

export interface ApiRequest {
  method: string;
  /** Path after `/api/v10`, percent-decoded per segment. */
  path: string;
  query: URLSearchParams;
  mediaType: string | null;
  hasBody: boolean;
  body: unknown;
  /** The emulator's route template, used to name requests the description does not describe. */
  routeTemplate: string | null;
}

export class OpenApiValidation {
  readonly traffic: TrafficRecorder;
  private readonly spec: LoadedSpec | null;
  private readonly validator: RequestValidator | null;

  constructor(
    readonly mode: ValidationMode,
    specPath: string = defaultSpecPath(),
  ) {
    // The description is read at start (fails fast when it is missing); validators compile per operation.
    this.spec = mode === 'off' ? null : loadSpec(specPath);
    this.validator = this.spec ? new RequestValidator(this.spec) : null;
    this.traffic = new TrafficRecorder(mode, () => ({
      spec: this.spec?.path ?? null,
      described: this.spec?.operations.all.length ?? 0,
      cost: this.validator && this.spec ? { ...this.validator.cost, loadMs: this.spec.loadMs } : null,
    }));
  }

  /**
   * Validates and records one request. Returns the error to answer with when the request is invalid and
   * the mode is 'enforce', otherwise null.
   */
  check(request: ApiRequest): DiscordApiError | null {
    if (!this.spec || !this.validator) return null;
    const match = this.spec.operations.match(request.method, request.path);
    if (!match) {
      this.traffic.recordUndescribed(request.method, request.routeTemplate ?? request.path);
      return null;
    }
    const verdict = this.validator.validate({
      operation: match.operation,
      pathParams: match.pathParams,
      query: request.query,
      mediaType: request.mediaType,
      hasBody: request.hasBody,
      body: request.body,
    });
    this.traffic.record(match.operation, verdict, {
      method: request.method,
      path: request.path,
      pathParams: match.pathParams,
    });
    return !verdict.valid && this.mode === 'enforce' ? invalidFormBody(verdict) : null;
  }

  report(): TrafficReport {
    return this.traffic.report();
  }
}

function invalidFormBody(verdict: RequestVerdict): DiscordApiError {
  return new DiscordApiError(400, 50035, 'Invalid Form Body', errorTree(verdict.issues));
}
