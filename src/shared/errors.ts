/**
 * Every failure that may cross from main to the renderer or the CLI. The UI shows
 * `errors.<code>` in the user's language; params fill the message. Never put a
 * person's data or a stack trace in here.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'forbidden',
  'not_signed_in',
  'locked',
  'already_set_up',
  'not_set_up',
  'vault_newer',
  'vault_damaged',
  'wrong_credentials',
  'wrong_recovery_key',
  'throttled',
  'password_too_short',
  'password_too_long',
  'password_common',
  'user_exists',
  'not_found',
  'last_supervisor',
  'consent_required',
  'pdf_unavailable',
  'need_exists',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export interface RpcError {
  code: ErrorCode;
  params?: ErrorParams;
  /** For invalid_input: which fields failed, by path and rule, never by value. */
  fields?: { path: string; rule: string }[];
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** Thrown by core services; dispatch turns it into an RpcError. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: ErrorParams,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function isRpcError(value: unknown): value is RpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code)
  );
}
