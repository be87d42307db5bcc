// A clock that ticks once a second, for "updated 3 s ago" labels; it runs only in the browser.

const TICK_MS = 1_000;

class Clock {
  now = $state(Date.now());
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    if (this.timer !== null || typeof window === 'undefined') return;
    this.timer = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
  }
}

export const clock = new Clock();
