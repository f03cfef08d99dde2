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
  /**
   * Told 'started' when this document starts (its time budget counts neither the queue nor the thread's start-up),
   * then the pieces of long lists (WorkerPiece), then 'done'.
   */
  started: MessagePort;
}

/** Long lists in an answer travel in pieces of this many items (see `answer`). */
const PIECE = 2_000;

/**
 * Run `work` for the pool: tell it the document is taken (its time budget starts now), and at the end that all is
 * sent. Lists longer than PIECE leave the answer and go as pieces through the same port, each its own message, so
 * the server's event loop unpacks tens of thousands of units a piece per turn rather than all in one go.
 */
async function answer<T extends object>(port: MessagePort, work: () => T | Promise<T>): Promise<WorkerAnswer<T>> {
  port.postMessage('started');
  try {
    const result = await work();
    for (const [key, value] of Object.entries(result)) {
      if (!Array.isArray(value) || value.length <= PIECE) continue;
      for (let i = 0; i < value.length; i += PIECE) port.postMessage({ key, items: value.slice(i, i + PIECE) } satisfies WorkerPiece);
      (result as Record<string, unknown>)[key] = [];
    }
    return { ok: true, result };
  } catch (err) {
    return refusal(err);
  } finally {
    port.postMessage('done');
    port.close();
  }
}

/** A piece of a long list of an answer: its items go at the end of `answer[key]`, in the order the pieces come. */
export interface WorkerPiece {
  key: string;
  items: unknown[];
}

/** A coded error as a value; anything else is thrown (a bug, reported by the pool as it is). */
function refusal(err: unknown): WorkerAnswer<never> {
  if (isCodedError(err)) return { ok: false, code: err.code, statusCode: err.statusCode ?? 400, message: err.message };
  throw err;
}

export default function runIntake({ input, started }: WorkerTask): Promise<WorkerAnswer> {
  // A Buffer arrives as a plain Uint8Array; intake's readers want a Buffer over the same bytes.
  const file = input.file ? { ...input.file, data: Buffer.from(input.file.data.buffer, input.file.data.byteOffset, input.file.data.byteLength) } : undefined;
  return answer(started, () => intake({ ...input, file }));
}

export interface InterchangeTask<F extends InterchangeFormat = InterchangeFormat> {
  format: F;
  input: string | Uint8Array;
  started: MessagePort;
}

/** Piscina runs this by name (`{ name: 'readInterchange' }`): one interchange file read into plain data. */
export function readInterchange<F extends InterchangeFormat>({ format, input, started }: InterchangeTask<F>): Promise<WorkerAnswer<InterchangeResult<F>>> {
  return answer(started, () => readInterchangeFile(format, input));
}
