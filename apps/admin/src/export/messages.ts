/**
 * Messages of the lists' export (`listExport.*`), spread at the top level of
 * the catalogues (i18n/de.ts, i18n/en.ts). English is the reference type;
 * German uses the formal "Sie".
 */
const en = {
  listExport: {
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    hint: 'All rows matching the current filters, in the current order',
    title: 'Exporting: %{name}',
    rows: '%{loaded} of %{total} rows loaded',
    references: 'Looking up names …',
    file: 'Writing the file …',
    done: '%{smart_count} row exported |||| %{smart_count} rows exported',
    cancelled: 'Export cancelled.',
    failed: 'The export failed: %{message}',
  },
};

export type ListExportMessages = typeof en;

const de: ListExportMessages = {
  listExport: {
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    hint: 'Alle Zeilen, die den aktuellen Filtern entsprechen, in der aktuellen Sortierung',
    title: 'Export: %{name}',
    rows: '%{loaded} von %{total} Zeilen geladen',
    references: 'Namen werden nachgeschlagen …',
    file: 'Datei wird erstellt …',
    done: '%{smart_count} Zeile exportiert |||| %{smart_count} Zeilen exportiert',
    cancelled: 'Export abgebrochen.',
    failed: 'Der Export ist fehlgeschlagen: %{message}',
  },
};

export { de, en };
