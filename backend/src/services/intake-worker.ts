/**
 * The intake worker thread: runs `intake()` (decoding, HTML and .docx parsing, cleaning, segmentation) for the pool
 * in intake-pool.ts, so no document ever holds the server's event loop. Coded errors come back as values, because
 * a thrown error loses its code and status on the way between threads.
 */
import type { MessagePort } from 'node:worker_threads';
import { isCodedError } from '../errors.ts';
import { intake, type IntakeInput, type IntakeResult } from '../text/intake.ts';

export type WorkerAnswer = { ok: true; result: IntakeResult } | { ok: false; code: string; statusCode: number; message: string };

export interface WorkerTask {
  input: IntakeInput;
  /** Told when this document starts, so its time budget counts neither the queue nor the thread's start-up. */
  started: MessagePort;
}

export default async function runIntake({ input, started }: WorkerTask): Promise<WorkerAnswer> {
  started.postMessage('started');
  started.close();
  // A Buffer arrives as a plain Uint8Array; intake's readers want a Buffer over the same bytes.
  const file = input.file ? { ...input.file, data: Buffer.from(input.file.data.buffer, input.file.data.byteOffset, input.file.data.byteLength) } : undefined;
  try {
    return { ok: true, result: await intake({ ...input, file }) };
  } catch (err) {
    if (isCodedError(err)) return { ok: false, code: err.code, statusCode: err.statusCode ?? 400, message: err.message };
    throw err;
  }
}
