import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { enrolVillages } from './enrolment';
import { cadreOf, generateRoster, ROSTER_COLUMNS, writeRosterCsv } from './roster';

const villages = enrolVillages({ seed: 42, count: 3_000 });

describe('generateRoster', () => {
  const roster = generateRoster({ seed: 42, villages });

  it('gives every enrolled village one cadre named KD-<village code>', () => {
    expect(roster).toHaveLength(villages.length);
    roster.forEach((cadre, i) => {
      expect(cadre.village_code).toBe(villages[i]?.code);
      expect(cadre.cadre_id).toBe(`KD-${cadre.village_code}`);
      expect(cadre.region).toBe(villages[i]?.region);
      expect(cadre.name).toMatch(/^\p{L}+ \p{L}+$/u);
    });
  });

  it('keeps about 97 % of cadres active', () => {
    const active = roster.filter((c) => c.active).length / roster.length;
    expect(active).toBeGreaterThan(0.95);
    expect(active).toBeLessThan(0.99);
  });

  it('gives a village the same cadre whoever else is enrolled', () => {
    const village = villages[0];
    if (!village) throw new Error('no village');
    expect(cadreOf(42, village)).toEqual(roster[0]);
  });
});

describe('writeRosterCsv', () => {
  it('writes the header and one line per cadre', async () => {
    const roster = generateRoster({ seed: 42, villages: villages.slice(0, 5) });
    const stream = new PassThrough();
    const written = text(stream);
    await writeRosterCsv(roster, stream);
    stream.end();
    const lines = (await written).trimEnd().split('\r\n');
    expect(lines[0]).toBe(ROSTER_COLUMNS.join(','));
    expect(lines).toHaveLength(6);
    const first = roster[0];
    expect(lines[1]).toBe(
      `${first?.cadre_id},${first?.name},${first?.village_code},${first?.region},${first?.active}`,
    );
  });
});
