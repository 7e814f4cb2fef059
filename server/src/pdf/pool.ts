// Renders PDFs on worker threads, so that a long run (10,000 invoices) uses every core: rendering
// is CPU work that would otherwise queue behind itself on the main thread while the database
// waits. Jobs go to the least busy worker; a worker that fails a job answers with the error. The
// functions must take plain data (Dates, arrays, objects), as they cross to the worker by copy.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Renderers } from './pool.renderers.ts';

export interface PdfPool {
  render<K extends keyof Renderers>(kind: K, ...args: Parameters<Renderers[K]>): Promise<Buffer>;
  close(): Promise<void>;
}

interface Pending { resolve(pdf: Buffer): void; reject(error: Error): void }
interface Thread { worker: Worker; ready: Promise<void>; pending: Map<number, Pending> }

/** A pool of `size` workers (default: one per core). */
export function createPdfPool(size = availableParallelism()): PdfPool {
  let next = 0;
  const threads: Thread[] = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(new URL('./pool.worker.js', import.meta.url));
    const pending = new Map<number, Pending>();
    let started!: () => void;
    const ready = new Promise<void>((resolve) => { started = resolve; });
    worker.on('message', (message: { ready?: true; id: number; pdf?: Uint8Array; error?: string }) => {
      if (message.ready) return started();
      const job = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined || !message.pdf) job?.reject(new Error(`PDF worker: ${message.error}`));
      else job?.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength));
    });
    worker.on('error', (error) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
    worker.unref();
    return { worker, ready, pending };
  });

  return {
    async render(kind, ...args) {
      const thread = threads.reduce((least, t) => (t.pending.size < least.pending.size ? t : least));
      const id = ++next;
      const done = new Promise<Buffer>((resolve, reject) => thread.pending.set(id, { resolve, reject }));
      await thread.ready;
      thread.worker.postMessage({ id, kind, args });
      return done;
    },
    async close() {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
