import {
  INDICATORS,
  isOnTime,
  parseTimestamp,
  periodRange,
  scoreReport,
  validateReport,
  type IndicatorValue,
} from '@pantau/domain';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { describe, expect, it } from 'vitest';
import { enrolVillages } from './enrolment';
import { expectedItemCount, generateReports, type GenerateOptions } from './generate-reports';
import { INVALID_KINDS, isAcceptedKind, type SimulatedItem } from './simulated-item';

const villageCodes = readVillageCodes();
/** Received now: every simulated report lies in the past of this moment. */
const context = { isVillage: (code: string) => villageCodes.has(code), receivedAt: Date.now() };

const villages = enrolVillages({ seed: 7, count: 1_000 });
const options: GenerateOptions = { seed: 7, villages, from: '2023-01', to: '2024-12' };
const items = [...generateReports(options)]; // about 24,000 rows
const valid = items.filter((i) => i.kind === 'valid');

function indicatorsOf(item: SimulatedItem): Record<string, IndicatorValue> {
  return item.report.indicators as Record<string, IndicatorValue>;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

describe('generateReports', () => {
  it('yields the same items for the same seed and different ones for another seed', () => {
    const first = [...generateReports({ ...options, to: '2023-02' })];
    expect([...generateReports({ ...options, to: '2023-02' })]).toEqual(first);
    const other = [...generateReports({ ...options, seed: 8, to: '2023-02' })];
    expect(other.slice(0, 50)).not.toEqual(first.slice(0, 50));
  });

  it('goes period by period, each village at most once per period as a valid report', () => {
    const periods = items
      .map((i) => i.report.period)
      .filter((p) => p !== undefined && /^\d{4}-\d{2}$/.test(p));
    const firstSeen = periodRange('2023-01', '2024-12').map((p) =>
      valid.findIndex((i) => i.report.period === p),
    );
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    const keys = valid.map((i) => `${i.report.village_code}|${i.report.period}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(periods.length).toBeGreaterThan(20_000);
  });

  it('gives unique report ids', () => {
    const ids = items.map((i) => i.report.report_id).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    expect(valid[0]?.report.report_id).toMatch(/^SIM-7-\d{2}\.\d{2}\.\d{2}\.\d{4}-\d{4}-\d{2}$/);
  });

  it('produces valid reports and corrections that the real validator accepts', () => {
    const accepted = items.filter((i) => isAcceptedKind(i.kind));
    for (const item of accepted) {
      const result = validateReport(item.report, context);
      expect(result.ok ? [] : result.errors, item.report.report_id).toEqual([]);
    }
  });

  it('produces invalid rows that the validator rejects, each for its intended field only', () => {
    const invalid = items.filter((i) => !isAcceptedKind(i.kind));
    expect(invalid.length).toBeGreaterThan(1_000);
    for (const item of invalid) {
      const result = validateReport(item.report, context);
      expect(result.ok, `${item.kind} ${JSON.stringify(item.report)}`).toBe(false);
      if (result.ok) continue;
      expect(
        result.errors.map((e) => e.field),
        item.kind,
      ).toEqual(result.errors.map(() => item.field));
    }
  });

  it('produces each invalid kind at about its rate, and decimal commas only for CSV', () => {
    const rate = (kind: string, rows: readonly SimulatedItem[]) =>
      rows.filter((i) => i.kind === kind).length / rows.length;
    for (const kind of INVALID_KINDS.filter((k) => k !== 'decimal-comma')) {
      expect(rate(kind, items), kind).toBeGreaterThan(0.0065);
      expect(rate(kind, items), kind).toBeLessThan(0.0135);
    }
    expect(rate('decimal-comma', items)).toBe(0);
    const csvRows = [...generateReports({ ...options, format: 'csv', invalidRate: 0.02 })];
    expect(rate('decimal-comma', csvRows)).toBeGreaterThan(0.015);
    expect(rate('decimal-comma', csvRows)).toBeLessThan(0.025);
  });

  it('produces about 1 % corrections, later and different than their original', () => {
    const corrections = items.filter((i) => i.kind === 'correction');
    expect(corrections.length / items.length).toBeGreaterThan(0.0065);
    expect(corrections.length / items.length).toBeLessThan(0.0135);
    for (const correction of corrections) {
      const at = items.indexOf(correction);
      const original = items
        .slice(0, at)
        .findLast(
          (i) =>
            i.kind === 'valid' &&
            i.report.village_code === correction.report.village_code &&
            i.report.period === correction.report.period,
        );
      if (!original) throw new Error(`no original before ${correction.report.report_id}`);
      expect(parseTimestamp(correction.report.submitted_at ?? '')).toBeGreaterThan(
        parseTimestamp(original.report.submitted_at ?? '') as number,
      );
      expect(correction.report.report_id).not.toBe(original.report.report_id);
      expect(correction.report.indicators).not.toEqual(original.report.indicators);
    }
  });

  it('leaves 5–8 % of village-months unreported', () => {
    const share = 1 - valid.length / (villages.length * 24);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.08);
  });

  it('leaves about 10 % of indicators blank', () => {
    const present = mean(valid.map((i) => Object.keys(i.report.indicators ?? {}).length));
    expect(1 - present / INDICATORS.length).toBeGreaterThan(0.08);
    expect(1 - present / INDICATORS.length).toBeLessThan(0.12);
  });

  it('submits about 10 % of reports late, never before the period starts', () => {
    const late = valid.filter((i) => {
      const at = parseTimestamp(i.report.submitted_at ?? '') as number;
      return !isOnTime(i.report.period ?? '', at);
    });
    expect(late.length / valid.length).toBeGreaterThan(0.085);
    expect(late.length / valid.length).toBeLessThan(0.115);
    for (const item of valid)
      expect(item.report.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
  });

  it('makes Java clearly more mobile and connected than Papua', () => {
    const mobility = (provinces: RegExp) =>
      mean(
        valid
          .filter((i) => provinces.test(i.report.village_code ?? ''))
          .map((i) => scoreReport(indicatorsOf(i)).pillars.mobility)
          .filter((s): s is number => s !== null),
      );
    const java = mobility(/^3[1-6]\./);
    const papua = mobility(/^9[1-6]\./);
    expect(java).toBeGreaterThan(papua + 25);
  });

  it('grows maturity over the months', () => {
    const dci = (period: string) =>
      mean(
        valid
          .filter((i) => i.report.period === period)
          .map((i) => scoreReport(indicatorsOf(i)).dci),
      );
    expect(dci('2024-12')).toBeGreaterThan(dci('2023-01') + 3);
  });

  it('draws every indicator type within its catalogue rules', () => {
    const sales = valid
      .map((i) => i.report.indicators?.econ_online_sales_idr)
      .filter((v) => typeof v === 'number');
    expect(Math.max(...sales)).toBeLessThanOrEqual(2e9);
    expect(sales.filter((v) => v === 0).length).toBeGreaterThan(0);
    const signals = new Set(valid.map((i) => i.report.indicators?.mob_signal_level));
    expect(signals).toEqual(new Set([0, 1, 2, 3, undefined]));
  });

  it('keeps valid reports the same whatever the correction and invalid rates', () => {
    const clean = [
      ...generateReports({ ...options, to: '2023-03', invalidRate: 0, correctionRate: 0 }),
    ];
    const noisy = [...generateReports({ ...options, to: '2023-03', invalidRate: 0.05 })];
    expect(clean.every((i) => i.kind === 'valid')).toBe(true);
    expect(noisy.filter((i) => i.kind === 'valid')).toEqual(clean);
  });

  it('estimates its item count closely', () => {
    expect(expectedItemCount(options) / items.length).toBeGreaterThan(0.97);
    expect(expectedItemCount(options) / items.length).toBeLessThan(1.03);
  });

  it('refuses bad periods and rates', () => {
    expect(() => generateReports({ ...options, from: '2024-01', to: '2023-01' }).next()).toThrow(
      RangeError,
    );
    expect(() => generateReports({ ...options, from: '2024-1' }).next()).toThrow(RangeError);
    expect(() => generateReports({ ...options, invalidRate: 0.5 }).next()).toThrow(RangeError);
  });

  it('leaves out reports and corrections not yet submitted as of a given time', () => {
    const asOf = Date.parse('2024-02-15T00:00:00+07:00');
    const items = [
      ...generateReports({ ...options, from: '2024-01', to: '2024-02', asOf, invalidRate: 0 }),
    ];
    const submitted = items.map((item) => Date.parse(String(item.report.submitted_at)));
    expect(submitted.every((ms) => ms <= asOf)).toBe(true);
    // January's reports are mostly in; February's window (20th onwards) has not opened yet.
    expect(items.filter((i) => i.report.period === '2024-01').length).toBeGreaterThan(0);
    expect(items.some((i) => i.report.period === '2024-02' && i.kind === 'valid')).toBe(true); // early ones
    const unbounded = [
      ...generateReports({ ...options, from: '2024-01', to: '2024-02', invalidRate: 0 }),
    ];
    expect(items.length).toBeLessThan(unbounded.length);
  });
});
