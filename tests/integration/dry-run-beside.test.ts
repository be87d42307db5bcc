// A dry run of a large file reads the stored keys beside the loader: live reports keep being
// stored while it runs, and it writes nothing.
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

const ROWS = 250_000;
const villages = [...readVillageCodes()];

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p.stop();
});

function bigFile(): string {
  const lines = ['report_id,village_code,period,submitted_at,gov_online_letters_pct'];
  for (let i = 0; i < ROWS; i++) {
    const village = villages[i % villages.length]!;
    const period = `2023-${String(1 + Math.floor(i / villages.length)).padStart(2, '0')}`;
    lines.push(`d-${i},${village},${period},${period}-25T10:00:00,${i % 100}`);
  }
  return `${lines.join('\n')}\n`;
}

async function importStatus(id: string): Promise<string> {
  const res = await p.call('GET', `/api/v1/imports/${id}?errors_limit=0`);
  return ((await res.json()) as { status: string }).status;
}

it('stores live reports while a 250,000-row dry run runs, and the dry run writes nothing', async () => {
  const posted = await p.call('POST', '/api/v1/imports?dry_run=true', bigFile(), {
    'content-type': 'text/csv',
  });
  expect(posted.status).toBe(202);
  const { import_id } = (await posted.json()) as { import_id: string };

  const live = await p.call(
    'POST',
    '/api/v1/reports',
    JSON.stringify({
      report_id: 'live-1',
      village_code: '15.02.02.2004',
      period: '2024-05',
      submitted_at: '2024-05-20T09:00:00+07:00',
      indicators: { mob_signal_level: 3 },
    }),
    { 'content-type': 'application/json' },
  );
  const { submissions } = (await live.json()) as { submissions: { submission_id: string }[] };
  await p.waitUntil(async () => {
    const res = await p.call('GET', `/api/v1/submissions/${submissions[0]!.submission_id}`);
    return res.status === 200;
  }, 'the live report');
  // Stored while the dry run was still reading its file.
  expect(await importStatus(import_id)).not.toBe('completed');

  const summary = await p.waitUntil(
    async () => {
      const res = await p.call('GET', `/api/v1/imports/${import_id}?errors_limit=0`);
      const body = (await res.json()) as { status: string; rows: number; imported: number };
      return body.status === 'completed' ? body : null;
    },
    'the dry run',
    120_000,
  );
  expect(summary).toMatchObject({ rows: ROWS, imported: ROWS });
  const stored = await p.warehouse.db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(stored.n).toBe(1);
}, 180_000);
