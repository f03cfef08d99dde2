/**
 * The ZIP container of .docx files, read from its central directory so that sizes are known before anything is
 * inflated, inflated under a byte budget, and written back uncompressed. Pure (node:zlib only); imports nothing.
 */
import { constants } from 'node:buffer';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** What the directory says; a hostile archive may lie, so inflating never trusts it. */
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** ZIP64 marks sizes and counts that do not fit in the classic fields; no .docx within our limits needs it. */
const ZIP64_SIZE = 0xffffffff;

/** Thrown for bytes that are not a readable ZIP archive. */
export class ZipFormatError extends Error {}

/**
 * The entries listed in the central directory, without inflating anything.
 * @throws ZipFormatError when there is no end-of-central-directory record or an entry header is broken.
 */
export function zipDirectory(buf: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a ZIP archive: no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError(`bad central directory entry at byte ${p}`);
    const nameLen = buf.readUInt16LE(p + 28);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** True when the directory uses ZIP64 markers (sizes or offsets over 4 GB, or more than 65,535 entries). */
export function usesZip64(entries: readonly ZipEntry[]): boolean {
  return entries.some((e) => e.compressedSize === ZIP64_SIZE || e.uncompressedSize === ZIP64_SIZE || e.localOffset === ZIP64_SIZE);
}

/** Thrown when an entry inflates past `maxBytes` (its stated size or the caller's budget). */
export class ZipInflateLimitError extends Error {
  constructor(
    readonly entry: string,
    readonly maxBytes: number,
  ) {
    super(`${entry} inflates past ${maxBytes} bytes`);
  }
}

/**
 * One entry's bytes, inflated with zlib's `maxOutputLength`: inflating stops as soon as the output passes
 * `maxBytes`, so an entry whose directory lies about its size costs at most that much memory.
 * @throws ZipInflateLimitError past `maxBytes`; ZipFormatError for broken headers or deflate data.
 */
export function readZipEntry(buf: Buffer, entry: ZipEntry, maxBytes = Number.MAX_SAFE_INTEGER): Buffer {
  const local = entry.localOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const raw = buf.subarray(dataAt, dataAt + entry.compressedSize);
  if (entry.method === 0) {
    if (raw.length > maxBytes) throw new ZipInflateLimitError(entry.name, maxBytes);
    return Buffer.from(raw);
  }
  if (entry.method !== 8) throw new ZipFormatError(`unsupported compression method ${entry.method} for ${entry.name}`);
  let out: Buffer;
  try {
    // One byte over the limit is enough to know it was passed (and maxOutputLength must be at least 1).
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(maxBytes + 1, constants.MAX_LENGTH)) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipInflateLimitError(entry.name, maxBytes);
    throw new ZipFormatError(`${entry.name}: ${(err as Error).message}`);
  }
  if (out.length > maxBytes) throw new ZipInflateLimitError(entry.name, maxBytes);
  return out;
}

/**
 * Every entry of a ZIP archive by name, with no limits: for archives the workbench wrote itself (tests read exports).
 * @example unzip(await Packer.toBuffer(doc)).get('word/document.xml')
 */
export function unzip(buf: Buffer): Map<string, Buffer> {
  return new Map(zipDirectory(buf).map((e) => [e.name, readZipEntry(buf, e)]));
}

/** An uncompressed ZIP archive of `files`, so a reader that inflates (mammoth's JSZip) has nothing left to inflate. */
export function storedZip(files: ReadonlyMap<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
