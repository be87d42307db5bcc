// The tokens CLI's environment: the data dir (resolved against where npm was started, as the
// stack resolves it) and the admin token for --api.
import { resolve } from 'node:path';
import { parseEnv } from '@pantau/config';

export const env = parseEnv(['DATA_DIR', 'ADMIN_TOKEN'], process.env);

/** DATA_DIR as the user meant it: `npm run -w` moves the working directory into the package. */
export const dataDir = resolve(process.env.INIT_CWD || process.cwd(), env.DATA_DIR);
