// Our own tile-grid cartogram of Indonesia: one square per province, placed roughly where it lies
// (Sumatra in the west, Java and Nusa Tenggara along the south, Papua in the east). Drawn by hand
// for Pantau, so no third-party map file (or its licence) is involved.

export interface ProvinceTile {
  code: string;
  /** Short name that fits on a tile. */
  abbr: string;
  col: number;
  row: number;
}

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { code: '11', abbr: 'ACEH', col: 0, row: 0 },
  { code: '12', abbr: 'SUMUT', col: 1, row: 1 },
  { code: '21', abbr: 'KEPRI', col: 3, row: 1 },
  { code: '13', abbr: 'SUMBAR', col: 1, row: 2 },
  { code: '14', abbr: 'RIAU', col: 2, row: 2 },
  { code: '17', abbr: 'BKL', col: 1, row: 3 },
  { code: '15', abbr: 'JAMBI', col: 2, row: 3 },
  { code: '16', abbr: 'SUMSEL', col: 2, row: 4 },
  { code: '19', abbr: 'BABEL', col: 3, row: 4 },
  { code: '18', abbr: 'LPG', col: 2, row: 5 },
  { code: '31', abbr: 'DKI', col: 4, row: 5 },
  { code: '36', abbr: 'BANTEN', col: 3, row: 6 },
  { code: '32', abbr: 'JABAR', col: 4, row: 6 },
  { code: '33', abbr: 'JATENG', col: 5, row: 6 },
  { code: '34', abbr: 'DIY', col: 5, row: 7 },
  { code: '35', abbr: 'JATIM', col: 6, row: 6 },
  { code: '51', abbr: 'BALI', col: 7, row: 6 },
  { code: '52', abbr: 'NTB', col: 8, row: 6 },
  { code: '53', abbr: 'NTT', col: 9, row: 6 },
  { code: '61', abbr: 'KALBAR', col: 5, row: 2 },
  { code: '65', abbr: 'KALTARA', col: 7, row: 1 },
  { code: '64', abbr: 'KALTIM', col: 7, row: 2 },
  { code: '62', abbr: 'KALTENG', col: 6, row: 3 },
  { code: '63', abbr: 'KALSEL', col: 7, row: 3 },
  { code: '75', abbr: 'GTLO', col: 9, row: 1 },
  { code: '71', abbr: 'SULUT', col: 10, row: 1 },
  { code: '72', abbr: 'SULTENG', col: 9, row: 2 },
  { code: '76', abbr: 'SULBAR', col: 8, row: 3 },
  { code: '74', abbr: 'SULTRA', col: 9, row: 3 },
  { code: '73', abbr: 'SULSEL', col: 8, row: 4 },
  { code: '82', abbr: 'MALUT', col: 11, row: 1 },
  { code: '81', abbr: 'MALUKU', col: 11, row: 3 },
  { code: '96', abbr: 'PBD', col: 12, row: 2 },
  { code: '92', abbr: 'PABAR', col: 13, row: 2 },
  { code: '91', abbr: 'PAPUA', col: 14, row: 2 },
  { code: '94', abbr: 'PATENG', col: 13, row: 3 },
  { code: '95', abbr: 'PAPEG', col: 14, row: 3 },
  { code: '93', abbr: 'PASEL', col: 14, row: 4 },
];

export const CARTOGRAM_COLUMNS = Math.max(...PROVINCE_TILES.map((t) => t.col)) + 1;
export const CARTOGRAM_ROWS = Math.max(...PROVINCE_TILES.map((t) => t.row)) + 1;

export interface CartogramCell<T> extends ProvinceTile {
  /** The province's data row, when the API returned one. */
  row_data: T | null;
}

/** Joins data rows (by province code) onto the tiles; tiles without a row keep null. */
export function cartogramCells<T extends { code: string }>(rows: readonly T[]): CartogramCell<T>[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return PROVINCE_TILES.map((tile) => ({ ...tile, row_data: byCode.get(tile.code) ?? null }));
}
