// Environment of the warehouse's command-line tools.
import { parseEnv } from '@pantau/config';

export const env = parseEnv(['DATA_DIR'], process.env);

/** Where the user ran `npm` (npm runs a workspace's script in its own folder). */
export const invokedFrom = process.env.INIT_CWD ?? process.cwd();
