import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { InputError, problem } from '../domain/errors.ts';
import { message, type Message } from '../domain/messages/message.ts';

export interface ZipLimits {
  readonly maxUnpackedBytes: number;
  readonly maxEntries: number;
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

/**
 * How much an uploaded ZIP (DOCX, XLSX) may unpack to. A real plan's DOCX unpacks to a few MB;
 * the limits sit far above that and far below what would exhaust the server's memory.
 */
export const ZIP_LIMITS: ZipLimits = {
  /** Bytes all entries together may unpack to. */
  maxUnpackedBytes: 100 * 1024 * 1024,
  /** Entries (parts) in the archive. */
  maxEntries: 5_000,
  /** Unpacked ÷ packed size of the whole archive, once it unpacks to more than `ratioFloorBytes`. */
  maxRatio: 200,
  ratioFloorBytes: 10 * 1024 * 1024,
};


/** An upload refused for its size: HTTP answers 413, naming the limit. */
export class TooLargeError extends InputError {
  override name = 'TooLargeError';
}

/**
 * Unpacks every entry of a ZIP as a stream, counting bytes and discarding them, and refuses the
 * archive as soon as it passes a limit — before any parser (the DOCX tree, exceljs) builds it in memory.
 * The sizes an archive declares can lie, so the bytes actually inflated are what is counted.
 *
 * @example
 * assertZipWithinLimits(bytes, 'ke-hoach.docx'); // throws TooLargeError for a decompression bomb
 */
export function assertZipWithinLimits(bytes: Uint8Array, fileName: string, limits: ZipLimits = ZIP_LIMITS): void {
  let entries = 0;
  let unpacked = 0;
  let refusal: TooLargeError | null = null;
  const open: UnzipFile[] = [];

  const refuse = (field: string, said: Message): void => {
    refusal ??= new TooLargeError(message('import.file_unpacks_beyond_limit', { fileName }), [problem({ field }, said)]);
    for (const file of open) file.terminate();
  };

  const unzip = new Unzip((file) => {
    if (refusal) return;
    entries += 1;
    if (entries > limits.maxEntries) {
      refuse('file', message('import.more_than_entries', { maxEntries: limits.maxEntries }));
      return;
    }
    open.push(file);
    file.ondata = (error, chunk) => {
      if (refusal) return;
      if (error) {
        refusal = corrupt(fileName, `${file.name}: ${error.message}`);
        return;
      }
      unpacked += chunk.byteLength;
      if (unpacked > limits.maxUnpackedBytes) {
        refuse('file', message('import.unpacks_beyond', { mb: mb(limits.maxUnpackedBytes) }));
      } else if (unpacked > limits.ratioFloorBytes && unpacked / bytes.byteLength > limits.maxRatio) {
        refuse('file', message('import.compression_ratio_above', { maxRatio: limits.maxRatio }));
      }
    };
    try {
      file.start();
    } catch (error) {
      // An entry compressed with a method we cannot inflate (not stored or deflate) is not an Office file.
      refusal ??= corrupt(fileName, `${file.name}: ${(error as Error).message}`);
    }
  });
  unzip.register(UnzipInflate);

  // Feed the archive in slices so a refusal stops the work early instead of after inflating it all.
  const slice = 64 * 1024;
  try {
    for (let at = 0; at < bytes.byteLength && !refusal; at += slice) {
      const end = Math.min(at + slice, bytes.byteLength);
      unzip.push(bytes.subarray(at, end), end === bytes.byteLength);
    }
  } catch (error) {
    refusal ??= corrupt(fileName, (error as Error).message);
  }
  if (refusal) throw refusal;
}

function corrupt(fileName: string, reason: string): InputError {
  return new InputError(message('import.file_corrupt', { fileName }), [problem({ field: 'file' }, message('import.unreadable_zip', { reason }))]);
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
