/**
 * Resolves `op://vault/item/field` references in an environment through the desktop app's
 * local channel (HTTP over a Unix socket): one `init` (the app prompts the user), then one
 * `SecretsResolve` per reference. Failures become a `SecretsError` a person can act on.
 */
import { request } from 'node:http';

export type SecretsErrorCode = 'denied' | 'app-not-running' | 'integration-off' | 'not-found' | 'session-ended' | 'failed';

export class SecretsError extends Error {
  override readonly name = 'SecretsError';
  constructor(readonly code: SecretsErrorCode, message: string) {
    super(message);
  }
}

export interface DesktopSecretsOptions {
  socketPath: string;
  account: string;
  integrationName?: string;
  /** Per request, ms (default 5000); init waits for the user up to `promptMs` (default 60000). */
  timeoutMs?: number;
  promptMs?: number;
}

interface Answer { status: number; body: { name?: string; message?: string; clientId?: string; result?: unknown } }

class Dropped extends Error {}

export class DesktopSecrets {
  readonly #o: DesktopSecretsOptions;
  #clientId: string | undefined;

  constructor(o: DesktopSecretsOptions) {
    this.#o = o;
  }

  /** Resolves every `op://` value; other values pass through. */
  async resolveEnv(env: Record<string, string>): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) out[key] = value.startsWith('op://') ? await this.resolve(value) : value;
    return out;
  }

  async resolve(reference: string): Promise<string> {
    if (!this.#clientId) await this.#init();
    let answer = await this.#retryOnce(() => this.#invoke(reference));
    // The session ended (idle, lock): ask the app again once, as the official SDKs do.
    if (answer.status === 401 && answer.body.name === 'DesktopSessionExpired') {
      await this.#init();
      answer = await this.#retryOnce(() => this.#invoke(reference));
    }
    if (answer.status === 200 && typeof answer.body.result === 'string') return answer.body.result;
    throw toSecretsError(answer, reference);
  }

  async close(): Promise<void> {
    const id = this.#clientId;
    this.#clientId = undefined;
    if (id) await this.#call('DELETE', `/v1/clients/${encodeURIComponent(id)}`, undefined, this.#o.timeoutMs ?? 5000).catch(() => undefined);
  }

  async #init(): Promise<void> {
    const answer = await this.#retryOnce(() => this.#call('POST', '/v1/clients', {
      account_name: this.#o.account,
      integrationName: this.#o.integrationName ?? 'desktop-secrets example',
      integrationVersion: '1.0.0',
    }, this.#o.promptMs ?? 60_000));
    if (answer.status !== 201 || typeof answer.body.clientId !== 'string') throw toSecretsError(answer);
    this.#clientId = answer.body.clientId;
  }

  #invoke(reference: string): Promise<Answer> {
    return this.#call('POST', `/v1/clients/${encodeURIComponent(this.#clientId!)}/invoke`, { name: 'SecretsResolve', parameters: { secret_reference: reference } }, this.#o.timeoutMs ?? 5000);
  }

  /** A dropped connection is retried once; a second drop, or no app at all, is app-not-running. */
  async #retryOnce(send: () => Promise<Answer>): Promise<Answer> {
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof Dropped)) throw e;
      try {
        return await send();
      } catch (again) {
        if (again instanceof Dropped) throw new SecretsError('app-not-running', `cannot reach the desktop app at ${this.#o.socketPath}: is it running and unlocked?`);
        throw again;
      }
    }
  }

  #call(method: string, path: string, body: unknown, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({ socketPath: this.#o.socketPath, method, path, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          try { resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }); } catch { reject(new SecretsError('failed', `the desktop app answered ${res.statusCode} with a body that is not JSON`)); }
        });
        res.on('error', () => reject(new Dropped()));
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') reject(new SecretsError('app-not-running', `nothing listens at ${this.#o.socketPath}: start the desktop app and turn on its integration`));
        else reject(new Dropped());
      });
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }
}

function toSecretsError(answer: Answer, reference?: string): SecretsError {
  const { name, message } = answer.body;
  const why = message ?? `status ${answer.status}`;
  switch (name) {
    case 'AuthorizationDenied':
    case 'AuthorizationTimeout':
      return new SecretsError('denied', `the desktop app did not allow access: ${why}`);
    case 'IntegrationDisabled':
      return new SecretsError('integration-off', why);
    case 'DesktopSessionExpired':
      return new SecretsError('session-ended', why);
    case 'vaultNotFound':
    case 'itemNotFound':
    case 'fieldNotFound':
    case 'invalidSecretReference':
      return new SecretsError('not-found', `${reference ?? 'the reference'}: ${why}`);
    default:
      return new SecretsError('failed', `${name ?? 'error'}: ${why}`);
  }
}
