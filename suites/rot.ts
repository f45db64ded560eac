/**
 * ROT — refresh token rotation (RFC 9700 §4.14.2; RFC 6749 §6; RFC 7009 §2.1).
 * Model-based: command sequences of refresh, reuse of an older token, revoke, use of the access
 * token and concurrent refreshes run against a real token family and a model of it. Each
 * model-based requirement runs its decisive sequences in full (revoke the first, a middle and the
 * latest token; reuse the oldest, a middle and the newest rotated-out token) on every suite run,
 * then random `ctx.commands` sequences. Each requirement's property asserts its own rule only;
 * what another rule would decide is `unknown` in the model, so that one defect fails the
 * requirement it breaks.
 */
import fc from 'fast-check';
import { extraScope } from './arbitraries/oauth.js';
import { positiveControls } from './oauth/baseline.js';
import { publicClient, type ClientRef } from './oauth/clients.js';
import { accessTokenActive, codeFlowWithRefresh, parseTokens, refreshRequest, revoke } from './oauth/token.js';
import type { HttpResponse } from './http/client.js';
import { decisiveOnce } from './runner/decisive.js';
import { CaseFindings, check, evidence, expectError, expectRefused, fail, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, Need, PropertyContext } from './runner/types.js';
import type { RequirementId } from '../specs/index.js';

/** What the model knows about the family. */
interface FamilyModel {
  /** How many refresh tokens were rotated out (presenting one is reuse). */
  rotatedOut: number;
  state: 'alive' | 'revoked' | 'unknown';
}

/** The real family: every refresh token issued, in order; the latest; the latest access token. */
interface Family {
  ctx: PropertyContext;
  client: ClientRef;
  asserts: ReadonlySet<RequirementId>;
  tokens: string[];
  latest: string;
  access: string;
  log: string[];
}

const granted = (res: HttpResponse) => res.status === 200 && typeof (res.json as { refresh_token?: unknown } | undefined)?.refresh_token === 'string';
const where = (f: Family) => `after ${f.log.join(' -> ') || 'the first token'}`;

function adopt(f: Family, m: FamilyModel, res: HttpResponse, what: string): void {
  const set = parseTokens(res, what);
  const next = set.refresh_token;
  if (f.asserts.has('ROT-1')) {
    // RFC 6749 §5.1: a refresh answer is a token response like any other; token_type is REQUIRED.
    // The suites send no proof of possession, so the type is Bearer (RFC 6750 §4), compared
    // case-insensitively (RFC 6749 §7.1: type names are case-insensitive).
    const type = set.raw.token_type;
    check(typeof type === 'string' && type.toLowerCase() === 'bearer', () => `${what} ${where(f)}: token_type ${JSON.stringify(type)}, expected Bearer (RFC 6749 §5.1, §7.1; RFC 6750 §4): ${evidence(res)}`);
    check(next, () => `${what} ${where(f)}: the response carries no new refresh_token: ${evidence(res)}`);
    check(!f.tokens.includes(next), () => `${what} ${where(f)}: the "new" refresh token repeats token #${f.tokens.indexOf(next)} of the family`);
  }
  if (!next) {
    m.state = 'unknown';
    return;
  }
  f.tokens.push(next);
  f.latest = next;
  f.access = set.access_token;
  m.rotatedOut = f.tokens.length - 1;
}

class Refresh implements fc.AsyncCommand<FamilyModel, Family> {
  check = () => true;
  async run(m: FamilyModel, f: Family): Promise<void> {
    const res = await refreshRequest(f.ctx, f.client, f.latest);
    if (m.state === 'alive') adopt(f, m, res, 'refreshing with the latest token');
    else if (m.state === 'revoked') expectError(res, `refreshing with the latest token of a revoked family ${where(f)}`, 'invalid_grant');
    else if (granted(res)) {
      adopt(f, m, res, 'refreshing');
      m.state = 'alive';
    }
    f.log.push('refresh');
  }
  toString = () => 'refresh';
}

