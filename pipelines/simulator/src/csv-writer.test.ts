import { Writable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { validateCsvRow } from '@pantau/domain';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { describe, expect, it } from 'vitest';
import { csvRecord, CSV_HEADER, writeCsv } from './csv-writer';
import { enrolVillages } from './enrolment';
import { generateReports } from './generate-reports';
import { UNKNOWN_INDICATOR_CODES } from './invalid-rows';
import { isAcceptedKind, type SimulatedItem } from './simulated-item';

/** A test-only RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Collects what is written, with a tiny buffer so that backpressure ('drain') really happens. */
function collector(): { stream: Writable; text: () => string; drains: () => number } {
  const chunks: string[] = [];
  let drains = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      setImmediate(done);
    },
  });
  stream.on('drain', () => (drains += 1));
  return { stream, text: () => chunks.join(''), drains: () => drains };
}

const villageCodes = readVillageCodes();
/** Received now: every simulated report lies in the past of this moment. */
const context = { isVillage: (code: string) => villageCodes.has(code), receivedAt: Date.now() };
const villages = enrolVillages({ seed: 11, count: 400 });

/** 100,000 rows take seconds, more on a busy 2-core machine running other suites. */
const LARGE_RUN_TIMEOUT_MS = 120_000;

describe('writeCsv', () => {
  const items = [
    ...generateReports({
      seed: 11,
      villages,
      from: '2023-01',
      to: '2023-12',
      format: 'csv',
      invalidRate: 0.02,
    }),
  ];

  it('writes rows that the real CSV validator reads back: valid accepted, invalid rejected for their field', async () => {
    const out = collector();
    const summary = await writeCsv(items, out.stream, { extraColumns: UNKNOWN_INDICATOR_CODES });
    const [header = [], ...rows] = parseCsv(out.text());
    expect(summary.rows).toBe(items.length);
    expect(rows).toHaveLength(items.length);
    expect(header).toEqual([...CSV_HEADER, ...UNKNOWN_INDICATOR_CODES]);
    expect(out.drains()).toBeGreaterThan(0);
    rows.forEach((cells, i) => {
      const item = items[i] as SimulatedItem;
      const result = validateCsvRow(header, cells, context);
      if (isAcceptedKind(item.kind)) {
        expect(result.ok ? [] : result.errors, item.report.report_id).toEqual([]);
      } else {
        expect(result.ok, `${item.kind} ${cells.join(',')}`).toBe(false);
        const field = item.field?.replace(/^indicators\./, '');
        if (!result.ok)
          expect(
            result.errors.map((e) => e.field),
            item.kind,
          ).toEqual(result.errors.map(() => field));
      }
    });
  });

  it('starts with the header of DESIGN.md, indicators in catalogue order', () => {
    expect(CSV_HEADER.slice(0, 7)).toEqual([
      'report_id',
      'cadre_id',
      'village_code',
      'period',
      'submitted_at',
      'notes',
      'people_digital_literacy_pct',
    ]);
    expect(CSV_HEADER).toHaveLength(30);
  });

  it('quotes cells holding commas, quotes or line breaks, and only those', () => {
    const line = csvRecord(
      {
        report_id: 'r-1',
        village_code: '15.02.02.2004',
        period: '2023-03',
        submitted_at: '2023-03-27T09:15:00+07:00',
        notes: 'Pelatihan "Literasi Digital", sesi 2\nselesai',
        indicators: {
          people_rkdd_active: true,
          econ_umkm_online_pct: 12.5,
          env_waste_service_pct: '12,5',
        },
      },
      CSV_HEADER.slice(6),
    );
    expect(line).toBe(
      'r-1,,15.02.02.2004,2023-03,2023-03-27T09:15:00+07:00,"Pelatihan ""Literasi Digital"", sesi 2\nselesai",' +
        ',true,,,,,,,12.5,,,,"12,5",,,,,,,,,,,\r\n',
    );
    expect(parseCsv(line)[0]?.[5]).toBe('Pelatihan "Literasi Digital", sesi 2\nselesai');
  });

  it('spells booleans as ya/tidak when asked', () => {
    const line = csvRecord(
      { indicators: { people_rkdd_active: true, gov_apbdes_published: false } },
      CSV_HEADER.slice(6),
      'ya-tidak',
    );
    const cells = parseCsv(line)[0] ?? [];
    expect(cells[CSV_HEADER.indexOf('people_rkdd_active')]).toBe('ya');
    expect(cells[CSV_HEADER.indexOf('gov_apbdes_published')]).toBe('tidak');
  });

  it('refuses an indicator that has no column rather than dropping it', () => {
    expect(() =>
      csvRecord({ indicators: { mob_fiber_households_pct: 3 } }, CSV_HEADER.slice(6)),
    ).toThrow(/extraColumns/);
  });

  it(
    'generates and writes 100,000 rows in constant memory',
    async () => {
      // Collect garbage before each reading, so it measures what is kept, not what is not yet freed.
      v8.setFlagsFromString('--expose-gc');
      const collectGarbage = runInNewContext('gc') as () => void;
      let measuringMs = 0;
      const retained = () => {
        const at = performance.now();
        collectGarbage();
        const heap = process.memoryUsage().heapUsed;
        measuringMs += performance.now() - at;
        return heap;
      };
      const many = enrolVillages({ seed: 5, count: 3_000 });
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const readings: number[] = [];
      const generated = generateReports({
        seed: 5,
        villages: many,
        from: '2023-01',
        to: '2025-12',
        format: 'csv',
      });
      const started = performance.now();
      let taken = 0;
      const limited = (function* () {
        for (const item of generated) {
          if (taken++ === 100_000) return;
          yield item;
        }
      })();
      const summary = await writeCsv(limited, sink, {
        extraColumns: UNKNOWN_INDICATOR_CODES,
        onProgress: ({ rows }) => {
          if (rows % 20_000 === 0) readings.push(retained());
        },
      });
      const seconds = (performance.now() - started - measuringMs) / 1000;
      expect(summary.rows).toBe(100_000);
      const growth = Math.max(...readings) - (readings[0] ?? 0);
      // Holding 100,000 reports would keep well over 150 MB; streaming keeps the heap flat.
      expect(growth).toBeLessThan(16 * 1024 * 1024);
      process.stdout.write(
        `${Math.round(summary.rows / seconds).toLocaleString('en-US')} rows/s generated and written as CSV; retained heap grew ${(growth / 1024 / 1024).toFixed(1)} MB\n`,
      );
    },
    LARGE_RUN_TIMEOUT_MS,
  );
});
