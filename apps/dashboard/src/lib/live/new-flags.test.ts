import { describe, expect, it } from 'vitest';
import { newFlagsLink } from './new-flags';

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
