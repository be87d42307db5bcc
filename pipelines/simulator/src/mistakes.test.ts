import { validateReport, type IndicatorValue } from '@pantau/domain';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { describe, expect, it } from 'vitest';
import { enrolVillages } from './enrolment';
import { generateReports, type GenerateOptions } from './generate-reports';
import { makeMistake } from './mistakes';
import { Random } from './prng';

const villageCodes = readVillageCodes();
const context = { isVillage: (code: string) => villageCodes.has(code), receivedAt: Date.now() };
const options: GenerateOptions = {
  seed: 7,
  villages: enrolVillages({ seed: 7, count: 300 }),
  from: '2023-01',
  to: '2023-12',
  invalidRate: 0,
  correctionRate: 0,
};

describe('makeMistake', () => {
  it('spikes a value tenfold, writes rupiah in thousands or copies the last month', () => {
    const report = { gov_online_letters_pct: 6, econ_online_sales_idr: 1_250_000 };
    const previous = { gov_online_letters_pct: 5 };
    const seen = new Map<string, Record<string, IndicatorValue>>();
    const random = new Random(1);
    for (let i = 0; i < 50; i++) {
      const mistake = makeMistake(report, previous, random);
      if (mistake) seen.set(mistake.kind, mistake.indicators);
    }
    expect(seen.get('spike')).toEqual({ ...report, gov_online_letters_pct: 60 });
    expect(seen.get('unit-slip')).toEqual({ ...report, econ_online_sales_idr: 1_250 });
    expect(seen.get('copied-forward')).toEqual(previous);
  });

  it('makes none a report cannot have', () => {
    const random = new Random(2);
    for (let i = 0; i < 30; i++) {
      expect(makeMistake({ people_rkdd_active: true }, null, random)).toBeNull();
    }
  });
});

describe('generateReports with mistakeRate', () => {
  const clean = [...generateReports(options)];
  const noisy = [...generateReports({ ...options, mistakeRate: 0.05 })];

  it('changes about that share of reports, each still a valid report, and nothing else', () => {
    expect(noisy.map((i) => i.report.report_id)).toEqual(clean.map((i) => i.report.report_id));
    const changed = noisy.filter(
      (item, i) =>
        JSON.stringify(item.report.indicators) !== JSON.stringify(clean[i]!.report.indicators),
    );
    expect(changed.length / clean.length).toBeGreaterThan(0.02);
    expect(changed.length / clean.length).toBeLessThan(0.06);
    for (const item of changed) expect(validateReport(item.report, context).ok).toBe(true);
  });

  it('leaves the reports as they were without it', () => {
    expect([...generateReports({ ...options, mistakeRate: 0 })]).toEqual(clean);
  });
});
