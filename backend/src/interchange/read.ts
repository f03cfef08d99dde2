/**
 * The interchange readers by format, for the intake worker threads (services/intake-pool.ts) and for callers that
 * read in their own thread (tests, small files): bytes or text in, plain data out. Pure.
 */
import { readTermsFile } from './terms-file.ts';
import { parseTmx } from './tmx.ts';
import { parseXliff } from './xliff.ts';

const READERS = { tmx: parseTmx, terms: readTermsFile, xliff: parseXliff };

export type InterchangeFormat = keyof typeof READERS;
export type InterchangeResult<F extends InterchangeFormat> = ReturnType<(typeof READERS)[F]>;

/** Reads a file of one interchange format; a service takes one of these so the routes can read in a worker thread. */
export type InterchangeReader = <F extends InterchangeFormat>(format: F, input: string | Uint8Array) => Promise<InterchangeResult<F>>;

/** Read `input` as `format` (throws the readers' coded errors). */
export function readInterchangeFile<F extends InterchangeFormat>(format: F, input: string | Uint8Array): InterchangeResult<F> {
  return READERS[format](input) as InterchangeResult<F>;
}

/** Reading in the calling thread: for tests and callers without the worker pool. */
export const readInThisThread: InterchangeReader = async (format, input) => readInterchangeFile(format, input);
