// The Docker deployment's safe defaults, read from docker-compose.yml and the Dockerfiles (no
// Docker engine needed): no admin token by default, the API not published beyond the host.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}/${path}`, 'utf8');

interface Service {
  environment?: Record<string, string>;
  ports?: string[];
  restart?: string;
  stop_grace_period?: string;
  healthcheck?: { test?: string[] };
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
};

describe('docker-compose.yml', () => {
  const withToken = Object.entries(compose.services).filter(
    ([, service]) => service.environment?.ADMIN_TOKEN !== undefined,
  );

  it('refuses to start without ADMIN_TOKEN, in every service that takes it', () => {
    expect(withToken.map(([name]) => name)).toEqual(expect.arrayContaining(['api', 'demo']));
    for (const [name, service] of withToken) {
      // ${VAR:?message} makes compose stop with the message when VAR is unset or empty.
      expect([name, service.environment!.ADMIN_TOKEN]).toEqual([
        name,
        expect.stringMatching(/^\$\{ADMIN_TOKEN:\?[^}]+\}$/),
      ]);
    }
  });

  it('gives ADMIN_TOKEN no default anywhere', () => {
    expect(read('docker-compose.yml')).not.toMatch(/ADMIN_TOKEN:?-/);
  });

  it('says how to make one in the message, without a $ that compose would read', () => {
    for (const [, service] of withToken) {
      const message = /^\$\{ADMIN_TOKEN:\?(.*)\}$/.exec(service.environment!.ADMIN_TOKEN!)?.[1];
      expect(message).toMatch(/at least 16 characters/);
      expect(message).not.toMatch(/[$}]/);
    }
  });

  it('publishes the API on the host only', () => {
    expect(compose.services.api!.ports).toEqual(['127.0.0.1:8787:8787']);
  });
});

describe('the dashboard image', () => {
  it('passes on uploads up to a bound, not of any size', () => {
    const dockerfile = read('apps/dashboard/Dockerfile');
    expect(dockerfile).toMatch(/BODY_SIZE_LIMIT=\d+[KMG]?\b/);
    expect(dockerfile).not.toMatch(/Infinity/);
  });
});

/** A compose duration (`90s`, `1m30s`) in seconds. */
function seconds(duration: string): number {
  const parts = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (!parts || duration === '') throw new Error(`not a duration: ${duration}`);
  return Number(parts[1] ?? 0) * 60 + Number(parts[2] ?? 0);
}

/**
 * The longest a loader batch may take before the API can stop cleanly: 130,000 reports at the
 * slowest rate measured for a whole-pipeline import here (16 k/s) is 8 s, and a commit waits on
 * the machine's other work; then DuckDB checkpoints. Several times that, for a busy host.
 */
const SLOWEST_BATCH_S = 60;

describe('docker-compose.yml, for production', () => {
  const services = Object.entries(compose.services);

  it('restarts every service that stops on its own', () => {
    for (const [name, service] of services) {
      expect([name, service.restart]).toEqual([
        name,
        expect.stringMatching(/^(unless-stopped|always|on-failure)$/),
      ]);
    }
  });

  it('checks the health of every service', () => {
    for (const [name, service] of services) {
      expect([name, service.healthcheck?.test?.[0]]).toEqual([name, 'CMD']);
    }
  });

  it('gives the API longer to stop than a loader batch takes', () => {
    expect(seconds(compose.services.api!.stop_grace_period!)).toBeGreaterThan(SLOWEST_BATCH_S);
    // Compose's default (10 s) would cut a validate worker's chunk of 1,000 rows short.
    expect(seconds(compose.services.workers!.stop_grace_period!)).toBeGreaterThan(10);
  });
});

/** A Dockerfile's stages: each FROM line and the instructions after it, continuations joined. */
function stages(dockerfile: string): { from: string; lines: string[] }[] {
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const result: { from: string; lines: string[] }[] = [];
  for (const line of instructions) {
    if (line.startsWith('FROM ')) result.push({ from: line, lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

describe.each([
  ['apps/api/Dockerfile', '@pantau/api', 'dist/main.js'],
  ['pipelines/ingest/Dockerfile', '@pantau/ingest', 'dist/validate-worker.main.js'],
  ['apps/stack/Dockerfile', '@pantau/stack', 'dist/demo.main.js'],
  ['apps/dashboard/Dockerfile', '@pantau/dashboard', 'build/index.js'],
])('%s', (path, workspace, entry) => {
  const all = stages(read(path));
  const final = all.at(-1)!;
  const named = (name: string) => all.find((s) => s.from.endsWith(` AS ${name}`));

  it('builds in one stage and runs from another', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(named('build')?.lines.join('\n')).toMatch(
      /npm ci .*&& (npm run build|npx turbo run build)/,
    );
    expect(final.lines).toContain('COPY --from=production-deps /app/node_modules ./node_modules');
    expect(final.lines.join('\n')).not.toMatch(/^COPY \. /m);
  });

  it('installs the production dependencies of its workspace alone', () => {
    expect(named('production-deps')?.lines.join('\n')).toMatch(
      new RegExp(`npm (ci|install) --omit=dev --workspace ${workspace} `),
    );
  });

  it('runs compiled JavaScript with node, not TypeScript through tsx', () => {
    const cmd = final.lines.find((line) => line.startsWith('CMD '));
    expect(cmd).toMatch(new RegExp(`^CMD \\["node", (".*", )?"${entry.replace('.', '\\.')}"\\]$`));
    expect(read(path)).not.toMatch(/tsx|\.ts"/);
  });

  it('runs as a user without root rights', () => {
    expect(final.lines.filter((line) => line.startsWith('USER ')).at(-1)).toBe('USER node');
  });

  it('says how to check its health', () => {
    expect(final.lines.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(
      /--interval=\d+s .*CMD \["node", "-e", /,
    );
  });
});
