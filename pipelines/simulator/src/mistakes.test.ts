import { STUCK_WINDOW, validateReport } from '@pantau/domain';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { describe, expect, it } from 'vitest';
import { enrolVillages } from './enrolment';
import { generateReports, type GenerateOptions } from './generate-reports';
import { COPIED_MONTHS, makeMistake } from './mistakes';
import { Random } from './prng';
import type { SimulatedReport } from './simulated-item';

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
    const seen = new Map<string, Set<string>>();
    const random = new Random(1);
    for (let i = 0; i < 50; i++) {
      const mistake = makeMistake(report, previous, random);
      if (!mistake) continue;
      const outcomes = seen.get(mistake.kind) ?? new Set<string>();
      seen.set(mistake.kind, outcomes.add(JSON.stringify(mistake.indicators)));
    }
    const outcomes = (...indicators: object[]) => new Set(indicators.map((i) => JSON.stringify(i)));
    // Either value can be the one typed with a digit too many.
    expect(seen.get('spike')).toEqual(
      outcomes(
        { ...report, gov_online_letters_pct: 60 },
        { ...report, econ_online_sales_idr: 12_500_000 },
      ),
    );
    expect(seen.get('unit-slip')).toEqual(outcomes({ ...report, econ_online_sales_idr: 1_250 }));
    expect(seen.get('copied-forward')).toEqual(outcomes(previous));
  });

  it('copies the last month forward for as many months as the stuck flag needs, or a few more', () => {
    const random = new Random(3);
    const months = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const mistake = makeMistake(
        { gov_online_letters_pct: 6 },
        { gov_online_letters_pct: 5 },
        random,
      );
      if (mistake?.kind === 'copied-forward') months.add(mistake.repeats + 1);
      else if (mistake) expect(mistake.repeats).toBe(0);
    }
    expect(Math.min(...months)).toBe(COPIED_MONTHS.min);
    expect(Math.max(...months)).toBe(COPIED_MONTHS.max);
    expect(COPIED_MONTHS.min).toBe(STUCK_WINDOW);
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

  it('sends the figures of the month before a copied run, unchanged, for its whole length', () => {
    const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
    const lastPeriod = options.to;
    const runs: { length: number; open: boolean }[] = [];
    const byVillage = new Map<string, { noisy: SimulatedReport; clean: SimulatedReport }[]>();
    noisy.forEach((item, i) => {
      const pair = { noisy: item.report, clean: clean[i]!.report };
      byVillage.set(pair.clean.village_code!, [
        ...(byVillage.get(pair.clean.village_code!) ?? []),
        pair,
      ]);
    });
    for (const pairs of byVillage.values()) {
      let source: object | null = null;
      let run = 0;
      const close = (open: boolean) => {
        if (run > 0) runs.push({ length: run, open });
        run = 0;
      };
      for (const { noisy: sent, clean: drawn } of pairs) {
        const copied = source !== null && !same(sent.indicators!, drawn.indicators!);
        if (copied && same(sent.indicators!, source!)) {
          run += 1;
          if (sent.period === lastPeriod) close(true);
          continue;
        }
        close(false);
        source = drawn.indicators!;
      }
      close(true);
    }
    expect(runs.length).toBeGreaterThan(5);
    for (const run of runs) {
      expect(run.length).toBeLessThanOrEqual(COPIED_MONTHS.max);
      // A run cut off by the end of the range may be shorter.
      if (!run.open) expect(run.length).toBeGreaterThanOrEqual(COPIED_MONTHS.min);
    }
  });

  it('leaves the reports as they were without it', () => {
    expect([...generateReports({ ...options, mistakeRate: 0 })]).toEqual(clean);
  });
});
