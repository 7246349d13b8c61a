import type { IntakeBridge, Method, MethodInput, MethodOutput } from '../../shared/contract';
import { isRpcError, type RpcError, type RpcResult } from '../../shared/errors';
import { RPC_PATH_PREFIX, WEB_TOKEN_HEADER } from '../../shared/ipc';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web host. */
    readonly intake?: IntakeBridge;
  }
}

/**
 * Why the web host refused a call: the error of its JSON body ({ ok: false, error }) when it sent
 * one (413 request_too_large, 400 invalid_input), forbidden for a refused token, internal otherwise.
 */
async function refusalOf(response: Response): Promise<RpcError> {
  if (response.status === 401) return { code: 'forbidden' };
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return { code: 'internal' };
  try {
    const body: unknown = await response.json();
    const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    return isRpcError(error) ? error : { code: 'internal' };
  } catch {
    return { code: 'internal' };
  }
}

/** The same contract over loopback HTTP, for the web host. The token comes in the URL's fragment. */
function httpBridge(): IntakeBridge {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  return {
    async call<M extends Method>(method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>> {
      try {
        const response = await fetch(`${RPC_PATH_PREFIX}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: token },
          body: JSON.stringify(input),
        });
        if (!response.ok) return { ok: false, error: await refusalOf(response) };
        return (await response.json()) as RpcResult<MethodOutput<M>>;
      } catch {
        return { ok: false, error: { code: 'internal' } };
      }
    },
  };
}

export const bridge: IntakeBridge = window.intake ?? httpBridge();

/** Thrown by call() so screens can show `errors.<code>` in the user's language. */
export class CallFailed extends Error {
  constructor(readonly error: RpcError) {
    super(error.code);
  }
}

/** Main's refusal carried by a failed call, or internal for anything else thrown. */
export function rpcErrorOf(error: unknown): RpcError {
  return error instanceof CallFailed ? error.error : { code: 'internal' };
}

export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await bridge.call(method, input);
  if (result.ok) return result.value;
  throw new CallFailed(isRpcError(result.error) ? result.error : { code: 'internal' });
}
