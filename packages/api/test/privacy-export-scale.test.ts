// Portability at scale: an export for someone with 1,000 tickets and 50,000 authored messages
// completes, parses, and streams (memory is sampled while it runs; the figures are printed).
// It asserts counts and memory, never time: on a busy machine the export takes minutes, so its
// ceilings are generous and only catch a hang.
import { Ticket, TranscriptMessage } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CEILING_MS = 20 * 60_000;
import { exportUserData } from '../src/services/privacy.js';
import { sealTranscriptContent } from '../src/services/transcripts.js';
import { DEMO, type Harness, setUpDemoGuild, startHarness } from './harness.js';

let h: Harness;
const G = DEMO.guildId;
const USER = DEMO.users.carol;

beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
  const now = Date.now();
  const tickets = Array.from({ length: 1_000 }, (_, i) => ({
    guildId: G,
    number: i + 1,
    openKey: `${G}:scale-${i}`,
    openerId: USER,
    channelId: String(1_700_000_000_000_000_000n + BigInt(i)),
    status: 'closed',
    topic: `Question ${i}`,
    answers: [],
    participantIds: [],
    priority: 'normal',
    openedAt: new Date(now - (1_000 - i) * 3_600_000),
    lastActivityAt: new Date(now),
  }));
  const inserted = await Ticket.collection.insertMany(tickets);
  const ticketIds = Object.values(inserted.insertedIds).map(String);
  for (let batch = 0; batch < 50; batch++) {
    await TranscriptMessage.collection.insertMany(
      Array.from({ length: 1_000 }, (_, k) => {
        const i = batch * 1_000 + k;
        const messageId = String(1_800_000_000_000_000_000n + BigInt(i));
        return {
          _id: messageId,
          guildId: G,
          ticketId: ticketIds[i % 1_000]!,
          channelId: tickets[i % 1_000]!.channelId,
          messageId,
          authorId: USER,
          authorName: 'Carol',
          content: sealTranscriptContent(
            messageId,
            `Message number ${i} with some words to make it realistic.`,
          ),
          attachments: [],
          embedsSummary: [],
          sentAt: new Date(now - i * 1_000),
          expiresAt: new Date(now + 90 * 86_400_000),
          redacted: false,
        };
      }) as never[],
    );
  }
}, CEILING_MS);
afterAll(() => h.stop(), CEILING_MS);

describe('Portability — Request your data in a machine-readable format (at scale)', () => {
  it(
    'exports 1,000 tickets and 50,000 messages as one JSON document, streamed',
    async () => {
      const baseline = process.memoryUsage();
      let peakRss = baseline.rss;
      let peakHeap = baseline.heapUsed;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }, 20);
      const started = performance.now();
      // The chunks are kept (as one string per chunk) so the document can be parsed afterwards; what
      // is measured is the heap beyond them: the export itself must not hold the documents.
      const chunks: string[] = [];
      let bytes = 0;
      let keptChars = 0;
      let peakBeyondKept = 0;
      for await (const chunk of exportUserData(USER, new Date())) {
        bytes += Buffer.byteLength(chunk);
        keptChars += chunk.length;
        chunks.push(chunk);
        if (chunks.length % 1_000 === 0) {
          peakBeyondKept = Math.max(
            peakBeyondKept,
            process.memoryUsage().heapUsed - baseline.heapUsed - keptChars * 2,
          );
        }
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
      console.log(
        `export: ${seconds.toFixed(1)} s, ${mb(bytes)} of JSON, peak RSS ${mb(peakRss)} (baseline ${mb(baseline.rss)}), peak heap ${mb(peakHeap)} (baseline ${mb(baseline.heapUsed)}), heap beyond the kept chunks ${mb(peakBeyondKept)}, ${chunks.length} chunks`,
      );
      const data = JSON.parse(chunks.join(''));
      expect(data.schemaVersion).toBe(1);
      expect(data.ticketsOpened).toHaveLength(1_000);
      expect(data.transcriptMessages).toHaveLength(50_000);
      expect(data.transcriptMessages[0].content).toMatch(/^Message number \d+ with some words/);
      // Streamed: one chunk per document rather than one string at the end.
      expect(chunks.length).toBeGreaterThan(51_000);
      // Flat memory: beyond the chunks this test keeps, the heap grows by at most a few cursor batches
      // (500 documents each), never by the 50,000 documents. (Measured: see the printed figures.)
      expect(peakBeyondKept).toBeLessThan(200 * 1024 * 1024);
    },
    CEILING_MS,
  );
});
