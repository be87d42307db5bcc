import { describe, expect, it } from 'vitest';
import type { Bulletin } from './bulletin-data';
import { bulletinHtml } from './bulletin-html';

const pillars = {
  people: 75,
  government: 40,
  economy: null,
  environment: null,
  living: null,
  mobility: 100,
};

const bulletin: Bulletin = {
  area: { code: '15.02', name: 'Kabupaten <Merangin>', level: 'regency', parents: ['Jambi'] },
  period: '2023-03',
  child_level: 'district',
  kpis: {
    dci: 63.25,
    stage: 3,
    dci_change: 23.25,
    villages_reporting: 2,
    villages_expected: 3,
    reporting_rate: 2 / 3,
    on_time: 1,
    on_time_rate: 1 / 3,
  },
  pillars,
  trend: [
    { period: '2023-01', dci: null },
    { period: '2023-02', dci: 40 },
    { period: '2023-03', dci: 63.25 },
  ],
  children: [
    {
      rank: 1,
      code: '15.02.02',
      name: 'Bangko',
      dci: 70,
      stage: 3,
      pillars,
      reported: 2,
      expected: 2,
      rate: 1,
    },
  ],
  missing: {
    total: 1,
    villages: [{ code: '15.02.06.2012', name: 'Pauh Menang', district_name: 'Pamenang' }],
  },
  generated_at: '2023-04-11T01:00:00.000Z',
};

describe('bulletinHtml', () => {
  it('writes the month in Indonesian with decimal commas, names escaped', () => {
    const html = bulletinHtml(bulletin, 'id');
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Kabupaten &lt;Merangin&gt;');
    expect(html).not.toContain('<Merangin>');
    expect(html).toContain('Maret 2023');
    expect(html).toContain('63,3');
    expect(html).toContain('+23,3');
    expect(html).toContain('66,7%');
    expect(html).toContain('Desa yang belum melapor (1)');
    expect(html).toContain('Pauh Menang');
    // Pillar columns by their short names.
    expect(html).toMatch(/<th class="num pillar">Warga<\/th>/);
  });

  it('writes English with English pillar names and no script or outside resource', () => {
    const html = bulletinHtml(bulletin, 'en');
    expect(html).toContain('March 2023');
    expect(html).toContain('Villages that have not reported (1)');
    expect(html).toMatch(/<th class="num pillar">People<\/th>/);
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('breaks the trend line at a month without reports', () => {
    const html = bulletinHtml(
      {
        ...bulletin,
        trend: [
          ...bulletin.trend,
          { period: '2023-04', dci: null },
          { period: '2023-05', dci: 50 },
        ],
      },
      'id',
    );
    expect(html.match(/<polyline /g)).toHaveLength(2);
  });
});