class ReuseOld implements fc.AsyncCommand<FamilyModel, Family> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<FamilyModel>) => m.rotatedOut > 0;
  async run(m: FamilyModel, f: Family): Promise<void> {
    const index = this.pick % (f.tokens.length - 1);
    const res = await refreshRequest(f.ctx, f.client, f.tokens[index] as string);
    if (f.asserts.has('ROT-2')) expectError(res, `presenting rotated-out refresh token #${index} ${where(f)}`, 'invalid_grant');
    f.log.push(`reuse #${index}`);
    // RFC 9700 §4.14.2: reuse revokes the family; only ROT-3 holds the target to it.
    m.state = f.asserts.has('ROT-3') ? 'revoked' : 'unknown';
  }
  toString = () => `reuse(${this.pick})`;
}

type FamilyMember = 'first' | 'middle' | 'latest';

/** RFC 7009 §2.1: revoking any refresh token of the family, rotated out or not, revokes the family (ROT-7). */
class RevokeFamily implements fc.AsyncCommand<FamilyModel, Family> {
  constructor(readonly which: FamilyMember) {}
  check = () => true;
  async run(m: FamilyModel, f: Family): Promise<void> {
    const index = this.which === 'first' ? 0 : this.which === 'middle' ? Math.floor((f.tokens.length - 1) / 2) : f.tokens.length - 1;
    await revoke(f.ctx, f.client, f.tokens[index] as string, 'refresh_token');
    f.log.push(`revoke ${this.which} token (#${index} of ${f.tokens.length})`);
    m.state = f.asserts.has('ROT-7') ? 'revoked' : 'unknown';
  }
  toString = () => `revoke(${this.which})`;
}

class UseAccessToken implements fc.AsyncCommand<FamilyModel, Family> {
  check = () => true;
  async run(m: FamilyModel, f: Family): Promise<void> {
    const active = await accessTokenActive(f.ctx, f.access, f.client);
    if (active !== undefined) {
      if (m.state === 'alive') check(active, () => `the latest access token of a live family is rejected ${where(f)}`);
      // ROT-3: reuse revokes the family's access tokens too, where the target lets us see it.
      if (m.state === 'revoked' && f.asserts.has('ROT-3')) check(!active, () => `the access token of a revoked family is still accepted ${where(f)}`);
    }
    f.log.push('use access token');
  }
  toString = () => 'use-access-token';
}

class ConcurrentRefresh implements fc.AsyncCommand<FamilyModel, Family> {
  constructor(readonly width: number) {}
  check = (m: Readonly<FamilyModel>) => m.state === 'alive';
  async run(m: FamilyModel, f: Family): Promise<void> {
    const presented = f.latest;
    const answers = await Promise.all(Array.from({ length: this.width }, () => refreshRequest(f.ctx, f.client, presented)));
    const winners = answers.filter(granted);
    if (f.asserts.has('ROT-6')) {
      check(winners.length <= 1, () => `${this.width} concurrent refreshes with one token ${where(f)}: ${winners.length} succeeded, forking the family: ${answers.map(evidence).join(' | ')}`);
    }
    f.log.push(`${this.width} concurrent refreshes`);
    if (winners.length === 1) adopt(f, m, winners[0] as HttpResponse, 'the winning concurrent refresh');
    // The losers presented a rotated-out token: reuse, which ROT-3 says revokes the family.
    m.state = 'unknown';
  }
  toString = () => `concurrent-refresh(${this.width})`;
}

type FamilyCommand = fc.AsyncCommand<FamilyModel, Family>;

/** A decisive sequence: what it shows, and its commands (fresh instances each time). */
interface DecisiveSequence {
  name: string;
  commands: () => FamilyCommand[];
}

async function runFamily(ctx: PropertyContext, client: ClientRef, id: RequirementId, commands: Iterable<FamilyCommand>): Promise<void> {
  const first = await codeFlowWithRefresh(ctx, client);
  const family: Family = { ctx, client, asserts: new Set([id]), tokens: [first.refresh_token], latest: first.refresh_token, access: first.access_token, log: [] };
  await fc.asyncModelRun(() => ({ model: { rotatedOut: 0, state: 'alive' } as FamilyModel, real: family }), commands);
}

