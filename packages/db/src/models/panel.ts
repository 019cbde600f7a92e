// A message with buttons or a select menu through which members open tickets. "Server Settings".
import { type InferSchemaType, model, Schema } from 'mongoose';

const panelSchema = new Schema(
  {
    guildId: { type: String, required: true },
    title: { type: String, required: true, maxlength: 256 },
    description: { type: String, default: '', maxlength: 4000 },
    color: { type: Number, default: 0x5865f2, min: 0, max: 0xffffff },
    style: { type: String, enum: ['buttons', 'select'], default: 'buttons' },
    categoryIds: { type: [String], default: [] },
    // Where it was last published; null until then.
    channelId: { type: String, default: null },
    messageId: { type: String, default: null },
    publishedAt: { type: Date, default: null },
  },
  { strict: 'throw', timestamps: true },
);
panelSchema.index({ guildId: 1, createdAt: 1 });

export type PanelDoc = InferSchemaType<typeof panelSchema>;
export const Panel = model('Panel', panelSchema);
