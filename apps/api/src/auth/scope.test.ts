import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { Principal } from './principal';
import { assertMayRead, assertMayReportFor, isInside, mayRead, mayReportFor } from './scope';

const as = (role: Principal['role'], scope: string | null = null): Principal => ({
  token_id: 't',
  name: 'n',
  role,
  scope,
});

describe('isInside', () => {
  it('holds the scope itself and the codes below it, not codes that merely share digits', () => {
    expect(isInside('15.02', '15.02')).toBe(true);
    expect(isInside('15.02', '15.02.02.2004')).toBe(true);
    expect(isInside('15', '15.02')).toBe(true);
    expect(isInside('15.0', '15.02')).toBe(false);
    expect(isInside('15', '151')).toBe(false);
    expect(isInside('15.02', '15')).toBe(false);
  });
});

describe('mayRead', () => {
  it('lets every role but a lead read anywhere, the whole country included', () => {
    for (const role of ['analyst', 'engineer', 'admin', 'anonymous'] as const) {
      expect(mayRead(as(role), null)).toBe(true);
      expect(mayRead(as(role), '33')).toBe(true);
    }
  });

  it('keeps a lead inside its province or kabupaten', () => {
    const lead = as('lead', '15.02');
    expect(mayRead(lead, '15.02.06')).toBe(true);
    expect(mayRead(lead, '15.01')).toBe(false);
    expect(mayRead(lead, '15')).toBe(false);
    expect(mayRead(lead, null)).toBe(false);
    expect(mayRead(as('lead', null), '15')).toBe(false);
  });

  it('refuses with a 403 naming the parameter', () => {
    const refuse = () => assertMayRead(as('lead', '15.02'), '33', 'parent');
    expect(refuse).toThrow(ApiError);
    expect(refuse).toThrow(/only inside 15\.02; parent names 33/);
    try {
      refuse();
    } catch (error) {
      expect((error as ApiError).status).toBe(403);
    }
  });
});

describe('mayReportFor', () => {
  it('lets a cadre report only for its own village', () => {
    const cadre = as('cadre', '15.02.02.2004');
    expect(mayReportFor(cadre, '15.02.02.2004')).toBe(true);
    expect(mayReportFor(cadre, '15.02.02.2024')).toBe(false);
    expect(() => assertMayReportFor(cadre, '15.02.02.2024')).toThrow(
      /only for village 15\.02\.02\.2004/,
    );
  });

  it('lets engineers and admins report for any village, and no reader role', () => {
    expect(mayReportFor(as('engineer'), '33.01.01.2001')).toBe(true);
    expect(mayReportFor(as('admin'), '33.01.01.2001')).toBe(true);
    for (const role of ['analyst', 'lead', 'anonymous'] as const) {
      expect(mayReportFor(as(role, '15'), '15.02.02.2004')).toBe(false);
    }
    expect(() => assertMayReportFor(as('analyst'), '15.02.02.2004')).toThrow(ApiError);
  });
});
