// StoredKeys against a plain map of the same puts: what get, holdsReportId and size answer, past
// several doublings of its columns, with report ids of any script and ids that change length.
import { describe, expect, it } from 'vitest';
import { KeyOverlay, StoredKeys, type StoredKey } from './stored-keys';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const IDS = [
  'r-1',
  'r-2',
  'laporan-Mei',
  'ÄÖÜ-ß',
  '報告-七',
  '🙂x',
  'a-much-longer-report-id-0123456789',
];

describe('StoredKeys', () => {
  it('answers as a map of the same puts would, through 5,000 puts', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const villages = Array.from({ length: 300 }, (_, i) => `15.02.02.${2000 + i}`);
    const periods = ['1999-12', '2023-01', '2023-02', '2024-12', '2026-11'];
    const keys = new StoredKeys();
    const model = new Map<string, StoredKey>();
    for (let i = 0; i < 5_000; i++) {
      const village = pick(villages);
      const period = pick(periods);
      const key: StoredKey = {
        submittedMs: Date.UTC(2024, 0, 1) + Math.floor(next() * 1e9),
        firstSubmittedMs: Date.UTC(2023, 0, 1) + i,
        onTime: next() < 0.5,
        reportId: pick(IDS) + (next() < 0.5 ? `-${i}` : ''),
        sourceId: pick(['import-1', 'import-2', `api-${i}`]),
        line: Math.floor(next() * 2_000_000),
        outcome: next() < 0.3 ? 'updated' : 'imported',
      };
      keys.put(village, period, key);
      model.set(`${village}|${period}`, key);
    }
    expect(keys.size).toBe(model.size);
    for (const village of villages) {
      for (const period of periods) {
        expect(keys.get(village, period)).toEqual(model.get(`${village}|${period}`));
      }
    }
    // holdsReportId: the village holds the id in a stored report other than the row's own.
    for (const village of villages.slice(0, 40)) {
      for (const [k, stored] of model) {
        if (!k.startsWith(`${village}|`)) continue;
        const period = k.slice(village.length + 1);
        const other = { sourceId: 'elsewhere', period: '2000-01' };
        expect(keys.holdsReportId(village, stored.reportId, other)).toBe(true);
        const own = { sourceId: stored.sourceId, period };
        const elsewhere = [...model].some(
          ([k2, s2]) => k2.startsWith(`${village}|`) && k2 !== k && s2.reportId === stored.reportId,
        );
        expect(keys.holdsReportId(village, stored.reportId, own)).toBe(elsewhere);
        expect(keys.holdsReportId(village, stored.reportId, other, new Set([period]))).toBe(
          elsewhere,
        );
        expect(keys.holdsReportId(village, `${stored.reportId}?`, other)).toBe(false);
      }
    }
    expect(keys.get('99.99.99.9999', '2023-01')).toBeUndefined();
    expect(keys.holdsReportId('99.99.99.9999', 'r-1', { sourceId: 'x', period: '2023-01' })).toBe(
      false,
    );
  });

  it('tells apart report ids whose hashes are equal', () => {
    // r-593089 and r-1136980 share their 32-bit FNV-1a hash (found by search): the bytes decide.
    const stored = new StoredKeys();
    stored.put('v1', '2023-01', {
      submittedMs: 1,
      firstSubmittedMs: 1,
      onTime: true,
      reportId: 'r-593089',
      sourceId: 'import-1',
      line: 2,
      outcome: 'imported',
    });
    const other = { sourceId: 'x', period: '2023-02' };
    expect(stored.holdsReportId('v1', 'r-1136980', other)).toBe(false);
    expect(stored.holdsReportId('v1', 'r-593089', other)).toBe(true);
  });

  it('keeps nested overlays’ changes apart until each commits, the inner one first', () => {
    const key = (reportId: string, submittedMs: number): StoredKey => ({
      submittedMs,
      firstSubmittedMs: submittedMs,
      onTime: true,
      reportId,
      sourceId: 'import-1',
      line: 2,
      outcome: 'imported',
    });
    const stored = new StoredKeys();
    stored.put('v1', '2023-01', key('a', 1));
    const transaction = new KeyOverlay(stored);
    transaction.put('v1', '2023-02', key('b', 2));
    const apply = new KeyOverlay(transaction);
    apply.put('v1', '2023-03', key('c', 3));
    apply.put('v2', '2023-01', key('d', 4));
    expect(transaction.get('v1', '2023-03')).toBeUndefined();

    apply.commit();
    // The inner overlay's villages are the transaction's now, next to what it had changed.
    expect(transaction.get('v1', '2023-02')).toEqual(key('b', 2));
    expect(transaction.get('v1', '2023-03')).toEqual(key('c', 3));
    expect(transaction.get('v2', '2023-01')).toEqual(key('d', 4));
    expect(stored.get('v2', '2023-01')).toBeUndefined();
    // The inner overlay starts again empty: its later changes are not the transaction's.
    apply.put('v2', '2023-02', key('e', 5));
    expect(transaction.get('v2', '2023-02')).toBeUndefined();

    transaction.commit();
    expect(stored.size).toBe(4);
    expect(stored.get('v1', '2023-03')).toEqual(key('c', 3));
    expect(stored.holdsReportId('v2', 'd', { sourceId: 'x', period: '2023-09' })).toBe(true);
  });
});
