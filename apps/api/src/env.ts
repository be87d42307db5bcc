// The API process's environment, parsed once at start.
import { parseEnv } from '@pantau/config';
import { LIMIT_VARS } from './deps';

export const env = parseEnv(
  [
    'API_PORT',
    'REDIS_URL',
    'QUEUE_PREFIX',
    'DATA_DIR',
    'ADMIN_TOKEN',
    'PUBLIC_READ',
    'LOG_LEVEL',
    'LOADER_LOCK_MS',
    ...LIMIT_VARS,
    'LIVE_MAX_CONNECTIONS',
    'LIVE_CLIENT_BUFFER_BYTES',
    'LAKE',
    'LAKE_INTERVAL_S',
    'CHROMIUM_PATH',
  ],
  process.env,
);