/**
 * A model-based property for one ROT requirement: its decisive sequences (see `decisiveOnce`),
 * then a generated sequence wrapped in `around`, so that the rule under test is exercised by every
 * generated run too (a short generated sequence may otherwise never, say, reuse a token).
 */
/** The rows whose rule a grace window changes: reuse of the previous token, and concurrent refresh. */
const GRACE_JUDGED: ReadonlySet<RequirementId> = new Set(['ROT-2', 'ROT-3', 'ROT-6']);

function familyProperty(
  id: RequirementId,
  runs: number,
  needs: Need[],
  commands: Array<fc.Arbitrary<FamilyCommand>>,
  decisive: DecisiveSequence[],
  around: { before?: () => FamilyCommand[]; after?: () => FamilyCommand[] } = {},
): ConformanceProperty {
  return {
    id,
    runs,
    needs: ['public', ...needs],
    skipIf(ctx) {
      // Within a declared grace window the previous token may be presented again (RFC 9700
      // §4.14.2 allows it); GRACE-1 and GRACE-2 judge reuse for such a target.
      const grace = ctx.target.spec.rotation?.grace_seconds ?? 0;
      return grace > 0 && GRACE_JUDGED.has(id) ? `the target declares a refresh grace window (rotation.grace_seconds ${grace}): reuse is judged by GRACE-1 and GRACE-2` : undefined;
    },
    property(ctx) {
      const client = publicClient(ctx.target);
      // Each decisive sequence on a fresh family (see runner/decisive.ts).
      const decisiveRuns = decisiveOnce<void>(decisive.map((seq) => ({ name: seq.name, run: () => runFamily(ctx, client, id, seq.commands()) })));
      return ctx.forAll(ctx.commands(commands, { maxCommands: 6 }), async (cmds) => {
        await decisiveRuns();
        await runFamily(ctx, client, id, [...(around.before?.() ?? []), ...cmds, ...(around.after?.() ?? [])]);
      });
    },
  };
}

const refreshCmd = fc.constant(new Refresh());
const reuseCmd = fc.nat(20).map((n) => new ReuseOld(n));
const useCmd = fc.constant(new UseAccessToken());
const refreshes = (n: number): FamilyCommand[] => Array.from({ length: n }, () => new Refresh());

/**
 * Reuse of each kind of rotated-out token, `then` what follows it. With four tokens issued
 * (three refreshes), `ReuseOld(i)` presents token #i: #0 the oldest, #1 a middle one, #2 the
 * newest rotated-out (the one the latest replaced). Each sequence starts with a refresh that
 * must be granted: the valid counterpart of the reuse that must be refused. `before` runs just
 * before the reuse (ROT-3: the access token is accepted while the family is alive).
 */
const reuseSequences = (before: () => FamilyCommand[], then: () => FamilyCommand[]): DecisiveSequence[] => [
  { name: 'reuse the only rotated-out token', commands: () => [new Refresh(), ...before(), new ReuseOld(0), ...then()] },
  { name: 'reuse the oldest of four', commands: () => [...refreshes(3), ...before(), new ReuseOld(0), ...then()] },
  { name: 'reuse a middle one of four', commands: () => [...refreshes(3), ...before(), new ReuseOld(1), ...then()] },
  { name: 'reuse the newest rotated-out of four', commands: () => [...refreshes(3), ...before(), new ReuseOld(2), ...then()] },
];

