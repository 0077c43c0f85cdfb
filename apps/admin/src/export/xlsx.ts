import ExcelJS from 'exceljs';
import { columnWidths, xlsxDateFormat, xlsxValue, type ExportLocale, type ExportTable } from './logic';

/**
 * The XLSX writer: exceljs's browser build, in a chunk of its own that is
 * loaded only when someone exports XLSX (run.ts imports this module
 * dynamically; vite.config.ts keeps exceljs out of the start-up chunks).
 * One sheet: bold header row, frozen, with an auto filter; dates as real
 * date cells, numbers as numbers with their format; column widths from the
 * content.
 */
export async function writeXlsx(table: ExportTable, options: { sheetName: string; locale: ExportLocale; yesNo: { yes: string; no: string } }): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EfA Rollout';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const widths = columnWidths(table, options.locale, options.yesNo);
  sheet.columns = table.columns.map((column, i) => ({
    key: column.key,
    width: widths[i],
    style:
      column.kind === 'date' || column.kind === 'datetime'
        ? { numFmt: xlsxDateFormat(column.kind, options.locale) }
        : column.numFmt
          ? { numFmt: column.numFmt }
          : {},
  }));
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => xlsxValue(cell, options.yesNo)));
  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, table.rows.length + 1), column: table.columns.length } };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
