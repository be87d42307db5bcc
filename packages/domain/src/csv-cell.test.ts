import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula } from './csv-cell';

describe('neutraliseFormula', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example","x")')).toBe(
      `'=HYPERLINK("http://evil.example","x")`,
    );
    expect(neutraliseFormula('+1+cmd|calc')).toBe(`'+1+cmd|calc`);
    expect(neutraliseFormula('-2+3')).toBe(`'-2+3`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('\t=1')).toBe(`'\t=1`);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Kungkai', '15.02.02.2004', 'KD-1', 'a=b', '', "'quoted"]) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });
});

describe('csvCell', () => {
  it('quotes a neutralised cell that holds a comma or quote', () => {
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('Rina "Ina", S.Kom')).toBe('"Rina ""Ina"", S.Kom"');
    expect(csvCell('Siti')).toBe('Siti');
  });
});
