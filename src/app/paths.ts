import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root: bundled rules and the demo live there whatever the cwd is. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_RULES = path.join(PACKAGE_ROOT, 'rules', 'default.yaml');
