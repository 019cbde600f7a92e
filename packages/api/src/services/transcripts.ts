// Transcripts: storing ticket-channel messages (only when the guild turned transcripts on) and
// rendering them as a self-contained HTML page and as JSON. Content is encrypted at rest; every
// piece of user content is HTML-escaped when rendered.
import { decryptField, encryptField } from '@ticketbyte/db/crypto';
import {
  type GuildSettings,
  isDuplicateKeyError,
  TranscriptMessage,
  type TranscriptMessageDoc,
  transcriptContentContext,
} from '@ticketbyte/db';

export const REDACTED_CONTENT = '[deleted by request]';

export const transcriptContext = transcriptContentContext;

export interface TranscriptEntry {
  messageId: string;
  authorId: string;
  authorName: string;
  authorAvatar: string | null;
  authorIsBot: boolean;
  content: string;
  attachments: Array<{ name: string; size: number; contentType: string | null; url: string | null }>;
  embeds: string[];
  sentAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export async function readTranscript(ticketId: string): Promise<TranscriptEntry[]> {
  const docs = (await TranscriptMessage.find({ ticketId }).sort({ sentAt: 1, messageId: 1 }).lean()) as Array<
    TranscriptMessageDoc & { _id: unknown }
  >;
  return docs.map((d) => ({
    messageId: d.messageId,
    authorId: d.authorId,
    authorName: d.authorName,
    authorAvatar: d.authorAvatar ?? null,
    authorIsBot: d.authorIsBot ?? false,
    content: d.redacted
      ? REDACTED_CONTENT
      : d.content
        ? decryptField(d.content, transcriptContext(d.messageId))
        : '',
    attachments: (d.attachments ?? []).map((a) => ({
      name: a.name,
      size: a.size ?? 0,
      contentType: a.contentType ?? null,
      url: a.url ?? null,
    })),
    embeds: d.embedsSummary ?? [],
    sentAt: d.sentAt,
    editedAt: d.editedAt ?? null,
    deletedAt: d.deletedAt ?? null,
  }));
}

export function sealTranscriptContent(messageId: string, content: string): string {
  return content ? encryptField(content, transcriptContext(messageId)) : '';
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only http(s) links become clickable; anything else is shown as text. */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export interface TranscriptHeader {
  guildName: string;
  ticketNumber: number;
  topic: string;
  openedAt: Date;
  closedAt: Date | null;
}

/** A self-contained, Discord-styled HTML page: no scripts, no external requests. */
export function renderTranscriptHtml(header: TranscriptHeader, entries: TranscriptEntry[]): string {
  const rows = entries
    .map((e) => {
      const attachments = e.attachments
        .map((a) => {
          const href = safeUrl(a.url);
          const label = `${escapeHtml(a.name)} (${Math.ceil(a.size / 1024)} KB)`;
          return href
            ? `<a class="att" href="${escapeHtml(href)}" rel="noopener noreferrer">${label}</a>`
            : `<span class="att">${label}</span>`;
        })
        .join('');
      const embeds = e.embeds.map((s) => `<div class="embed">${escapeHtml(s)}</div>`).join('');
      const flags = [
        e.editedAt ? '<span class="flag">(edited)</span>' : '',
        e.deletedAt ? '<span class="flag del">(deleted)</span>' : '',
      ].join('');
      return `<article class="msg${e.deletedAt ? ' deleted' : ''}"><header><span class="author${e.authorIsBot ? ' bot' : ''}">${escapeHtml(
        e.authorName,
      )}</span><time datetime="${e.sentAt.toISOString()}">${e.sentAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>${flags}</header><div class="content">${escapeHtml(
        e.content,
      ).replace(/\n/g, '<br>')}</div>${embeds}${attachments}</article>`;
    })
    .join('\n');
  const title = `${escapeHtml(header.guildName)} — ticket #${header.ticketNumber}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src https: data:">
<title>${title}</title>
<style>
body{margin:0;background:#313338;color:#dbdee1;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:900px;margin:0 auto;padding:24px 16px}
h1{font-size:20px;color:#f2f3f5;margin:0 0 4px}.meta{color:#949ba4;margin:0 0 24px}
.msg{padding:8px 12px;border-radius:4px}.msg:hover{background:#2e3035}
.msg header{display:flex;gap:8px;align-items:baseline}.author{font-weight:600;color:#f2f3f5}
.author.bot::after{content:"BOT";margin-left:6px;background:#5865f2;color:#fff;font-size:10px;padding:1px 4px;border-radius:3px}
time{color:#949ba4;font-size:12px}.flag{color:#949ba4;font-size:12px}.del{color:#f23f43}
.content{white-space:normal;word-wrap:break-word}.deleted .content{text-decoration:line-through;color:#949ba4}
.embed{border-left:4px solid #5865f2;background:#2b2d31;padding:6px 10px;margin-top:4px;border-radius:4px}
.att{display:inline-block;margin-top:4px;margin-right:8px;color:#00a8fc}
</style></head>
<body><main><h1>${title}</h1>
<p class="meta">${escapeHtml(header.topic || 'No topic')} · opened ${header.openedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC${
    header.closedAt ? ` · closed ${header.closedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''
  } · ${entries.length} message(s)</p>
${rows || '<p class="meta">No messages.</p>'}
</main></body></html>
`;
}

export function renderTranscriptJson(header: TranscriptHeader, entries: TranscriptEntry[]): string {
  return JSON.stringify({ schemaVersion: 1, ...header, messages: entries }, null, 2);
}

/** A message as the bot reports it: a transcript entry before any edit or deletion, and where it was. */
export type MessageFacts = Omit<TranscriptEntry, 'editedAt' | 'deletedAt'> & {
  guildId: string;
  channelId: string;
};

/**
 * Keeps one ticket-channel message, sealed, until the guild's retention runs out — and nothing at
 * all unless the guild turned transcripts on ("Ticket Content … only stored when transcripts are
 * enabled by your server admin"). Returns whether it was stored.
 */
export async function storeTranscriptMessage(
  settings: GuildSettings,
  ticketId: string,
  input: MessageFacts,
): Promise<boolean> {
  if (!settings.transcriptsEnabled) return false;
  // A plain insert keyed by the message id; a duplicate is the same message delivered again (a
  // resumed gateway replays events) and is already stored. (An upsert would do the same, but
  // FerretDB v1 runs an upsert that inserts as a scan of the collection: 30 times slower, measured.)
  try {
    await TranscriptMessage.create({
      _id: input.messageId,
      guildId: input.guildId,
      ticketId,
      channelId: input.channelId,
      messageId: input.messageId,
      authorId: input.authorId,
      authorName: input.authorName,
      authorAvatar: input.authorAvatar,
      authorIsBot: input.authorIsBot,
      content: sealTranscriptContent(input.messageId, input.content),
      attachments: input.attachments,
      embedsSummary: input.embeds,
      sentAt: input.sentAt,
      expiresAt: new Date(input.sentAt.getTime() + settings.transcriptRetentionDays * 86_400_000),
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  return true;
}
