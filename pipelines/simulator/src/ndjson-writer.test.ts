import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { validateReport } from '@pantau/domain';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { describe, expect, it } from 'vitest';
import { enrolVillages } from './enrolment';
import { generateReports } from './generate-reports';
import { writeNdjson } from './ndjson-writer';
import { isAcceptedKind } from './simulated-item';

const villageCodes = readVillageCodes();
/** Received now: every simulated report lies in the past of this moment. */
const context = { isVillage: (code: string) => villageCodes.has(code), receivedAt: Date.now() };

describe('writeNdjson', () => {
  it('writes one JSON report per line that the real validator judges as intended', async () => {
    const villages = enrolVillages({ seed: 3, count: 300 });
    const items = [
      ...generateReports({ seed: 3, villages, from: '2023-01', to: '2023-06', invalidRate: 0.03 }),
    ];
    const stream = new PassThrough();
    const written = text(stream);
    const summary = await writeNdjson(items, stream);
    stream.end();
    const lines = (await written).split('\n');
    expect(lines.pop()).toBe('');
    expect(summary.rows).toBe(items.length);
    expect(lines).toHaveLength(items.length);
    lines.forEach((line, i) => {
      const item = items[i];
      expect(JSON.parse(line)).toEqual(item?.report);
      const result = validateReport(JSON.parse(line), context);
      expect(result.ok, `${item?.kind} ${line}`).toBe(isAcceptedKind(item?.kind ?? 'valid'));
    });
  });

  it('keeps wrong types as JSON strings, the mistake JSON clients make', () => {
    const villages = enrolVillages({ seed: 3, count: 300 });
    const wrong = [
      ...generateReports({ seed: 3, villages, from: '2023-01', to: '2023-06', invalidRate: 0.05 }),
    ].filter((i) => i.kind === 'wrong-type');
    expect(wrong.length).toBeGreaterThan(10);
    for (const item of wrong) {
      const value = item.report.indicators?.[item.field?.replace('indicators.', '') ?? ''];
      expect(typeof value === 'string' || typeof value === 'number').toBe(true);
    }
  });
});
