// Custom ids of the buttons, selects and modals TicketByte posts. Short, versioned and parseable
// (`tb:<action>:v1:<arg>`); they route a click to its handler and are never trusted for
// authorization — every action is checked again by the procedure it calls.
export const CUSTOM_ID_ACTIONS = [
  'open', // panel button: arg = category id
  'open-select', // panel select menu: arg = panel id, values = category ids
  'open-form', // opening-questions modal: arg = category id
  'claim',
  'close', // asks for a reason (staff) or for confirmation (opener)
  'close-form', // close-reason modal
  'close-confirm', // opener confirmed closing
  'close-accept', // opener accepted a staff close request
  'close-deny', // opener denied a staff close request
  'reopen',
  'transcript',
  'delete',
] as const;
export type CustomIdAction = (typeof CUSTOM_ID_ACTIONS)[number];

export function customId(action: CustomIdAction, arg: string): string {
  return `tb:${action}:v1:${arg}`;
}

export function parseCustomId(id: string): { action: CustomIdAction; arg: string } | null {
  const match = /^tb:([a-z-]+):v1:([A-Za-z0-9_-]{1,64})$/.exec(id);
  if (!match || !(CUSTOM_ID_ACTIONS as readonly string[]).includes(match[1]!)) return null;
  return { action: match[1] as CustomIdAction, arg: match[2]! };
}
