// Environment of `npm start` (passed on to every process it starts) and of the demo feeder.
import { parseEnv } from '@pantau/config';

export const env = parseEnv(
  [
    'API_PORT',
    'API_URL',
    'DASHBOARD_PORT',
    'REDIS_URL',
    'QUEUE_PREFIX',
    'DATA_DIR',
    'ADMIN_TOKEN',
    'DEMO',
    'PUBLIC_READ',
    'LOG_LEVEL',
    'VALIDATE_WORKERS',
  ],
  process.env,
);
