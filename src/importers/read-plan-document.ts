import path from 'node:path';
import { InputError, problem } from '../domain/errors.ts';
import type { DocumentModel } from './document-model.ts';
import { readTextDocument } from './text/read-text-document.ts';
import { assertZipWithinLimits, TooLargeError } from './zip-limits.ts';
import { message, type Message } from '../domain/messages/message.ts';

/** The forms of plan document the importer reads. */
export type PlanDocumentFormat = 'text' | 'docx' | 'xlsx' | 'pdf';

/** Plans beyond this size are not plans; refusing them keeps one upload from exhausting memory. */
export const MAX_PLAN_DOCUMENT_BYTES = 20 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46];

/**
 * Which reader a file needs, judged by its first bytes and then its name: a ZIP is DOCX or XLSX
 * (by the parts it holds, or its extension), "%PDF" is a PDF, anything else must be UTF-8 text
 * (.txt, .md or no extension). Throws an InputError for any other kind of file.
 *
 * @example
 * detectPlanDocumentFormat(bytes, 'ke-hoach.docx') // 'docx'
 */
export function detectPlanDocumentFormat(bytes: Uint8Array, fileName: string): PlanDocumentFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) {
    if (ext === '.docx') return 'docx';
    if (ext === '.xlsx') return 'xlsx';
    // A ZIP's part names are stored uncompressed, so the main part tells DOCX from XLSX.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (head.includes('word/document.xml')) return 'docx';
    if (head.includes('xl/workbook.xml')) return 'xlsx';
    throw unsupported(fileName, message('import.zip_neither_docx_nor_xlsx'));
  }
  if (ext === '.docx' || ext === '.xlsx') {
    throw new InputError(message('import.file_corrupt', { fileName }), [
      problem({ field: 'file' }, message('import.not_valid_file', { ext: ext.slice(1).toUpperCase() })),
    ]);
  }
  if (startsWith(bytes, OLE_MAGIC) || ext === '.doc' || ext === '.xls') {
    throw unsupported(fileName, message('import.legacy_doc_xls_save_as'));
  }
  if (startsWith(bytes, PDF_MAGIC)) return 'pdf';
  if (ext === '.pdf') {
    throw new InputError(message('import.file_corrupt', { fileName }), [problem({ field: 'file' }, message('import.not_valid_pdf_file'))]);
  }
  if (ext === '' || ext === '.txt' || ext === '.md' || ext === '.text' || ext === '.markdown') return 'text';
  throw unsupported(fileName, message('import.unsupported_extension', { ext }));
}

/**
 * Reads a plan document of any supported form into the document model the extractor consumes.
 * Text must be UTF-8 (a BOM is dropped); binary content in a text file is refused with the line
 * where it appears.
 *
 * @example
 * const model = await readPlanDocument(await readFile('004.txt'), '004.txt');
 * const draft = extractPlanDraft(model, resolve);
 */
export async function readPlanDocument(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  if (bytes.byteLength === 0) {
    throw new InputError(message('import.file_empty', { fileName }), [problem({ field: 'file' }, message('import.empty_file'))]);
  }
  if (bytes.byteLength > MAX_PLAN_DOCUMENT_BYTES) {
    throw new TooLargeError(message('import.file_too_large', { fileName }), [
      problem({ field: 'file' }, message('http.file_at_most_megabytes', { megabytes: MAX_PLAN_DOCUMENT_BYTES / 1024 / 1024 })),
    ]);
  }
  const format = detectPlanDocumentFormat(bytes, fileName);
  // Each reader's library (pdf.js, fflate for DOCX, ExcelJS) is loaded only for its own format: a reading
  // worker starts fresh for every upload, and loading all three cost more than reading most plans.
  if (format === 'pdf') return (await import('./pdf/read-pdf-document.ts')).readPdfDocument(bytes, fileName);
  if (format !== 'text') assertZipWithinLimits(bytes, fileName);
  if (format === 'docx') return (await import('./docx/read-docx-document.ts')).readDocxDocument(bytes, fileName);
  if (format === 'xlsx') return (await import('./xlsx/read-xlsx-document.ts')).readXlsxDocument(bytes, fileName);
  return readTextDocument(decodeText(bytes, fileName), fileName);
}

/** UTF-8 text without its BOM, in NFC; refuses invalid UTF-8 and control bytes, naming the line. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError(message('import.file_not_utf_text', { fileName }), [
      problem({ line: lineOfInvalidUtf8(bytes), field: 'file' }, message('import.invalid_utf_byte')),
    ]);
  }
  // Tabs, line breaks and form feeds (page breaks) are text; other control characters mean binary.
  const at = firstControlCharacter(text);
  if (at >= 0) {
    const line = text.slice(0, at).split('\n').length;
    throw new InputError(message('import.file_holds_binary_data', { fileName }), [
      problem({ line, field: 'file' }, message('import.control_character', { text: text.charCodeAt(at).toString(16).padStart(4, '0') })),
    ]);
  }
  return text.normalize('NFC');
}

function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return i;
  }
  return -1;
}

/** The 1-based line of the first byte sequence that is not UTF-8. */
function lineOfInvalidUtf8(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  return lenient.slice(0, Math.max(0, at)).split('\n').length;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function unsupported(fileName: string, reason: Message): InputError {
  return new InputError(message('import.unsupported_file', { fileName }), [problem({ field: 'file' }, reason)]);
}
