// Environment of the warehouse's command-line tools.
import { parseEnv } from '@pantau/config';

export const env = parseEnv(['DATA_DIR'], process.env);
