// Kinds of ticket a server offers (e.g. "Billing", "Report a user"), with the questions asked when
// one is opened. Part of "Server Settings" in the privacy policy; holds no member data.
import { type InferSchemaType, model, Schema } from 'mongoose';

const questionSchema = new Schema(
  {
    questionId: { type: String, required: true, maxlength: 40 },
    label: { type: String, required: true, maxlength: 45 },
    style: { type: String, enum: ['short', 'paragraph'], default: 'short' },
    placeholder: { type: String, default: '', maxlength: 100 },
    required: { type: Boolean, default: true },
    minLength: { type: Number, default: 0, min: 0, max: 4000 },
    maxLength: { type: Number, default: 1000, min: 1, max: 4000 },
  },
  { _id: false, strict: 'throw' },
);

const ticketCategorySchema = new Schema(
  {
    guildId: { type: String, required: true },
    name: { type: String, required: true, maxlength: 50 },
    emoji: { type: String, default: null, maxlength: 64 },
    description: { type: String, default: '', maxlength: 100 },
    staffRoleIds: { type: [String], default: [] },
    // A Discord modal holds at most five inputs.
    questions: {
      type: [questionSchema],
      default: [],
      validate: { validator: (q: unknown[]) => q.length <= 5, message: 'At most 5 questions' },
    },
    parentChannelId: { type: String, default: null },
    ticketNameTemplate: { type: String, default: null, maxlength: 90 },
    position: { type: Number, default: 0 },
  },
  { strict: 'throw', timestamps: true },
);
ticketCategorySchema.index({ guildId: 1, position: 1 });
ticketCategorySchema.index({ guildId: 1, name: 1 }, { unique: true });

export type TicketCategoryDoc = InferSchemaType<typeof ticketCategorySchema>;
export const TicketCategory = model('TicketCategory', ticketCategorySchema);
