import { REGIONS } from '@pantau/domain';
import { describe, expect, it } from 'vitest';
import { cartogramCells, CARTOGRAM_COLUMNS, PROVINCE_TILES } from './cartogram-layout';

describe('the province cartogram', () => {
  it('has one tile for each of the 38 provinces of the programme regions', () => {
    const provinces = REGIONS.flatMap((r) => r.provinces).sort();
    expect(PROVINCE_TILES.map((t) => t.code).sort()).toEqual(provinces);
    expect(provinces).toHaveLength(38);
  });

  it('never puts two provinces on one square', () => {
    const squares = new Set(PROVINCE_TILES.map((t) => `${t.col},${t.row}`));
    expect(squares.size).toBe(PROVINCE_TILES.length);
  });

  it('keeps Sumatra west of Java and Papua at the eastern edge', () => {
    const col = (code: string) => PROVINCE_TILES.find((t) => t.code === code)!.col;
    expect(col('11')).toBeLessThan(col('32'));
    expect(col('91')).toBe(CARTOGRAM_COLUMNS - 1);
  });

  it('joins data rows by province code and leaves the rest empty', () => {
    const cells = cartogramCells([{ code: '15', dci: 42 }]);
    expect(cells.find((c) => c.code === '15')?.row_data).toEqual({ code: '15', dci: 42 });
    expect(cells.find((c) => c.code === '11')?.row_data).toBeNull();
  });
});
