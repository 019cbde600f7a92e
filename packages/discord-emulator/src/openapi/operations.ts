// The operations of the OpenAPI description, found by method and concrete path (literal segments such as
// `@me` or `@original` win over parameters, as Discord routes them).
import { escapePointer, type JsonObject } from './spec';

export interface ParameterInfo {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** JSON pointer of the parameter's schema in the description. */
  schemaPointer: string;
}

export interface RequestBodyInfo {
  required: boolean;
  /** Content type → JSON pointer of its schema. */
  content: Record<string, string>;
}

export interface OperationInfo {
  id: string;
  method: string;
  /** The description's path template, e.g. `/channels/{channel_id}/messages`. */
  template: string;
  /** JSON pointer of the operation object. */
  pointer: string;
  parameters: ParameterInfo[];
  requestBody: RequestBodyInfo | null;
}

interface TrieNode {
  literal: Map<string, TrieNode>;
  param: TrieNode | null;
  operations: Map<string, OperationInfo>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

type Resolve = (node: unknown, pointer: string) => { node: JsonObject; pointer: string };

export class OperationIndex {
  private readonly root: TrieNode = newNode();
  readonly all: OperationInfo[] = [];

  constructor(document: JsonObject, resolve: Resolve) {
    const paths = document.paths as Record<string, JsonObject>;
    for (const [template, item] of Object.entries(paths)) {
      const itemPointer = `/paths/${escapePointer(template)}`;
      const shared = (item.parameters as unknown[] | undefined) ?? [];
      for (const [method, value] of Object.entries(item)) {
        if (!HTTP_METHODS.has(method)) continue;
        const op = value as JsonObject;
        const pointer = `${itemPointer}/${method}`;
        const parameters = new Map<string, ParameterInfo>();
        const collect = (list: unknown[], base: string) =>
          list.forEach((p, i) => {
            const { node, pointer: at } = resolve(p, `${base}/${i}`);
            const info: ParameterInfo = {
              name: String(node.name),
              in: node.in as ParameterInfo['in'],
              required: node.required === true,
              schemaPointer: `${at}/schema`,
            };
            // Operation-level parameters override path-level ones of the same name and place.
            parameters.set(`${info.in}:${info.name}`, info);
          });
        collect(shared, `${itemPointer}/parameters`);
        collect((op.parameters as unknown[] | undefined) ?? [], `${pointer}/parameters`);
        let requestBody: RequestBodyInfo | null = null;
        if (op.requestBody) {
          const { node, pointer: at } = resolve(op.requestBody, `${pointer}/requestBody`);
          const content: Record<string, string> = {};
          for (const type of Object.keys((node.content as JsonObject | undefined) ?? {})) {
            content[type] = `${at}/content/${escapePointer(type)}/schema`;
          }
          requestBody = { required: node.required === true, content };
        }
        const info: OperationInfo = {
          id: typeof op.operationId === 'string' ? op.operationId : `${method} ${template}`,
          method: method.toUpperCase(),
          template,
          pointer,
          parameters: [...parameters.values()],
          requestBody,
        };
        this.all.push(info);
        this.insert(template, info);
      }
    }
  }

  /** The operation for a request, with its path parameters, or null when the description has none. */
  match(
    method: string,
    path: string,
  ): { operation: OperationInfo; pathParams: Record<string, string> } | null {
    const segments = path.split('/').slice(1);
    const node = this.walk(this.root, segments, 0);
    const operation = node?.operations.get(method.toUpperCase());
    if (!operation) return null;
    const pathParams: Record<string, string> = {};
    operation.template
      .split('/')
      .slice(1)
      .forEach((part, i) => {
        const param = /^\{(.+)\}$/.exec(part);
        if (param?.[1]) pathParams[param[1]] = segments[i] ?? '';
      });
    return { operation, pathParams };
  }

  /** Whether the description has the path at all (for any method). */
  hasPath(path: string): boolean {
    return this.walk(this.root, path.split('/').slice(1), 0) !== null;
  }

  private walk(node: TrieNode, segments: string[], i: number): TrieNode | null {
    if (i === segments.length) return node.operations.size > 0 ? node : null;
    const segment = segments[i] ?? '';
    const literal = node.literal.get(segment);
    if (literal) {
      const found = this.walk(literal, segments, i + 1);
      if (found) return found;
    }
    return node.param && segment !== '' ? this.walk(node.param, segments, i + 1) : null;
  }

  private insert(template: string, info: OperationInfo): void {
    let node = this.root;
    for (const segment of template.split('/').slice(1)) {
      if (/^\{.+\}$/.test(segment)) {
        node.param ??= newNode();
        node = node.param;
      } else {
        let next = node.literal.get(segment);
        if (!next) {
          next = newNode();
          node.literal.set(segment, next);
        }
        node = next;
      }
    }
    node.operations.set(info.method, info);
  }
}

function newNode(): TrieNode {
  return { literal: new Map(), param: null, operations: new Map() };
}
