import { createCsvEncoder, type CsvColumn, type CsvEncoderOptions } from "./columns";

type Batches<Row> = AsyncIterable<Iterable<Row>> | Iterable<Iterable<Row>>;

function iteratorOf<Row>(
  batches: Batches<Row>,
): AsyncIterator<Iterable<Row>> | Iterator<Iterable<Row>> {
  return Symbol.asyncIterator in batches
    ? batches[Symbol.asyncIterator]()
    : batches[Symbol.iterator]();
}

/**
 * A UTF-8 CSV byte stream for a Response body. Uses web streams (Node 18+ and browsers),
 * not node:stream. Batches (e.g. API pages) are pulled one at a time, only when the client
 * reads, so a slow download does not make us fetch ahead; cancelling the download stops
 * the source via its iterator's `return()`.
 */
export function csvReadableStream<Row>(
  columns: readonly CsvColumn<Row>[],
  batches: Batches<Row>,
  options: CsvEncoderOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = createCsvEncoder(columns, options);
  const utf8 = new TextEncoder();
  const iterator = iteratorOf(batches);

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(utf8.encode(encoder.header()));
      },
      async pull(controller) {
        try {
          // Skip empty batches so each pull delivers bytes or ends the stream.
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              controller.close();
              return;
            }
            const text = encoder.rows(next.value);
            if (text) {
              controller.enqueue(utf8.encode(text));
              return;
            }
          }
        } catch (error) {
          // Let the source clean up (close connections); the stream then errors with the
          // original error, not with whatever the clean-up might throw.
          try {
            await iterator.return?.();
          } catch {
            // ignored: `error` is the one worth reporting
          }
          throw error;
        }
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
