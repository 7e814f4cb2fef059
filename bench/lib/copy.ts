// `COPY … FROM STDIN` through node-postgres without pg-copy-streams (not a dependency): a query
// object that pg's client submits and drives through the copy sub-protocol itself — the
// statement, then on CopyInResponse the data as CopyData messages and CopyDone — the way
// pg-copy-streams does. For benchmarks' baselines: the fastest way rows get into a table.
import type pg from 'pg';

/** The parts of pg's (undocumented, stable) connection object that the copy protocol needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const CHUNK_BYTES = 64 * 1024;

/** Runs `statement` (a `COPY … FROM STDIN`) on `client` with `data` in COPY's text format; resolves to the number of rows copied. */
export function copyFrom(client: pg.ClientBase, statement: string, data: string | Buffer): Promise<number> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed = false;
    const query = {
      submit(connection: CopyConnection) { connection.query(statement); },
      handleCopyInResponse(connection: CopyConnection) {
        for (let at = 0; at < bytes.length; at += CHUNK_BYTES) connection.sendCopyFromChunk(bytes.subarray(at, at + CHUNK_BYTES));
        connection.endCopyFrom();
      },
      handleCommandComplete(message: { text?: string }) { rows = Number(/COPY (\d+)/.exec(message.text ?? '')?.[1] ?? 0); },
      // pg forgets the query on an error (no ReadyForQuery reaches it afterwards): settle here.
      handleError(error: Error) { failed = true; reject(error); },
      handleReadyForQuery() { if (!failed) resolve(rows); },
      handleRowDescription() {}, handleDataRow() {}, handleEmptyQuery() {}, handlePortalSuspended() {}, handleCopyData() {},
    };
    void client.query(query as never);
  });
}
