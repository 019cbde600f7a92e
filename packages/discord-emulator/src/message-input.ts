// Turns a message body (JSON or multipart payload_json + files[n]) into stored message fields,
// with the checks Discord applies (empty message, length limits, attachment references).
import type { APIAttachment, APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { Errors, fieldError } from './errors';
import type { EmulatorState } from './state';

export interface UploadedFile {
  field: string;
  index: number;
  name: string;
  contentType: string;
  data: Uint8Array;
}

export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  embed?: APIEmbed | null;
  components?: APIMessageTopLevelComponent[] | null;
  attachments?: { id: string | number; filename?: string; description?: string }[] | null;
  flags?: number | null;
  tts?: boolean;
  nonce?: string | number;
  message_reference?: {
    message_id?: string;
    channel_id?: string;
    guild_id?: string;
    fail_if_not_exists?: boolean;
  };
  allowed_mentions?: unknown;
}

export interface ResolvedMessageFields {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  attachments?: APIAttachment[];
  flags?: number;
}

const IS_COMPONENTS_V2 = 1 << 15;
/** Flags a client may set on a message it sends (suppress embeds, ephemeral, suppress notifications, IS_COMPONENTS_V2, loading). */
const SETTABLE_FLAGS = (1 << 2) | (1 << 6) | (1 << 12) | IS_COMPONENTS_V2;

export function messageBody(body: unknown): MessageBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw Errors.invalidForm(
      fieldError([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'),
    );
  }
  return body as MessageBody;
}

/**
 * Resolves fields for a new message (`existing` undefined) or an edit (`existing` = current attachments).
 * Only fields present in the body are returned, so edits leave the rest untouched.
 */
export function resolveMessageFields(
  state: EmulatorState,
  channelId: string,
  body: MessageBody,
  files: UploadedFile[],
  existing?: APIAttachment[],
): ResolvedMessageFields {
  const out: ResolvedMessageFields = {};
  if (body.content !== undefined) {
    const content = body.content ?? '';
    if (typeof content !== 'string') {
      throw Errors.invalidForm(fieldError(['content'], 'BASE_TYPE_STRING', 'Must be a string.'));
    }
    if (content.length > 2000) {
      throw Errors.invalidForm(
        fieldError(['content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.'),
      );
    }
    out.content = content;
  }
  const embeds =
    body.embeds !== undefined
      ? body.embeds
      : body.embed !== undefined
        ? [body.embed ?? []].flat()
        : undefined;
  if (embeds !== undefined) {
    const list = (embeds ?? []) as APIEmbed[];
    if (list.length > 10) {
      throw Errors.invalidForm(
        fieldError(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.'),
      );
    }
    let total = 0;
    list.forEach((e, i) => {
      if (e.title && e.title.length > 256) {
        throw Errors.invalidForm(
          fieldError(['embeds', i, 'title'], 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.'),
        );
      }
      if (e.description && e.description.length > 4096) {
        throw Errors.invalidForm(
          fieldError(
            ['embeds', i, 'description'],
            'BASE_TYPE_MAX_LENGTH',
            'Must be 4096 or fewer in length.',
          ),
        );
      }
      if ((e.fields?.length ?? 0) > 25) {
        throw Errors.invalidForm(
          fieldError(['embeds', i, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'),
        );
      }
      total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
      for (const f of e.fields ?? []) total += f.name.length + f.value.length;
    });
    if (total > 6000) {
      throw Errors.invalidForm(
        fieldError(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000'),
      );
    }
    out.embeds = list;
  }
  if (body.flags !== undefined && body.flags !== null) out.flags = body.flags & SETTABLE_FLAGS;
  if (body.components !== undefined) {
    const list = body.components ?? [];
    const v2 = ((out.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
    if (!v2 && list.length > 5) {
      throw Errors.invalidForm(
        fieldError(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.'),
      );
    }
    validateCustomIds(list);
    out.components = list;
  }
  if (body.attachments !== undefined || files.length > 0) {
    const kept: APIAttachment[] = [];
    const refs = body.attachments ?? (existing ? undefined : []);
    const uploadedByIndex = new Map(files.map((f) => [String(f.index), f]));
    const used = new Set<string>();
    if (refs === undefined && existing) kept.push(...existing);
    for (const ref of refs ?? []) {
      const key = String(ref.id);
      const upload = uploadedByIndex.get(key);
      if (upload) {
        used.add(key);
        kept.push(
          state.storeFile(
            channelId,
            ref.filename ?? upload.name,
            upload.data,
            upload.contentType,
            ref.description,
          ),
        );
        continue;
      }
      const old = existing?.find((a) => a.id === key);
      if (old) kept.push(old);
    }
    for (const f of files) {
      if (!used.has(String(f.index))) kept.push(state.storeFile(channelId, f.name, f.data, f.contentType));
    }
    if (kept.length > 10) {
      throw Errors.invalidForm(
        fieldError(['attachments'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.'),
      );
    }
    out.attachments = kept;
  }
  return out;
}

export function isEmptyMessage(fields: ResolvedMessageFields): boolean {
  return (
    !fields.content &&
    !(fields.embeds && fields.embeds.length > 0) &&
    !(fields.components && fields.components.length > 0) &&
    !(fields.attachments && fields.attachments.length > 0)
  );
}

function validateCustomIds(components: unknown[]): void {
  const seen = new Set<string>();
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    const c = node as { custom_id?: unknown; components?: unknown[]; accessory?: unknown; type?: number };
    if (typeof c.custom_id === 'string') {
      if (c.custom_id.length > 100) {
        throw Errors.invalidForm(
          fieldError([...path, 'custom_id'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.'),
        );
      }
      if (seen.has(c.custom_id)) {
        throw Errors.invalidForm(
          fieldError(
            [...path, 'custom_id'],
            'COMPONENT_CUSTOM_ID_DUPLICATED',
            'Component custom id cannot be duplicated',
          ),
        );
      }
      seen.add(c.custom_id);
    }
    for (const [i, child] of (c.components ?? []).entries()) walk(child, [...path, 'components', i]);
    if (c.accessory) walk(c.accessory, [...path, 'accessory']);
  };
  for (const [i, c] of components.entries()) walk(c, ['components', i]);
}

/** Finds a component with this custom id anywhere in a message's component tree. */
export function findComponent(components: unknown[], customId: string): Record<string, unknown> | undefined {
  for (const node of components) {
    if (!node || typeof node !== 'object') continue;
    const c = node as Record<string, unknown>;
    if (c.custom_id === customId) return c;
    const nested = [...((c.components as unknown[]) ?? []), ...(c.accessory ? [c.accessory] : [])];
    if (c.component) nested.push(c.component);
    const found = findComponent(nested, customId);
    if (found) return found;
  }
  return undefined;
}
