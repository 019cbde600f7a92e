// Who changed what in a server, and when. Details hold ids and settings, never message content.
import { type InferSchemaType, model, Schema } from 'mongoose';

const auditLogSchema = new Schema(
  {
    guildId: { type: String, default: null },
    // A Discord user id, `token:<id>` for an API token, or `system` for sweeps.
    actorId: { type: String, required: true },
    actorKind: { type: String, enum: ['user', 'bot-member', 'api-token', 'system'], required: true },
    action: { type: String, required: true, maxlength: 64 },
    targetType: { type: String, default: null },
    targetId: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { strict: 'throw', timestamps: { createdAt: true, updatedAt: false } },
);
auditLogSchema.index({ guildId: 1, createdAt: -1 });
auditLogSchema.index({ actorId: 1, createdAt: -1 });
auditLogSchema.index({ targetId: 1 });

export type AuditLogDoc = InferSchemaType<typeof auditLogSchema>;
export const AuditLog = model('AuditLog', auditLogSchema);
