// Streams an export (an async generator of JSON text) to the browser as a file download: chunks are
// gathered up to ~64 KiB before they are written, so a large export neither sits in memory whole nor
// goes out as thousands of tiny writes. Stopping the download stops the generator (and its cursors).
const CHUNK_BYTES = 64 * 1024;

export function streamOf(source: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let buffered = '';
      try {
        while (buffered.length < CHUNK_BYTES) {
          const next = await source.next();
          if (next.done) {
            if (buffered) controller.enqueue(encoder.encode(buffered));
            controller.close();
            return;
          }
          buffered += next.value;
        }
        controller.enqueue(encoder.encode(buffered));
      } catch (cause) {
        // A half-written file must not look complete: the download fails instead.
        controller.error(cause);
      }
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

/** A JSON file download that no cache keeps. */
export function jsonDownload(source: AsyncGenerator<string>, fileName: string): Response {
  return new Response(streamOf(source), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}

/** The YYYY-MM-DD of today (UTC), for file names. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
