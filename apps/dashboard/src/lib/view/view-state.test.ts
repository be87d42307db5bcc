import { describe, expect, it } from 'vitest';
import {
  areaPath,
  asOfDayOf,
  asOfTimestamp,
  childLevelOf,
  hrefWith,
  metricOf,
  periodOf,
} from './view-state';

const here = new URL(
  'http://pantau.test/explore/15?lang=en&period=2024-03&pillar=economy&sort=name',
);

describe('hrefWith', () => {
  it('carries language, period and pillar to another page, and nothing else', () => {
    expect(hrefWith(here, '/village/15.02.02.2004')).toBe(
      '/village/15.02.02.2004?lang=en&period=2024-03&pillar=economy',
    );
  });

  it('keeps every parameter on the same page and applies the changes', () => {
    expect(hrefWith(here, '/explore/15', { sort: 'dci', dir: 'asc' })).toBe(
      '/explore/15?lang=en&period=2024-03&pillar=economy&sort=dci&dir=asc',
    );
    expect(hrefWith(here, '/explore/15', { sort: null })).toBe(
      '/explore/15?lang=en&period=2024-03&pillar=economy',
    );
  });

  it('leaves defaults out of the URL', () => {
    expect(hrefWith(here, '/', { lang: 'id', pillar: 'dci', period: null })).toBe('/');
  });
});

describe('reading the view state', () => {
  it('takes a valid period and pillar, and falls back otherwise', () => {
    expect(periodOf(here)).toBe('2024-03');
    expect(metricOf(here)).toBe('economy');
    const bad = new URL('http://pantau.test/?period=2024-13&pillar=happiness');
    expect(periodOf(bad)).toBeNull();
    expect(metricOf(bad)).toBe('dci');
  });
});

describe('areas and levels', () => {
  it('sends villages to their profile and other areas to explore', () => {
    expect(areaPath('15.02.02.2004', 'village')).toBe('/village/15.02.02.2004');
    expect(areaPath('15.02', 'regency')).toBe('/explore/15.02');
  });

  it('steps down one level', () => {
    expect(childLevelOf('country')).toBe('province');
    expect(childLevelOf('district')).toBe('village');
    expect(childLevelOf('village')).toBeNull();
  });
});

describe('as of', () => {
  it('reads a real day from the URL and gives the end of it in Jakarta', () => {
    expect(asOfDayOf(new URL('http://x/explore/15?as_of=2024-07-01'))).toBe('2024-07-01');
    expect(asOfDayOf(new URL('http://x/explore/15?as_of=2024-13-45'))).toBeNull();
    expect(asOfDayOf(new URL('http://x/explore/15?as_of=yesterday'))).toBeNull();
    expect(asOfTimestamp('2024-07-01')).toBe('2024-07-01T23:59:59+07:00');
  });
});
