// Demo feeder on its own (docker compose --profile demo): seeds a running API, then streams.
import { mkdirSync } from 'node:fs';
import { seedHistory, streamDemo } from './demo';
import { env } from './env';

const say = (line: string) => process.stdout.write(`${line}\n`);
if (!env.ADMIN_TOKEN) throw new Error('ADMIN_TOKEN is required to feed the demo');
mkdirSync(env.DATA_DIR, { recursive: true });

const live = new AbortController();
process.on('SIGTERM', () => live.abort());
process.on('SIGINT', () => live.abort());
await seedHistory(env.API_URL, env.ADMIN_TOKEN, env.DATA_DIR, say);
say('streaming live reports; stop with Ctrl-C');
await streamDemo(env.API_URL, env.ADMIN_TOKEN, live.signal, say);
