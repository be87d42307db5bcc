import { describe, expect, it } from 'vitest';
import { acceptReport } from './accept-report';
import { INDICATORS } from './catalogue';
import { validateWithSchema } from './validate-report';

/** Long after the fixtures' reports, so that none of them lies in the future. */
const context = {
  isVillage: (code: string) => code.startsWith('15.'),
  receivedAt: Date.parse('2025-01-01T00:00:00Z'),
};

const BASE = {
  report_id: 'r-1',
  cadre_id: 'KD-15.02.02.2004',
  village_code: '15.02.02.2004',
  period: '2023-03',
  submitted_at: '2023-03-27T09:15:00+07:00',
  notes: 'catatan',
  indicators: { people_digital_literacy_pct: 12.5, people_rkdd_active: true, mob_signal_level: 3 },
};

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  0,
  -1,
  0.5,
  1,
  2,
  2.5,
  3,
  25,
  99.99,
  100,
  100.01,
  1e13,
  1e14,
  -0,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  'ya',
  '12',
  '12,5',
  [],
  {},
  [1],
  'x'.repeat(65),
  'x'.repeat(2001),
  '2023-13',
  '2023-3',
  '2023-04',
  '2023-02',
  '2023-03-32T00:00:00Z',
  '05/04/2023',
  '2023-03-31T18:00:00Z',
  '2023-04-01T00:00:00+07:00',
  '15.02.02.9999',
  '99.99.99.9999',
  '1502022004',
  '__proto__',
  'constructor',
  // Text the warehouse cannot store.
  '\ud800',
  'x\udc80',
  'a\u0000b',
  '\u{1F600}',
  // Around the moment of receipt (2025-01-01T00:00Z): a clock 9 minutes fast is tolerated.
  '2025-01-01T00:09:00Z',
  '2025-01-01T00:11:00Z',
  '2025-01',
  '2025-02',
];
const FIELDS = ['report_id', 'cadre_id', 'village_code', 'period', 'submitted_at', 'notes'];
const CODES = [...INDICATORS.map((i) => i.code), 'people_happiness', '__proto__', 'toString'];

function mutate(next: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const report = JSON.parse(JSON.stringify(BASE)) as Record<string, unknown>;
  const indicators = report.indicators as Record<string, unknown>;
  const changes = 1 + Math.floor(next() * 3);
  for (let i = 0; i < changes; i++) {
    const roll = next();
    if (roll < 0.35) report[pick(FIELDS)] = pick(ODD_VALUES);
    else if (roll < 0.8) indicators[pick(CODES)] = pick(ODD_VALUES);
    else if (roll < 0.9) delete indicators[pick(Object.keys(indicators))];
    else report.indicators = pick([null, [], {}, 'x', { ...indicators }]);
  }
  if (next() < 0.05) return pick([null, [], 'report', 42, [report]]);
  return report;
}

describe('acceptReport', () => {
  it('accepts a valid report exactly as the schema normalises it', () => {
    const schema = validateWithSchema(BASE, context);
    expect(schema.ok).toBe(true);
    expect(acceptReport(BASE, context)).toEqual(schema.ok ? schema.report : null);
  });

  it('never accepts what the schema refuses, over 30,000 mutated reports', () => {
    const next = random(20261129);
    let accepted = 0;
    for (let i = 0; i < 30_000; i++) {
      const input = mutate(next);
      const fast = acceptReport(input, context);
      const schema = validateWithSchema(input, context);
      if (fast) {
        accepted++;
        expect({ input, schema }).toEqual({ input, schema: { ok: true, report: fast } });
      }
    }
    // Mutations that keep a report valid (an in-range value, a dropped optional) take the fast path.
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('leaves to the schema what only it may accept or explain', () => {
    expect(
      acceptReport({ ...BASE, cadre_id: undefined, notes: undefined }, context),
    ).not.toBeNull();
    expect(
      acceptReport({ ...BASE, indicators: { mob_signal_level: undefined } }, context),
    ).toBeNull();
    expect(acceptReport({ ...BASE, village_code: '16.01.01.2001' }, context)).toBeNull();
  });
});
