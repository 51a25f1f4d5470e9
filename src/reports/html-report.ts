import type { OfficialReport } from './official-report.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The same document as HTML with print CSS in the decree's layout (A4, margins 20/20/30/15 mm,
 * Times New Roman 14pt), for the PDF and for a browser preview.
 */
export function renderHtml(report: OfficialReport): string {
  const sections = report.sections
    .map((s) => {
      if (s.kind === 'paragraphs') return `<h2>${escape(s.heading)}</h2>${s.paragraphs.map((p) => `<p class="indent">${escape(p)}</p>`).join('')}`;
      const total = s.widths.reduce((a, b) => a + b, 0);
      return `<h2>${escape(s.heading)}</h2>${s.note ? `<p class="indent">${escape(s.note)}</p>` : ''}
<table class="data"><colgroup>${s.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('')}</colgroup>
<thead><tr>${s.columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead>
<tbody>${s.rows.map((r) => `<tr>${r.map((c, i) => `<td class="${i === 1 ? 'left' : ''}">${escape(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escape(report.title)} ${escape(report.subject)}</title>
<style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', 'Liberation Serif', Tinos, serif; font-size: 14pt; line-height: 1.3; margin: 0; color: #000; }
table.head, table.foot { width: 100%; border-collapse: collapse; }
table.head td, table.foot td { vertical-align: top; text-align: center; padding: 0; }
.caps { text-transform: none; font-size: 13pt; }
.b { font-weight: bold; }
.i { font-style: italic; }
.rule { margin: 3pt auto 6pt; border-top: 1px solid #000; height: 0; }
h1 { font-size: 14pt; text-align: center; margin: 18pt 0 0; }
.subject { text-align: center; font-weight: bold; margin: 0 0 12pt; }
h2 { font-size: 14pt; margin: 10pt 0 4pt; }
p { margin: 0 0 4pt; text-align: justify; }
p.indent { text-indent: 10mm; }
table.data { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 4pt 0 8pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; text-align: center; vertical-align: middle; }
table.data td.left { text-align: left; }
table.data tr { page-break-inside: avoid; }
.recipients { text-align: left; font-size: 11pt; }
.recipients .label { font-size: 12pt; font-weight: bold; font-style: italic; }
.sign { height: 80pt; }
</style></head><body>
<table class="head"><tr>
<td style="width:40%">${report.issuer.parent ? `<div class="caps">${escape(report.issuer.parent)}</div>` : ''}<div class="caps b">${escape(report.issuer.name)}</div><div class="rule" style="width:35%"></div><div class="caps">${escape(report.numberLine)}</div></td>
<td><div class="caps b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b">Độc lập - Tự do - Hạnh phúc</div><div class="rule" style="width:55%"></div><div class="i">${escape(report.placeDate)}</div></td>
</tr></table>
<h1>${escape(report.title)}</h1>
<div class="subject">${escape(report.subject)}<div class="rule" style="width:25%;margin-top:4pt"></div></div>
<p class="indent">${escape(report.intro)}</p>
${sections}
<table class="foot" style="margin-top:12pt"><tr>
<td class="recipients" style="width:50%"><div class="label">Nơi nhận:</div>${report.recipients.map((r) => `<div>- ${escape(r)}</div>`).join('')}</td>
<td>${report.signature.authority ? `<div class="b">${escape(report.signature.authority)}</div>` : ''}<div class="b">${escape(report.signature.position)}</div><div class="sign"></div><div class="b">${escape(report.signature.signer ?? '')}</div></td>
</tr></table>
</body></html>`;
}
