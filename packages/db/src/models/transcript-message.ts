// One message in a ticket channel — "Ticket Content: messages within ticket channels, only stored
// when transcripts are enabled by your server admin". Written only through the API, which checks the
// guild's setting first. Content is encrypted at rest (field encryption). Kept until expiresAt,
// which the retention sweep honours ("Ticket transcripts are retained for up to 90 days by default").
import { type InferSchemaType, model, Schema } from 'mongoose';

const attachmentSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 256 },
    size: { type: Number, default: 0 },
    contentType: { type: String, default: null },
    url: { type: String, default: null },
  },
  { _id: false, strict: 'throw' },
);

const transcriptMessageSchema = new Schema(
  {
    // The Discord message id. Snowflakes are unique across Discord, and lookups by _id are the ones
    // every server indexes (FerretDB v1 on SQLite scans for anything else), so storing, editing and
    // deleting a message each touch one document directly, however many are kept.
    _id: { type: String, required: true },
    guildId: { type: String, required: true },
    ticketId: { type: String, required: true },
    channelId: { type: String, required: true },
    messageId: { type: String, required: true },
    authorId: { type: String, required: true },
    authorName: { type: String, required: true, maxlength: 100 },
    authorAvatar: { type: String, default: null },
    authorIsBot: { type: Boolean, default: false },
    // Sealed with encryptField(…, `transcript:<messageId>`); never plaintext in the database.
    content: { type: String, default: '' },
    attachments: { type: [attachmentSchema], default: [] },
    embedsSummary: { type: [String], default: [] },
    sentAt: { type: Date, required: true },
    editedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    // Set when the author asked for deletion: content and name are replaced, order kept.
    redacted: { type: Boolean, default: false },
    // Not a TTL index (FerretDB v1 has none): the retention sweep deletes expired messages.
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', timestamps: true },
);
transcriptMessageSchema.index({ ticketId: 1, sentAt: 1 });
transcriptMessageSchema.index({ expiresAt: 1 });
transcriptMessageSchema.index({ authorId: 1 });
transcriptMessageSchema.index({ guildId: 1 });

export type TranscriptMessageDoc = InferSchemaType<typeof transcriptMessageSchema>;
export const TranscriptMessage = model('TranscriptMessage', transcriptMessageSchema);

/** The associated data a message's content is sealed with: ciphertext cannot move to another message. */
export function transcriptContentContext(messageId: string): string {
  return `transcript:${messageId}`;
}
