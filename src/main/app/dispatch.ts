import { CHANNELS, contract, isMethod, type Access, type Channel, type Method, type ParsedInput } from '../../shared/contract';
import { AppError, type RpcError, type RpcResult } from '../../shared/errors';
import type { IntakeCore } from './intake-core';
import type { AuditDraft } from '../audit/audit-log';
import { handlers } from './handlers';
import { AUDITED_CALLS, BEFORE_CALLS } from './audit-events';
import { failureOf } from './failures';
import { invalidFieldsOf } from './invalid-fields';

export type DispatchLog = (line: string) => void;

export interface DispatchOptions<T = unknown> {
  /**
   * Hands the result over inside the call's transaction (the CLI writes an exported file here):
   * when it fails, the call's change and its audit entry are rolled back with it.
   */
  deliver?: (value: T) => Promise<void> | void;
}

/** Deny by default: the state must be listed, and a signed-in caller's role must be listed. */
function accessError(access: Access, core: IntakeCore, channel: Channel): RpcError | undefined {
  if (!(access.channels ?? CHANNELS).includes(channel)) return { code: 'forbidden' };
  const state = core.stateName;
  if (!access.states.includes(state)) {
    if (state === 'locked') return { code: 'locked' };
    if (state === 'not-set-up') return { code: 'not_set_up' };
    if (access.states.length === 1 && access.states[0] === 'not-set-up') return { code: 'already_set_up' };
    if (state === 'signed-out' && access.states.includes('signed-in')) return { code: 'not_signed_in' };
    return { code: 'forbidden' };
  }
  if (state === 'signed-in' || state === 'locked') {
    const role = core.user?.role;
    if (!role || !access.roles.includes(role)) return { code: 'forbidden' };
  }
  if (state === 'signed-in' && core.user?.passwordChangeDue === true && access.whilePasswordChangeDue !== true) {
    return { code: 'password_change_due' };
  }
  return undefined;
}

/**
 * The single entry for every call, from IPC, the web host or the CLI: checks the method exists,
 * validates its input against the contract, checks the caller's state and role, then runs its
 * handler. Calls run one at a time, so a sign-in and a lock can never interleave.
 */
export class Dispatcher {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly core: IntakeCore,
    private readonly channel: Channel,
    // Only method names and error codes are ever logged: never input, never values.
    private readonly log: DispatchLog = (line) => console.error(line),
  ) {}

  dispatch(method: unknown, input: unknown, options: DispatchOptions = {}): Promise<RpcResult<unknown>> {
    // Reads only what the core holds in memory: answered beside the long call it reports on.
    if (isMethod(method) && contract[method].access.unqueued) return this.run(method, input, options);
    const run = this.queue.then(() => this.run(method, input, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(method: unknown, input: unknown, options: DispatchOptions): Promise<RpcResult<unknown>> {
    if (!isMethod(method)) return { ok: false, error: { code: 'unknown_method' } };
    const spec = contract[method];
    // Access first: a caller who may not call the method learns nothing of its schema.
    const denied = accessError(spec.access, this.core, this.channel);
    if (denied) return { ok: false, error: denied };
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', fields: invalidFieldsOf(parsed.error.issues) } };
    try {
      const value = await this.runAudited(method, parsed.data as ParsedInput<typeof method>, options);
      if (this.core.stateName === 'signed-in' && method !== 'session.lock') this.core.touch();
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}), ...(error.fields ? { fields: error.fields } : {}) } };
      }
      const failure = failureOf(error);
      if (failure?.code === 'vault_damaged' && this.core.closeIfKeyChangedElsewhere()) return { ok: false, error: { code: 'vault_key_changed' } };
      if (failure) return { ok: false, error: failure };
      this.log(`intake: internal error in ${method}: ${error instanceof Error ? error.name : 'unknown'}`);
      return { ok: false, error: { code: 'internal' } };
    }
  }

  /** The handler, the delivery and the audit entry, in one transaction (see IntakeCore.runAudited). */
  private runAudited<M extends Method>(method: M, input: ParsedInput<M>, options: DispatchOptions): Promise<unknown> {
    const describe = AUDITED_CALLS[method] as ((input: ParsedInput<M>, output: unknown, before: unknown) => AuditDraft | undefined) | undefined;
    const readBefore = (BEFORE_CALLS as { readonly [K in Method]?: (input: ParsedInput<K>, core: IntakeCore) => unknown })[method];
    let before: unknown;
    const work = async (): Promise<unknown> => {
      before = readBefore?.(input, this.core);
      const value = await this.invoke(method, input);
      await options.deliver?.(value);
      return value;
    };
    if (!describe && !options.deliver) return work();
    return this.core.runAudited(work, describe && ((value) => describe(input, value, before)));
  }

  private invoke<M extends Method>(method: M, input: ParsedInput<M>): Promise<unknown> {
    const handler = handlers[method] as (input: ParsedInput<M>, core: IntakeCore) => unknown;
    return Promise.resolve(handler(input, this.core));
  }
}
