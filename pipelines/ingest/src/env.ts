// Environment of the validate worker process.
import { parseEnv } from '@pantau/config';

export const env = parseEnv(
  ['REDIS_URL', 'QUEUE_PREFIX', 'LOG_LEVEL', 'VALIDATE_LOCK_MS', 'WORKER_HEARTBEAT_FILE'],
  process.env,
);
