import { constants, crc32, deflateRawSync } from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * A deflated ZIP entry whose chunks are compressed by Node's zlib, each on its own and ended on a
 * byte boundary (a sync flush), so the deflated chunks concatenate into one valid stream. A bomb
 * repeats one chunk hundreds of times: it is compressed once and its output repeated, where fflate's
 * JavaScript deflate took about 13 ms per MB (seconds per bomb); the CRC is zlib's too. The archive
 * is the same fflate ZIP (headers, sizes, CRC), and it inflates to the same bytes.
 */
class ZipZlibDeflate extends ZipPassThrough {
  private readonly deflated = new WeakMap<Uint8Array, Uint8Array<ArrayBuffer>>();
  private crcSoFar = 0;

  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override push(chunk: Uint8Array, final = false): void {
    this.crcSoFar = crc32(chunk, this.crcSoFar);
    this.size += chunk.length;
    if (final) this.crc = this.crcSoFar;
    this.process(chunk, final);
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    let out = this.deflated.get(chunk);
    if (!out) {
      out = new Uint8Array(deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
      this.deflated.set(chunk, out);
    }
    this.ondata(null, out, false);
    // The stream's last block: an empty final one.
    if (final) this.ondata(null, new Uint8Array(deflateRawSync(new Uint8Array(0))), true);
  }
}

/**
 * A ZIP made by streaming: each entry's content is produced chunk by chunk and deflated as it goes,
 * so a test can build an archive that unpacks to hundreds of MB without ever holding them.
 */
export function streamedZip(entries: { name: string; chunks: () => Iterable<Uint8Array>; stored?: boolean }[]): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  for (const entry of entries) {
    const file = entry.stored ? new ZipPassThrough(entry.name) : new ZipZlibDeflate(entry.name);
    zip.add(file);
    let previous: Uint8Array | null = null;
    for (const chunk of entry.chunks()) {
      if (previous) file.push(previous);
      previous = chunk;
    }
    file.push(previous ?? new Uint8Array(0), true);
  }
  zip.end();
  return Buffer.concat(out);
}

const encoder = new TextEncoder();

/** `count` chunks of `size` bytes of one repeated letter: what a bomb's single text run is made of. */
export function* repeatedText(size: number, count: number): Iterable<Uint8Array> {
  const chunk = encoder.encode('a'.repeat(size));
  for (let i = 0; i < count; i++) yield chunk;
}

/** A DOCX whose document.xml holds one `<w:t>` run of `megabytes` MB of text. */
export function docxBomb(megabytes: number): Uint8Array {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  return streamedZip([
    { name: '[Content_Types].xml', chunks: () => [encoder.encode(types)] },
    {
      name: 'word/document.xml',
      chunks: function* () {
        yield encoder.encode('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>');
        yield* repeatedText(1024 * 1024, megabytes);
        yield encoder.encode('</w:t></w:r></w:p></w:body></w:document>');
      },
    },
  ]);
}

/** An XLSX whose first sheet's XML is `megabytes` MB of one inline string. */
export function xlsxBomb(megabytes: number): Uint8Array {
  return streamedZip([
    { name: '[Content_Types].xml', chunks: () => [encoder.encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')] },
    { name: 'xl/workbook.xml', chunks: () => [encoder.encode('<?xml version="1.0"?><workbook/>')] },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: function* () {
        yield encoder.encode('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>');
        yield* repeatedText(1024 * 1024, megabytes);
        yield encoder.encode('</t></is></c></row></sheetData></worksheet>');
      },
    },
  ]);
}
