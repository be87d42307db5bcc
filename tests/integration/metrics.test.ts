// GET /metrics after a load: the loader's histograms, outcomes, queues and HTTP routes carry
// the load, and every metric the Grafana dashboard reads is in the scrape.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

const DASHBOARD = new URL('../../ops/grafana/pantau.json', import.meta.url);

const CSV = [
  'report_id,village_code,period,submitted_at,gov_online_letters_pct',
  'm-1,15.02.02.2004,2023-03,2023-03-20T09:00:00,40',
  'm-2,15.02.06.2026,2023-03,2023-03-20T09:00:00,60',
  'm-3,15.02.08.2002,2023-03,2023-03-20T09:00:00,80',
  'm-4,15.02.02.2004,2023-02,2023-03-20T09:00:00,101',
].join('\n');

let p: Pipeline;
let scrape: string;

/** The value of one sample line: `name{labels} value`, labels as written by prom-client. */
function sample(name: string, labels = ''): number | undefined {
  const prefix = labels ? `${name}{${labels}} ` : `${name} `;
  const line = scrape.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}

beforeAll(async () => {
  p = await startPipeline();
  const summary = await p.importFile(CSV, 'text/csv');
  expect([summary.imported, summary.rejected]).toEqual([3, 1]);
  // A read, computed then served from the cache.
  for (let i = 0; i < 2; i++) await (await p.call('GET', '/api/v1/scores?level=province')).text();
  const res = await p.call('GET', '/api/v1/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  scrape = await res.text();
});

afterAll(async () => {
  await p.stop();
});

describe('GET /metrics after an import', () => {
  it('counts the loaded reports by outcome', () => {
    expect(sample('pantau_reports_total', 'outcome="imported"')).toBe(3);
    expect(sample('pantau_reports_total', 'outcome="rejected"')).toBe(1);
  });

  it("observes the loader's batches and every report's wait from receipt to commit", () => {
    const batches = sample('pantau_loader_batch_size_count')!;
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(sample('pantau_loader_batch_size_sum')).toBe(4);
    expect(sample('pantau_loader_batch_duration_seconds_count')).toBe(batches);
    expect(sample('pantau_report_load_latency_seconds_count')).toBe(4);
    expect(sample('pantau_report_load_latency_seconds_sum')).toBeGreaterThan(0);
  });

  it('shows the queues by state and the HTTP routes by pattern', () => {
    expect(sample('bullmq_job_count', 'queue="reports.load",state="completed"')).toBeGreaterThan(0);
    expect(sample('bullmq_job_count', 'queue="reports.load",state="failed"')).toBe(0);
    expect(
      sample(
        'pantau_http_request_duration_seconds_count',
        'method="POST",route="/api/v1/imports",status="202"',
      ),
    ).toBe(1);
    // Polled by id: one series for the route, whatever the id.
    expect(scrape).toContain('route="/api/v1/imports/:import_id"');
    expect(scrape).not.toMatch(/route="\/api\/v1\/imports\/imp/);
    expect(sample('pantau_live_connections')).toBe(0);
    expect(sample('pantau_read_cache_requests_total', 'result="hit"')).toBe(1);
  });

  it('holds every metric the Grafana dashboard reads', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.panels.length).toBeGreaterThan(0);
    for (const panel of dashboard.panels) {
      const names = panel.targets.flatMap((t) => t.expr.match(/\b(?:pantau|bullmq)_\w+/g) ?? []);
      expect([panel.title, names.length > 0]).toEqual([panel.title, true]);
      for (const name of names) {
        expect([panel.title, name, new RegExp(`^${name}[{ ]`, 'm').test(scrape)]).toEqual([
          panel.title,
          name,
          true,
        ]);
      }
    }
  });
});
