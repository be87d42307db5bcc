// Output helpers shared by the benchmarks.

export function rate(count: number, ms: number): number {
  return (count / ms) * 1000;
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
}

export function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}
