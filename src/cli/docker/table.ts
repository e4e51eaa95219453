// The docker CLI's tables: Go's tabwriter with a minimum cell width of 10
// and 3 spaces of padding; the last column is not padded.
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 10);
    });
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
