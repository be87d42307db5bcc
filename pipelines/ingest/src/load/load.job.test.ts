import { describe, expect, it } from 'vitest';
import { loadJobId } from './load.job';

describe('loadJobId', () => {
  it('names a group of validate jobs after the first one and its size', () => {
    expect(loadJobId(['imp-1.0'])).toBe('load.imp-1.0');
    expect(loadJobId(['api-x.0', 'api-y.0', 'api-z.0'])).toBe('load.api-x.0.3');
  });
});
