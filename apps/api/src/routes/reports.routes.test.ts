// POST /reports at the door: per-token limits, bodies that are not UTF-8, a queue that is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TEST_LIMITS,
  createTestApp,
  TEST_ADMIN_TOKEN,
  type TestApp,
} from '../testing/test-app';

const PER_MINUTE = 5;

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    limits: { ...DEFAULT_TEST_LIMITS, submitPerMinute: PER_MINUTE },
    // The limiter refills with the app's clock: a still one, so no refill lands between posts.
    clock: () => new Date('2024-02-01T00:00:00Z'),
  });
});

afterAll(async () => {
  await t.close();
});

const report = (i: number) => ({
  report_id: `rate-${i}`,
  village_code: '15.02.02.2004',
  period: '2024-01',
  submitted_at: '2024-01-20T09:00:00+07:00',
  indicators: { mob_signal_level: 3 },
});

function post(body: string | Uint8Array) {
  return t.app.request('/api/v1/reports', {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
  });
}

describe('POST /reports', () => {
  it('takes a minute’s worth of reports from a token, then answers 429 with Retry-After', async () => {
    const burst = await post(JSON.stringify([1, 2, 3, 4].map(report)));
    expect(burst.status).toBe(202);
    expect((await post(JSON.stringify(report(5)))).status).toBe(202);
    const refused = await post(JSON.stringify(report(6)));
    expect(refused.status).toBe(429);
    // One report a 12 s at 5 a minute.
    expect(refused.headers.get('retry-after')).toBe('12');
    expect(await refused.json()).toMatchObject({
      error: { code: 'too_many_requests', message: expect.stringMatching(/5 reports a minute/) },
    });
  });

  it('refuses a body that is not UTF-8 instead of replacing its bytes', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"report_id": "r'),
      Buffer.from([0xff]),
      Buffer.from('", "village_code": "15.02.02.2004"}'),
    ]);
    const res = await post(bytes);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringMatching(/not valid UTF-8/) },
    });
  });
});
