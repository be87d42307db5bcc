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
