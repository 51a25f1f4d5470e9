import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import type { DocumentModel } from '../importers/document-model.ts';

/**
 * Writes a document model as a DOCX: paragraphs as paragraphs, tables as Word tables (a cell's
 * lines as separate paragraphs). Tests use it to turn the seeds' appendices into real DOCX files at
 * run time; it is also the simplest way to hand a plan back to people who work in Word.
 *
 * @example
 * const bytes = await docxFromModel(readTextDocument(text, '004.txt'));
 */
export async function docxFromModel(model: DocumentModel): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  for (const block of model.blocks) {
    if (block.type === 'paragraph') {
      children.push(new Paragraph({ text: block.text }));
      continue;
    }
    const width = Math.max(1, ...block.rows.map((r) => r.cells.length));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: block.rows.map(
          (row) =>
            new TableRow({
              children: Array.from({ length: width }, (_, i) => row.cells[i] ?? '').map(
                (cell) => new TableCell({ children: cell.split('\n').map((line) => new Paragraph({ text: line })) }),
              ),
            }),
        ),
      }),
    );
    // Word merges adjacent tables; a paragraph between them keeps each appendix its own table.
    children.push(new Paragraph({ text: '' }));
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
