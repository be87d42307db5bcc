// DESIGN.md, Default period: reads without a period show the latest closed month (the month
// before now, Asia/Jakarta), or the latest month with reports when that one has none.
import { describe, expect, it } from 'vitest';
import { FEBRUARY, MARCH } from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

/** The fixture holds reports for February and March 2023. */
const inMarch = useReadApp({ clock: () => new Date('2023-03-15T10:00:00+07:00') });
const onFirstOfApril = useReadApp({ clock: () => new Date('2023-04-01T00:30:00+07:00') });
const aYearLater = useReadApp({ clock: () => new Date('2024-03-15T10:00:00+07:00') });

describe('the default period', () => {
  it('is the month before now while the current one is still being reported', async () => {
    const { body } = await inMarch.get('/scores?level=province');
    expect(body.period).toBe(FEBRUARY);
    // The current month stays there for whoever asks for it.
    expect((await inMarch.get(`/scores?level=province&period=${MARCH}`)).body.period).toBe(MARCH);
  });

  it('turns with the month in Jakarta time, not UTC', async () => {
    // 1 April 00:30 in Jakarta is still 31 March in UTC: March is already closed.
    expect((await onFirstOfApril.get('/scores?level=province')).body.period).toBe(MARCH);
  });

  it('falls back to the latest month with reports when the closed month has none', async () => {
    expect((await aYearLater.get('/scores?level=province')).body.period).toBe(MARCH);
    expect((await aYearLater.get('/timeseries')).body.to).toBe(MARCH);
  });
});
