// The syncdeck version this process runs, recorded with its instance row.
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
