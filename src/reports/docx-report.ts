import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { OfficialReport, ReportSection } from './official-report.ts';

/** A4 in twips, as Nghị định 30/2020 requires. */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
const FONT = 'Times New Roman';
// Half-points: body 14pt, tables 12pt, the recipients block 11–12pt, as the decree's appendix sets.
const BODY = 28;
const SMALL = 24;
const TINY = 22;
/** Margins in twips (1 mm = 56.7 twips, rounded): top and bottom 20 mm, left 30 mm, right 15 mm. */
export const MARGINS_TWIPS = { top: 1134, bottom: 1134, left: 1701, right: 850 } as const;
const CONTENT_WIDTH = A4_TWIPS.width - MARGINS_TWIPS.left - MARGINS_TWIPS.right;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function run(text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold ?? false, italics: o.italics ?? false });
}

function para(children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 60, line: 276 },
    ...(o.indent ? { indent: { firstLine: convertMillimetersToTwip(10) } } : {}),
  });
}

function header(report: OfficialReport): Table {
  const left = [
    ...(report.issuer.parent ? [para([run(report.issuer.parent, { size: 26 })], { align: AlignmentType.CENTER, after: 0 })] : []),
    para([run(report.issuer.name, { bold: true, size: 26 })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('───────', { size: 26 })], { align: AlignmentType.CENTER, after: 120 }),
    para([run(report.numberLine, { size: 26 })], { align: AlignmentType.CENTER }),
  ];
  const right = [
    para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 26 })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: BODY })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('───────────────', { size: BODY })], { align: AlignmentType.CENTER, after: 120 }),
    para([run(report.placeDate, { italics: true, size: BODY })], { align: AlignmentType.CENTER }),
  ];
  const leftWidth = Math.round(CONTENT_WIDTH * 0.4);
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, CONTENT_WIDTH - leftWidth],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: left, width: { size: leftWidth, type: WidthType.DXA }, borders: NO_BORDERS }),
          new TableCell({ children: right, width: { size: CONTENT_WIDTH - leftWidth, type: WidthType.DXA }, borders: NO_BORDERS }),
        ],
      }),
    ],
  });
}

function dataTable(section: Extract<ReportSection, { kind: 'table' }>): Table {
  const total = section.widths.reduce((a, b) => a + b, 0);
  const widths = section.widths.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 1000, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        para([run(text, { bold: head, size: SMALL })], {
          align: head || i === 0 || (i >= 2 && i !== 1) ? AlignmentType.CENTER : AlignmentType.LEFT,
          after: 0,
        }),
      ],
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: section.columns.map((c, i) => cell(c, i, true)) }),
      ...section.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function footer(report: OfficialReport): Table {
  const leftWidth = Math.round(CONTENT_WIDTH * 0.5);
  const left = [
    para([run('Nơi nhận:', { bold: true, italics: true, size: SMALL })], { align: AlignmentType.LEFT, after: 0 }),
    ...report.recipients.map((r) => para([run(`- ${r}`, { size: TINY })], { align: AlignmentType.LEFT, after: 0 })),
  ];
  const right = [
    ...(report.signature.authority ? [para([run(report.signature.authority, { bold: true })], { align: AlignmentType.CENTER, after: 0 })] : []),
    para([run(report.signature.position, { bold: true })], { align: AlignmentType.CENTER, after: 1400 }),
    para([run(report.signature.signer ?? '', { bold: true })], { align: AlignmentType.CENTER }),
  ];
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, CONTENT_WIDTH - leftWidth],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: left, width: { size: leftWidth, type: WidthType.DXA }, borders: NO_BORDERS }),
          new TableCell({ children: right, width: { size: CONTENT_WIDTH - leftWidth, type: WidthType.DXA }, borders: NO_BORDERS }),
        ],
      }),
    ],
  });
}

/**
 * Renders the report as DOCX in the layout of Nghị định 30/2020/NĐ-CP: A4, Times New Roman, margins
 * top/bottom 20 mm, left 30 mm, right 15 mm; issuer and national motto side by side; number and
 * symbol; place and date in italics; title and subject; the body; recipients bottom-left and the
 * signature block bottom-right.
 *
 * @example const bytes = await renderDocx(officialReportOf(content, facts));
 */
export async function renderDocx(report: OfficialReport): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    header(report),
    para([run(report.title, { bold: true })], { align: AlignmentType.CENTER, before: 360, after: 0 }),
    para([run(report.subject, { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('──────────', { size: BODY })], { align: AlignmentType.CENTER, after: 240 }),
    para([run(report.intro)], { indent: true }),
  ];
  for (const section of report.sections) {
    body.push(para([run(section.heading, { bold: true })], { before: 200, align: AlignmentType.LEFT }));
    if (section.kind === 'table') {
      if (section.note) body.push(para([run(section.note)], { indent: true }));
      body.push(dataTable(section));
    } else {
      for (const p of section.paragraphs) body.push(para([run(p)], { indent: true }));
    }
  }
  body.push(para([run('')], { after: 240 }), footer(report));
  const doc = new Document({
    creator: 'Theo Dõi',
    title: `${report.title} ${report.subject}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_TWIPS.width, height: A4_TWIPS.height },
            margin: { ...MARGINS_TWIPS },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
