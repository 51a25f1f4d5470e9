/**
 * What every reader produces and the extractor consumes: a document as a sequence of blocks with
 * the line (text), paragraph (DOCX) or row (XLSX) where each starts. The text reader, the DOCX reader
 * and the XLSX reader differ only in how they get here.
 */
export type DocumentBlock = ParagraphBlock | TableBlock;

export interface ParagraphBlock {
  type: 'paragraph';
  /** 1-based source line (text), paragraph index (DOCX) or row index (XLSX). */
  line: number;
  text: string;
}

export interface TableBlock {
  type: 'table';
  line: number;
  /** Each row's cells as plain text (HTML and LaTeX already reduced), with the row's source line. */
  rows: { line: number; cells: string[] }[];
  /** The sheet or appendix title, when the source names it. */
  title?: string;
}

export interface DocumentModel {
  /** File name or other label, for messages. */
  source: string;
  blocks: DocumentBlock[];
}