const rot1 = familyProperty('ROT-1', 12, [], [refreshCmd, useCmd], [
  { name: 'three refreshes, the access token used between them', commands: () => [new Refresh(), new UseAccessToken(), new Refresh(), new UseAccessToken(), new Refresh()] },
], { before: () => [new Refresh()] });
const rot2 = familyProperty('ROT-2', 12, [], [refreshCmd, reuseCmd], [
  ...reuseSequences(() => [], () => []),
  // A refused reuse must stay refused.
  { name: 'reuse the same rotated-out token twice', commands: () => [...refreshes(2), new ReuseOld(1), new ReuseOld(1)] },
], { before: () => [new Refresh()], after: () => [new ReuseOld(0)] });
// ROT-3: after a reuse the latest refresh token and the access token must be dead.
const rot3 = familyProperty('ROT-3', 12, [], [refreshCmd, reuseCmd, useCmd], reuseSequences(() => [new UseAccessToken()], () => [new UseAccessToken(), new Refresh()]), {
  before: () => [new Refresh()],
  after: () => [new ReuseOld(0), new UseAccessToken(), new Refresh()],
});
const rot6 = familyProperty('ROT-6', 10, [], [refreshCmd, fc.integer({ min: 2, max: 4 }).map((w) => new ConcurrentRefresh(w))], [
  { name: 'two concurrent refreshes with the first token', commands: () => [new ConcurrentRefresh(2)] },
  { name: 'four concurrent refreshes after a rotation', commands: () => [new Refresh(), new ConcurrentRefresh(4)] },
], { before: () => [new ConcurrentRefresh(2)] });
// ROT-7: revoke the first, a middle and the latest token of a family, each after a granted refresh.
const rot7 = familyProperty('ROT-7', 10, ['revocation'], [refreshCmd, fc.constantFrom<FamilyMember>('first', 'middle', 'latest').map((w) => new RevokeFamily(w)), useCmd], [
  ...(['first', 'middle', 'latest'] as const).map((which) => ({
    name: `revoke the ${which} token of four`,
    commands: () => [...refreshes(3), new RevokeFamily(which), new Refresh()],
  })),
  { name: 'revoke the latest token after one refresh, then refresh twice', commands: () => [new Refresh(), new RevokeFamily('latest'), new Refresh(), new Refresh()] },
], { after: () => [new RevokeFamily('latest'), new Refresh()] });

const rot4: ConformanceProperty = {
  id: 'ROT-4',
  needs: ['public', 'public2'],
  runs: 2,
  property(ctx) {
    const owner = publicClient(ctx.target, 'public');
    const other = publicClient(ctx.target, 'public2');
    const control = positiveControls();
    // Decisive, all in every run: the token as first issued, after one rotation, after two.
    return ctx.forAll(fc.shuffledSubarray([0, 1, 2], { minLength: 3 }), async (order) => {
      await control(`${owner.id} refreshing with its own refresh token`, `that token from ${other.id}`, async () => {
        const own = await codeFlowWithRefresh(ctx, owner);
        parseTokens(await refreshRequest(ctx, owner, own.refresh_token), 'refreshing');
      });
      for (const refreshesFirst of order) {
        let set = await codeFlowWithRefresh(ctx, owner);
        for (let i = 0; i < refreshesFirst; i++) {
          const next = parseTokens(await refreshRequest(ctx, owner, set.refresh_token), 'refreshing');
          if (!next.refresh_token) fail('a refresh returned no refresh_token');
          set = { ...next, refresh_token: next.refresh_token };
        }
        expectRefused(await refreshRequest(ctx, other, set.refresh_token), `${owner.id}'s refresh token (after ${refreshesFirst} refreshes) presented by ${other.id}`);
      }
    });
  },
};

/**
 * ROT-5 (RFC 6749 §6: the requested scope "MUST NOT include any scope not originally granted").
 * The scopes come from the client in the target file: authorize a narrower grant than the client
 * may have, then ask the refresh for more. What counts is what was granted: a refusal must be
 * invalid_scope; a 200 is fine only if its scope stays within the grant (§3.3 lets a server
 * ignore what it will not give); a 200 without a scope means the wider one was given (§5.1).
 * Narrowing — asking for part of the grant — is allowed and must stay within what was asked.
 */
