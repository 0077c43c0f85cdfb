import ExcelJS from 'exceljs';
import { germanDate, kindOf, type MonthlyReport, type ReportValue, type ValueKind } from './report.model.js';

const FORMATS: Partial<Record<ValueKind, string>> = { int: '#,##0', percent: '0.0%', share: '0.000%', euro: '#,##0.00', days: '0.0', date: 'dd.mm.yyyy', dateTime: 'dd.mm.yyyy' };

/** A cell value for Excel: calendar dates become dates (UTC midnight, shown without time). */
function cellValue(kind: ValueKind, value: ReportValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  return value;
}

/** Worksheet names: at most 31 characters, none of []:*?/\ */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** The report as an XLSX workbook: one worksheet per section, header row frozen, typed and formatted cells. */
export async function renderReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'EfA Rollout';
  wb.created = report.generatedAt;
  wb.title = `Monatsbericht ${report.serviceName}, Stand ${germanDate(report.asOfDate)}`;
  for (const section of report.sections) {
    const ws = wb.addWorksheet(sheetName(section.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = section.columns.map((c) => ({ header: c.label, key: c.key, width: Math.max(12, Math.min(50, c.label.length + 4)) }));
    ws.getRow(1).font = { bold: true };
    for (const row of section.rows) {
      const added = ws.addRow(Object.fromEntries(section.columns.map((c) => [c.key, cellValue(kindOf(c, row), row[c.key])])));
      section.columns.forEach((c, i) => {
        const format = FORMATS[kindOf(c, row)];
        if (format) added.getCell(i + 1).numFmt = format;
      });
    }
    if (section.note) {
      ws.addRow([]);
      ws.addRow([section.note]).font = { italic: true };
    }
  }
  const info = wb.addWorksheet('Info');
  info.addRows([
    ['Monatsbericht Nachnutzung', report.serviceName],
    ['Stand', germanDate(report.asOfDate)],
    ['Veränderungen seit', germanDate(report.sinceDate)],
    ['Erstellt', report.generatedAt.toISOString()],
  ]);
  info.getColumn(1).width = 24;
  info.getColumn(2).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
