import { describe, expect, it } from 'vitest';
import { fillMinutes, latencyOption, minuteLabels, throughputOption } from './pipeline.chart';

const rows = [
  {
    minute: '2024-03-01T06:05:00.000Z',
    imported: 10,
    updated: 2,
    ignored: 1,
    rejected: 3,
    latency_p50_ms: 120,
    latency_p95_ms: 480,
  },
  {
    minute: '2024-03-01T06:06:00.000Z',
    imported: 0,
    updated: 0,
    ignored: 0,
    rejected: 1,
    latency_p50_ms: null,
    latency_p95_ms: null,
  },
];

const names = {
  imported: 'baru',
  updated: 'diperbarui',
  ignored: 'diabaikan',
  rejected: 'ditolak',
};

describe('minuteLabels', () => {
  it('shows each minute in Jakarta time', () => {
    expect(minuteLabels('en', rows)).toEqual(['13:05', '13:06']);
  });
});

describe('throughputOption', () => {
  it('stacks the four outcomes per minute', () => {
    const series = throughputOption('id', rows, names).series as {
      name: string;
      stack: string;
      data: number[];
    }[];
    expect(series.map((s) => s.name)).toEqual(['baru', 'diperbarui', 'diabaikan', 'ditolak']);
    expect(series.every((s) => s.stack === 'outcomes')).toBe(true);
    expect(series[3]!.data).toEqual([3, 1]);
  });
});

describe('latencyOption', () => {
  it('draws p50 and p95 with gaps where nothing was loaded', () => {
    const series = latencyOption('en', rows, { p50: 'p50', p95: 'p95' }).series as {
      data: (number | null)[];
    }[];
    expect(series[0]!.data).toEqual([120, null]);
    expect(series[1]!.data).toEqual([480, null]);
  });
});

describe('fillMinutes', () => {
  it('gives every minute of the window a row, zero where nothing was loaded', () => {
    const filled = fillMinutes(rows, new Date('2024-03-01T06:07:30.000Z'), 4);
    expect(filled.map((r) => r.minute)).toEqual([
      '2024-03-01T06:04:00.000Z',
      '2024-03-01T06:05:00.000Z',
      '2024-03-01T06:06:00.000Z',
      '2024-03-01T06:07:00.000Z',
    ]);
    expect(filled.map((r) => r.imported)).toEqual([0, 10, 0, 0]);
    expect(filled[0]?.latency_p50_ms).toBeNull();
  });
});
