import pkg from '../../../package.json';

/** Written into each backup's manifest: which app, at which version, made it. */
export const APP_NAME: string = pkg.name;
export const APP_VERSION: string = pkg.version;
