// Environment of the validate worker process and the import CLI.
import { parseEnv } from '@pantau/config';

export const env = parseEnv(
  [
    'REDIS_URL',
    'QUEUE_PREFIX',
    'LOG_LEVEL',
    'API_PORT',
    'ADMIN_TOKEN',
    'VALIDATE_LOCK_MS',
    'WORKER_HEARTBEAT_FILE',
  ],
  process.env,
);
