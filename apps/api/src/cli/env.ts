// Environment of the token command-line tool, parsed once at start.
import { parseEnv } from '@pantau/config';

export const env = parseEnv(['DATA_DIR', 'ADMIN_TOKEN'], process.env);
