// Log-channel entries, merged while a post to the same channel is waiting or in flight. A log
// channel's bucket allows 5 messages per 5 s and every message takes a slot of the bot's global
// 50 requests/s, which the ticket channels members are waiting for need too. Posts are marked
// background, so a bot that schedules its requests (the bot's ScheduledRest) sends them after
// members' tickets; entries that arrive meanwhile queue here and go out together as one message of
// up to 10 embeds (the most Discord allows), in order. An entry with files (a transcript) goes in a
// message of its own. Nothing waits on a timer: a quiet channel's entry is posted at once.
import type { DiscordPort, MessageBody, MessageFile } from '../discord/port.js';

const MAX_EMBEDS_PER_MESSAGE = 10;

interface QueuedEntry {
  discord: DiscordPort;
  body: MessageBody;
  files: MessageFile[] | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const queues = new Map<string, QueuedEntry[]>();

/** Posts `body` (an entry of embeds) to the log channel; resolves once it is on Discord. */
export function postLogEntry(
  discord: DiscordPort,
  channelId: string,
  body: MessageBody,
  files?: MessageFile[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = queues.get(channelId);
    const entry = { discord, body, files, resolve, reject };
    if (queue) {
      queue.push(entry);
      return;
    }
    queues.set(channelId, [entry]);
    void drain(channelId);
  });
}

/** The next message: the first entry, plus the file-less entries after it that fit. */
function takeBatch(queue: QueuedEntry[]): QueuedEntry[] {
  const first = queue.shift()!;
  const batch = [first];
  if (first.files?.length) return batch;
  let embeds = first.body.embeds?.length ?? 0;
  while (queue.length > 0) {
    const next = queue[0]!;
    const size = next.body.embeds?.length ?? 0;
    if (next.files?.length || next.body.content || embeds + size > MAX_EMBEDS_PER_MESSAGE) break;
    embeds += size;
    batch.push(queue.shift()!);
  }
  return batch;
}

async function drain(channelId: string): Promise<void> {
  const queue = queues.get(channelId)!;
  while (queue.length > 0) {
    const batch = takeBatch(queue);
    const [first] = batch as [QueuedEntry];
    const body: MessageBody =
      batch.length === 1 ? first.body : { ...first.body, embeds: batch.flatMap((e) => e.body.embeds ?? []) };
    try {
      await first.discord.sendMessage(channelId, body, first.files, { background: true });
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
  queues.delete(channelId);
}
