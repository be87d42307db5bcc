import { describe, expect, it } from 'vitest';
import { completenessOption } from './completeness.chart';

describe('completenessOption', () => {
  it('draws rates as percentages with the first area on top', () => {
    const option = completenessOption(
      'en',
      [
        {
          code: '15.02',
          name: 'Merangin',
          expected: 10,
          reported: 9,
          on_time: 8,
          rate: 0.9,
          on_time_rate: 0.8,
        },
        {
          code: '15.01',
          name: 'Kerinci',
          expected: 0,
          reported: 0,
          on_time: 0,
          rate: null,
          on_time_rate: null,
        },
      ],
      { rate: 'Reporting rate', onTime: 'On-time rate' },
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['Kerinci', 'Merangin']);
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series[0]).toMatchObject({ name: 'Reporting rate', data: [null, 90] });
    expect(series[1]!.data[1]).toBeCloseTo(80, 10);
  });
});
