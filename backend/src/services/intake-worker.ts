/**
 * The intake worker thread: runs `intake()` (decoding, HTML and .docx parsing, cleaning, segmentation) and the
 * interchange readers (TMX, TBX/CSV, XLIFF: decoding and parsing into plain data) for the pool in intake-pool.ts, so
 * no document ever holds the server's event loop. Coded errors come back as values, because a thrown error loses its
 * code and status on the way between threads.
 */
import type { MessagePort } from 'node:worker_threads';
import { isCodedError } from '../errors.ts';
import { readInterchangeFile, type InterchangeFormat, type InterchangeResult } from '../interchange/read.ts';
import { intake, type IntakeInput, type IntakeResult } from '../text/intake.ts';

export type WorkerAnswer<T = IntakeResult> = { ok: true; result: T } | { ok: false; code: string; statusCode: number; message: string };

export interface WorkerTask {
  input: IntakeInput;
  /** Told when this document starts, so its time budget counts neither the queue nor the thread's start-up. */
  started: MessagePort;
}

/** Tell the pool the document is taken (its time budget starts now). */
function begin(started: MessagePort): void {
  started.postMessage('started');
  started.close();
}

/** A coded error as a value; anything else is thrown (a bug, reported by the pool as it is). */
function refusal(err: unknown): WorkerAnswer<never> {
  if (isCodedError(err)) return { ok: false, code: err.code, statusCode: err.statusCode ?? 400, message: err.message };
  throw err;
}

export default async function runIntake({ input, started }: WorkerTask): Promise<WorkerAnswer> {
  begin(started);
  // A Buffer arrives as a plain Uint8Array; intake's readers want a Buffer over the same bytes.
  const file = input.file ? { ...input.file, data: Buffer.from(input.file.data.buffer, input.file.data.byteOffset, input.file.data.byteLength) } : undefined;
  try {
    return { ok: true, result: await intake({ ...input, file }) };
  } catch (err) {
    return refusal(err);
  }
}

export interface InterchangeTask<F extends InterchangeFormat = InterchangeFormat> {
  format: F;
  input: string | Uint8Array;
  started: MessagePort;
}

/** Piscina runs this by name (`{ name: 'readInterchange' }`): one interchange file read into plain data. */
export function readInterchange<F extends InterchangeFormat>({ format, input, started }: InterchangeTask<F>): WorkerAnswer<InterchangeResult<F>> {
  begin(started);
  try {
    return { ok: true, result: readInterchangeFile(format, input) };
  } catch (err) {
    return refusal(err);
  }
}
