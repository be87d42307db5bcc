import { describe, expect, it } from 'vitest';
import type { ReportsLoadedEvent } from '@pantau/domain';
import { isLoad, newFlagsLink, withRefreshFlags } from './new-flags';

const overview = new URL('http://pantau.test/?lang=en&pillar=digital&period=2024-01');
const flags = (history: number, peer = 0, stuck = 0) => ({
  total: history + peer + stuck,
  history,
  peer,
  stuck,
});

describe('newFlagsLink', () => {
  it('links the new flags to the quality page of the latest period the load touched', () => {
    expect(
      newFlagsLink(overview, {
        periods: ['2024-05', '2024-06', '2024-04'],
        new_flags: flags(2, 1),
      }),
    ).toEqual({
      count: 3,
      key: 'live.newFlags',
      href: '/kualitas?lang=en&pillar=digital&period=2024-06',
    });
  });

  it('filters by method when all the new flags share one, and says one flag in the singular', () => {
    expect(
      newFlagsLink(new URL('http://pantau.test/'), {
        periods: ['2024-05'],
        new_flags: flags(0, 1),
      }),
    ).toEqual({
      count: 1,
      key: 'live.newFlag',
      href: '/kualitas?period=2024-05&method=peer',
    });
  });

  it('clears the flags table’s other filters when linking from the quality page itself', () => {
    const quality = new URL('http://pantau.test/kualitas?status=confirmed&indicator=x&page=3');
    expect(newFlagsLink(quality, { periods: ['2024-05'], new_flags: flags(0, 0, 2) })?.href).toBe(
      '/kualitas?period=2024-05&method=stuck',
    );
  });

  it('shows nothing for a load that raised no flags, or an event without the field', () => {
    expect(newFlagsLink(overview, { periods: ['2024-05'], new_flags: flags(0) })).toBeNull();
    expect(newFlagsLink(overview, { periods: ['2024-05'] })).toBeNull();
  });
});

describe('withRefreshFlags', () => {
  const none = { imported: 0, updated: 0, ignored: 0, rejected: 0 };
  const event = (
    batch_id: string,
    imported: number,
    districts: string[],
    new_flags = flags(0),
  ): ReportsLoadedEvent => ({
    type: 'reports.loaded',
    batch_id,
    committed_at: '2024-06-01T00:00:00.000Z',
    counts: { ...none, imported },
    district_counts: {},
    periods: ['2024-05'],
    districts,
    sources: [],
    latency_ms: { min: 0, p50: 0, max: 0 },
    new_flags,
    district_flags: {},
  });
  const bangko = event('b', 1, ['15.02.02'], flags(1));
  const kerinci = event('k', 2, ['15.01.01']);
  const older = event('o', 1, ['15.02.02']);

  it('adds a refresh’s flags to the newest load of a kecamatan it refreshed', () => {
    const refresh = event('r', 0, ['15.02.02', '15.03.01'], flags(1, 2));
    expect(isLoad(refresh)).toBe(false);
    expect(isLoad(kerinci)).toBe(true);
    const feed = withRefreshFlags([kerinci, bangko, older], refresh);
    expect(feed.map((e) => [e.batch_id, e.new_flags])).toEqual([
      ['k', flags(0)],
      ['b', flags(2, 2)],
      ['o', flags(0)],
    ]);
  });

  it('leaves the feed as it was for a refresh that raised no flag or refreshed no load listed', () => {
    const feed = [kerinci, bangko];
    expect(withRefreshFlags(feed, event('r', 0, ['15.02.02']))).toBe(feed);
    expect(withRefreshFlags(feed, event('r', 0, ['16.01.01'], flags(1)))).toBe(feed);
  });
});
