// Reads a V8 .cpuprofile (node --cpu-prof) and ranks functions by self time: the top frames a
// flame graph shows widest at its tips.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  const node = url.lastIndexOf('node_modules/');
  if (node !== -1) return url.slice(node + 'node_modules/'.length);
  const work = url.search(/\/(apps|packages|pipelines|bench)\//);
  return work === -1 ? url.replace(/^file:\/\//, '') : url.slice(work + 1);
}

/** The functions with the most self time, idle and garbage collection included by name. */
export function topFrames(file: string, count = 10): Frame[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = self.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    self.set(key, entry);
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, share: f.us / total }));
}

export function formatFrames(frames: readonly Frame[]): string {
  return frames
    .map(
      (f, i) =>
        `  ${String(i + 1).padStart(2)}. ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`,
    )
    .join('\n');
}
