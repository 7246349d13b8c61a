/** The one IPC channel the preload uses; every call names a contract method. */
export const IPC_CHANNEL = 'intake:call';

/** The web host's path for contract calls: POST /rpc/<method> with a JSON body. */
export const RPC_PATH_PREFIX = '/rpc/';
export const WEB_TOKEN_HEADER = 'x-intake-token';
