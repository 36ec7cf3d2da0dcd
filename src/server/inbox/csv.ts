/**
 * One CSV cell. Quotes always; doubles inner quotes. A cell that a
 * spreadsheet would read as a formula (=, +, -, @, tab, CR, and their
 * full-width forms) gets a leading apostrophe, so a tip cannot run a formula
 * in an editor's Excel (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r＝＋－＠]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** A CSV document: UTF-8 with a byte-order mark (Excel needs it for Chinese) and CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
