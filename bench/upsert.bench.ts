// Warehouse bulk upsert: reports/s for batches of 10,000 against a raw Appender of the same rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBTimestampTZValue } from '@duckdb/node-api';
import { addMonths, INDICATORS, scoreReport, type IndicatorValue } from '@pantau/domain';
import {
  applySubmissions,
  openWarehouse,
  refreshAreaScores,
  type Submission,
} from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { formatRate, line, rate, timed } from './lib/report';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '10000' },
    existing: { type: 'string', default: '500000' },
  },
});
const BATCH = Number(values.batch);
const EXISTING = Number(values.existing);

const villages = [...readVillageCodes()];

function timestampTz(ms: number): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(ms) * 1000n);
}

/** Deterministic indicator values: every indicator present, varied by row. */
function indicatorsFor(i: number): Record<string, IndicatorValue> {
  const values: Record<string, IndicatorValue> = {};
  INDICATORS.forEach((indicator, k) => {
    const x = (i * 7 + k * 13) % 101;
    if (indicator.unit === 'bool') values[indicator.code] = x % 2 === 0;
    else if (indicator.range) {
      const span = Math.min(indicator.range.max, 100) - indicator.range.min;
      const value = indicator.range.min + (span * x) / 100;
      values[indicator.code] = indicator.wholeNumber ? Math.round(value) : value;
    }
  });
  return values;
}

function batch(
  from: number,
  size: number,
  period: string,
  day: number,
  source: string,
): Submission[] {
  return Array.from({ length: size }, (_, k) => {
    const i = from + k;
    const village = villages[i % villages.length]!;
    const indicators = indicatorsFor(i);
    return {
      submission_id: `${source}:${k + 2}`,
      source: 'import',
      source_id: source,
      line: k + 2,
      received_at: new Date().toISOString(),
      valid: true,
      report: {
        report_id: `${source}-${village}-${period}`,
        cadre_id: `KD-${village}`,
        village_code: village,
        period,
        submitted_at: `${period}-${day}T02:00:00.000Z`,
        notes: null,
        indicators,
      },
      scores: scoreReport(indicators),
    };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pantau-bench-upsert-'));
try {
  const [warehouse, openMs] = await timed(() => openWarehouse({ dataDir: dir }));
  line(
    `hierarchy load into a new data dir: ${(openMs / 1000).toFixed(2)} s (${warehouse.hierarchyLoaded?.village} villages)`,
  );

  // Baseline: the same rows appended straight into a table of the same shape.
  const appendRaw = (rows: Submission[]) =>
    timed(() =>
      warehouse.write(async ({ connection }) => {
        await connection.run('CREATE TABLE raw_reports AS SELECT * FROM reports LIMIT 0');
        const appender = await connection.createAppender('raw_reports');
        for (const s of rows) {
          if (!s.valid) continue;
          const r = s.report;
          const values = r.indicators as Record<string, IndicatorValue | undefined>;
          appender.appendVarchar(r.village_code);
          appender.appendVarchar(r.period);
          appender.appendVarchar(r.report_id);
          appender.appendVarchar(r.cadre_id ?? '');
          appender.appendVarchar(s.submission_id);
          appender.appendVarchar(s.source_id);
          appender.appendInteger(s.line);
          appender.appendVarchar('imported');
          const submitted = Date.parse(r.submitted_at);
          appender.appendTimestampTZ(timestampTz(submitted)); // submitted_at
          appender.appendTimestampTZ(timestampTz(submitted)); // first_submitted_at
          appender.appendBoolean(true); // on_time
          appender.appendTimestampTZ(timestampTz(Date.parse(s.received_at)));
          appender.appendTimestampTZ(timestampTz(Date.now())); // loaded_at
          appender.appendNull(); // notes
          for (const p of Object.values(s.scores.pillars)) {
            if (p === null) appender.appendNull();
            else appender.appendDouble(p);
          }
          appender.appendDouble(s.scores.dci);
          appender.appendTinyInt(s.scores.stage);
          for (let t = 0; t < 4; t++) appender.appendVarchar(r.village_code.slice(0, 2));
          for (const indicator of INDICATORS) {
            const v = values[indicator.code];
            if (v === undefined) appender.appendNull();
            else if (typeof v === 'boolean') appender.appendBoolean(v);
            else appender.appendDouble(v);
          }
          appender.endRow();
        }
        appender.closeSync();
        await connection.run('DROP TABLE raw_reports');
      }),
    );
  // Warm up the JIT and DuckDB once, so both sides are measured hot.
  await warehouse.write((tx) => applySubmissions(tx, batch(0, BATCH, '2019-01', 20, 'warm')));
  await appendRaw(batch(0, BATCH, '2019-02', 20, 'warm-raw'));
  const [, rawMs] = await appendRaw(batch(0, BATCH, '2020-01', 20, 'baseline'));
  const raw = rate(BATCH, rawMs);
  line(`raw Appender, ${BATCH.toLocaleString('en-US')} rows: ${formatRate(raw)}`);

  const measure = async (label: string, submissions: Submission[]) => {
    const [result, ms] = await timed(() =>
      warehouse.write((tx) => applySubmissions(tx, submissions)),
    );
    const [, refreshMs] = await timed(() =>
      warehouse.write(({ connection }) => refreshAreaScores(connection)),
    );
    const perSecond = rate(submissions.length, ms);
    const counts = result.outcomes.reduce<Record<string, number>>((acc, o) => {
      acc[o.outcome] = (acc[o.outcome] ?? 0) + 1;
      return acc;
    }, {});
    line(
      `${label}: ${formatRate(perSecond)} (${((perSecond / raw) * 100).toFixed(0)} % of raw), ` +
        `aggregate refresh ${refreshMs.toFixed(0)} ms, ${JSON.stringify(counts)}`,
    );
  };

  await measure('upsert 10k new reports, empty store', batch(0, BATCH, '2021-01', 20, 'new'));
  await measure('upsert 10k corrections (updated)', batch(0, BATCH, '2021-01', 25, 'fix'));
  await measure('upsert 10k repeats (ignored)', batch(0, BATCH, '2021-01', 25, 'again'));

  let period = '2022-01';
  for (let loaded = 0; loaded < EXISTING; loaded += 50_000) {
    const size = Math.min(50_000, EXISTING - loaded);
    const rows = batch(loaded, size, period, 20, `fill-${loaded}`);
    await warehouse.write((tx) => applySubmissions(tx, rows));
    if ((loaded + size) % villages.length < size) period = addMonths(period, 1);
  }
  await warehouse.write(({ connection }) => refreshAreaScores(connection));
  line(`(store grown by ${EXISTING.toLocaleString('en-US')} reports)`);
  await measure('upsert 10k new reports, grown store', batch(0, BATCH, '2025-01', 20, 'late'));
  await measure('upsert 10k corrections, grown store', batch(0, BATCH, '2025-01', 25, 'latefix'));
  await warehouse.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
