// Where ../shared is, relative to the project root; the checks fail loudly when it is missing.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = resolve(process.env.CLAIMLIGHT_SHARED ?? '../shared');
if (!existsSync(SHARED_DIR)) throw new Error(`../shared not found at ${SHARED_DIR}: these checks need the team's shared folder.`);
