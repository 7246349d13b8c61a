import { CHANNELS, contract, isMethod, type Access, type Channel, type Method, type ParsedInput } from '../../shared/contract';
import { AppError, type RpcError, type RpcResult } from '../../shared/errors';
import type { IntakeCore } from './intake-core';
import type { AuditDraft } from '../audit/audit-log';
import { handlers } from './handlers';
import { AUDITED_CALLS } from './audit-events';

export type DispatchLog = (line: string) => void;

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

  dispatch(method: unknown, input: unknown): Promise<RpcResult<unknown>> {
    const run = this.queue.then(() => this.run(method, input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(method: unknown, input: unknown): Promise<RpcResult<unknown>> {
    if (!isMethod(method)) return { ok: false, error: { code: 'unknown_method' } };
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), rule: issue.code }));
      return { ok: false, error: { code: 'invalid_input', fields } };
    }
    const denied = accessError(spec.access, this.core, this.channel);
    if (denied) return { ok: false, error: denied };
    try {
      const input = parsed.data as ParsedInput<typeof method>;
      const value = await this.invoke(method, input);
      this.audit(method, input, value);
      if (this.core.stateName === 'signed-in' && method !== 'session.lock') this.core.touch();
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, params: error.params } };
      this.log(`intake: internal error in ${method}: ${error instanceof Error ? error.name : 'unknown'}`);
      return { ok: false, error: { code: 'internal' } };
    }
  }

  /** Every audited call is written in the same turn as its result, before the caller sees it. */
  private audit<M extends Method>(method: M, input: ParsedInput<M>, output: unknown): void {
    const describe = AUDITED_CALLS[method] as ((input: ParsedInput<M>, output: unknown) => AuditDraft) | undefined;
    if (describe) this.core.audit(describe(input, output));
  }

  private invoke<M extends Method>(method: M, input: ParsedInput<M>): Promise<unknown> {
    const handler = handlers[method] as (input: ParsedInput<M>, core: IntakeCore) => unknown;
    return Promise.resolve(handler(input, this.core));
  }
}