const rot5: ConformanceProperty = {
  id: 'ROT-5',
  needs: ['public'],
  runs: 6,
  skipIf(ctx) {
    const scopes = (ctx.target.spec.clients?.public?.scope ?? '').split(' ').filter((s) => s && s !== 'openid' && s !== 'offline_access');
    return scopes.length
      ? undefined
      : 'clients.public.scope names no scope besides openid and offline_access, so no grant narrower than the client may have can be asked for (list the client\'s scopes there)';
  },
  property(ctx) {
    const client = publicClient(ctx.target);
    const all = (client.scope as string).split(' ').filter(Boolean);
    // Scopes the flow needs to get a refresh token at all stay in the grant.
    const kept: string[] = all.filter((s) => s === 'openid' || s === 'offline_access');
    const optional = all.filter((s) => !kept.includes(s));
    const cases = fc.record({
      // Never the whole client scope: a scope the client may have stays out of the grant.
      granted: fc.subarray(optional, { maxLength: Math.max(0, optional.length - 1) }),
      wider: fc.oneof(fc.constant<string | undefined>(undefined), extraScope(all)),
    });
    const control = positiveControls();
    return ctx.forAll(cases, async ({ granted, wider }) => {
      const grantScope = [...kept, ...granted].join(' ');
      await control('a refresh asking for the scope that was granted', 'a wider scope', async () => {
        const set = await codeFlowWithRefresh(ctx, { ...client, scope: grantScope });
        parseTokens(await refreshRequest(ctx, client, set.refresh_token, set.scope ?? grantScope), 'refreshing');
      });
      const findings = new CaseFindings();
      const set = await codeFlowWithRefresh(ctx, { ...client, scope: grantScope });
      const have = set.scope ? set.scope.split(' ') : grantScope.split(' ');
      const extra = [...optional.filter((s) => !have.includes(s)), ...(wider && !have.includes(wider) ? [wider] : [])];
      if (extra.length > 0) await findings.attempt(async () => {
        const asked = [...have, ...extra].join(' ');
        const res = await refreshRequest(ctx, client, set.refresh_token, asked);
        const what = `refresh asking for scope "${asked}" (granted "${have.join(' ')}")`;
        if (res.status !== 200) return expectError(res, what, 'invalid_scope');
        const now = parseTokens(res, what);
        const given = (now.scope ?? asked).split(' ');
        const widened = given.filter((g) => !have.includes(g));
        check(widened.length === 0, () => `${what}: granted ${now.scope === undefined ? `the asked scope (the answer names none, RFC 6749 §5.1)` : `"${now.scope}"`}, wider than the grant by ${widened.join(' ')}: ${evidence(res)}`, Severity.granted);
      });
      // Narrowing to part of the grant is allowed (RFC 6749 §6); what comes back stays within
      // what was asked, as a space-separated list (§3.3). Decisive, in every run: the client's
      // whole scope is granted and one optional scope dropped, so that the narrowed request
      // itself names several scopes whenever the client has three or more.
      await findings.attempt(async () => {
        const fresh = await codeFlowWithRefresh(ctx, client);
        const whole = fresh.scope ? fresh.scope.split(' ') : all;
        if (whole.length < 2) return;
        const dropped = [...whole].reverse().find((s) => !kept.includes(s)) ?? (whole.at(-1) as string);
        const asked = whole.filter((s) => s !== dropped).join(' ');
        const res = await refreshRequest(ctx, client, fresh.refresh_token, asked);
        const what = `refresh narrowing the grant "${whole.join(' ')}" to "${asked}"`;
        const now = parseTokens(res, what);
        const given = now.scope ?? asked;
        check(/^\S+( \S+)*$/.test(given) && given.split(' ').every((g) => asked.split(' ').includes(g)), () => `${what}: granted ${JSON.stringify(given)}, not a space-separated list within what was asked (RFC 6749 §3.3, §6): ${evidence(res)}`);
      });
      findings.settle();
    });
  },
};

export const ROT = areaSuite('ROT', { 'ROT-1': rot1, 'ROT-2': rot2, 'ROT-3': rot3, 'ROT-4': rot4, 'ROT-5': rot5, 'ROT-6': rot6, 'ROT-7': rot7 });
