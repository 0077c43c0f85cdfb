import { localDate } from '@efa/domain';
import { germanDate, kindOf, type MonthlyReport, type ReportValue, type ValueKind } from './report.model.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const share = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 3, maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

function formatValue(kind: ValueKind, value: ReportValue): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') {
    const format = { percent, share, euro, days: decimal }[kind as string] ?? number;
    return format.format(value);
  }
  if (value instanceof Date) return germanDate(localDate(value));
  if (kind === 'date') return germanDate(value);
  return value;
}

const NUMERIC: ValueKind[] = ['int', 'percent', 'share', 'euro', 'days'];

/**
 * Printable page: no scripts, only an inline stylesheet (allowed by the CSP's style-src); every
 * value escaped. The print stylesheet sets A4 landscape, repeats table headers on each page
 * and keeps rows and headings together.
 */
const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #111; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
  .meta, .note { color: #444; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .empty { font-style: italic; color: #666; }
  @media print {
    @page { size: A4 landscape; margin: 12mm; }
    body { margin: 0; font-size: 10pt; }
    h2 { break-after: avoid; page-break-after: avoid; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }`;

/** The report as one printable HTML page with German headings. */
export function renderReportHtml(report: MonthlyReport): string {
  const e = escapeHtml;
  const sections = report.sections
    .map((s) => {
      const head = s.columns.map((c) => `<th scope="col">${e(c.label)}</th>`).join('');
      const body = s.rows
        .map(
          (row) =>
            `<tr>${s.columns
              .map((c) => {
                const kind = kindOf(c, row);
                return `<td${NUMERIC.includes(kind) ? ' class="num"' : ''}>${e(formatValue(kind, row[c.key]))}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('\n');
      const table = s.rows.length ? `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>` : `<p class="empty">Keine Einträge.</p>`;
      return `<section id="${e(s.key)}"><h2>${e(s.title)}</h2>${s.note ? `<p class="note">${e(s.note)}</p>` : ''}${table}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Monatsbericht ${report.serviceName}, Stand ${germanDate(report.asOfDate)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${e(`Monatsbericht Nachnutzung: ${report.serviceName}`)}</h1>
<p class="meta">${e(`Stand ${germanDate(report.asOfDate)} · Veränderungen seit ${germanDate(report.sinceDate)} · erstellt ${germanDate(localDate(report.generatedAt))}`)}</p>
</header>
<main>
${sections}
</main>
</body>
</html>
`;
}
