/**
 * ROT — refresh token rotation (RFC 9700 §4.14.2; RFC 6749 §6; RFC 7009 §2.1).
 * Model-based: `fc.commands` sequences of refresh, reuse of an older token, revoke, use of the
 * access token and concurrent refreshes run against a real token family and a model of it.
 * Each requirement's property asserts its own rule only; what another rule would decide is
 * `unknown` in the model, so that one defect fails the requirement it breaks.
 */
import fc from 'fast-check';
import { extraScope } from './arbitraries/oauth.js';
import { positiveControls } from './oauth/baseline.js';
import { publicClient, type ClientRef } from './oauth/clients.js';
import { accessTokenActive, codeFlowWithRefresh, parseTokens, refreshRequest, revoke } from './oauth/token.js';
import type { HttpResponse } from './http/client.js';
import { check, evidence, expectError, expectRefused, fail } from './runner/failure.js';
import type { AreaSuite, ConformanceProperty, Need, PropertyContext } from './runner/types.js';
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

class RevokeFamily implements fc.AsyncCommand<FamilyModel, Family> {
  constructor(readonly older: boolean) {}
  check = () => true;
  async run(m: FamilyModel, f: Family): Promise<void> {
    const token = this.older && f.tokens.length > 1 ? (f.tokens[0] as string) : f.latest;
    await revoke(f.ctx, f.client, token, 'refresh_token');
    f.log.push(this.older ? 'revoke first token' : 'revoke latest');
    m.state = f.asserts.has('ROT-7') ? 'revoked' : 'unknown';
  }
  toString = () => `revoke(${this.older ? 'first' : 'latest'})`;
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
    f.log.push(`${this.width} concurrent refreshes`);
    if (f.asserts.has('ROT-6')) {
      check(winners.length <= 1, () => `${this.width} concurrent refreshes with one token ${where(f)}: ${winners.length} succeeded, forking the family: ${answers.map(evidence).join(' | ')}`);
    }
    if (winners.length === 1) adopt(f, m, winners[0] as HttpResponse, 'the winning concurrent refresh');
    // The losers presented a rotated-out token: reuse, which ROT-3 says revokes the family.
    m.state = 'unknown';
  }
  toString = () => `concurrent-refresh(${this.width})`;
}

type FamilyCommand = fc.AsyncCommand<FamilyModel, Family>;

/**
 * A model-based property for one ROT requirement. `around` adds commands every sequence runs
 * before and after the generated ones, so that the rule under test is always exercised (a
 * short generated sequence may otherwise never, say, reuse a token).
 */
function familyProperty(
  id: RequirementId,
  runs: number,
  needs: Need[],
  commands: Array<fc.Arbitrary<FamilyCommand>>,
  around: { before?: () => FamilyCommand[]; after?: () => FamilyCommand[] } = {},
): ConformanceProperty {
  return {
    id,
    runs,
    needs: ['public', ...needs],
    property(ctx) {
      const client = publicClient(ctx.target);
      return ctx.forAll(fc.commands(commands, { maxCommands: 6 }), async (cmds) => {
        const first = await codeFlowWithRefresh(ctx, client);
        const family: Family = { ctx, client, asserts: new Set([id]), tokens: [first.refresh_token], latest: first.refresh_token, access: first.access_token, log: [] };
        const sequence = [...(around.before?.() ?? []), ...cmds, ...(around.after?.() ?? [])];
        await fc.asyncModelRun(() => ({ model: { rotatedOut: 0, state: 'alive' } as FamilyModel, real: family }), sequence);
      });
    },
  };
}

const refreshCmd = fc.constant(new Refresh());
const reuseCmd = fc.nat(20).map((n) => new ReuseOld(n));
const useCmd = fc.constant(new UseAccessToken());

const rot1 = familyProperty('ROT-1', 20, [], [refreshCmd, useCmd], { before: () => [new Refresh()] });
const rot2 = familyProperty('ROT-2', 20, [], [refreshCmd, reuseCmd], { before: () => [new Refresh()], after: () => [new ReuseOld(0)] });
// ROT-3: after a reuse the latest refresh token and the access token must be dead.
const rot3 = familyProperty('ROT-3', 20, [], [refreshCmd, reuseCmd, useCmd], {
  before: () => [new Refresh()],
  after: () => [new ReuseOld(0), new UseAccessToken(), new Refresh()],
});
const rot6 = familyProperty('ROT-6', 15, [], [refreshCmd, fc.integer({ min: 2, max: 4 }).map((w) => new ConcurrentRefresh(w))], {
  before: () => [new ConcurrentRefresh(2)],
});
const rot7 = familyProperty('ROT-7', 15, ['revocation'], [refreshCmd, fc.boolean().map((b) => new RevokeFamily(b)), useCmd], {
  after: () => [new RevokeFamily(false), new Refresh()],
});

const rot4: ConformanceProperty = {
  id: 'ROT-4',
  needs: ['public', 'public2'],
  runs: 4,
  property(ctx) {
    const owner = publicClient(ctx.target, 'public');
    const other = publicClient(ctx.target, 'public2');
    const control = positiveControls();
    return ctx.forAll(fc.nat(2), async (refreshesFirst) => {
      await control(`${owner.id} refreshing with its own refresh token`, `that token from ${other.id}`, async () => {
        const own = await codeFlowWithRefresh(ctx, owner);
        parseTokens(await refreshRequest(ctx, owner, own.refresh_token), 'refreshing');
      });
      let set = await codeFlowWithRefresh(ctx, owner);
      for (let i = 0; i < refreshesFirst; i++) {
        const next = parseTokens(await refreshRequest(ctx, owner, set.refresh_token), 'refreshing');
        if (!next.refresh_token) fail('a refresh returned no refresh_token');
        set = { ...next, refresh_token: next.refresh_token };
      }
      expectRefused(await refreshRequest(ctx, other, set.refresh_token), `${owner.id}'s refresh token presented by ${other.id}`);
    });
  },
};

/**
 * ROT-5: authorize a narrower scope than the client may have, then ask the refresh for more —
 * scopes the client is allowed (the interesting case: only the grant forbids them) or unknown ones.
 */
const rot5: ConformanceProperty = {
  id: 'ROT-5',
  needs: ['public'],
  runs: 6,
  property(ctx) {
    const client = publicClient(ctx.target);
    const all = (client.scope ?? 'openid').split(' ').filter(Boolean);
    // Scopes the flow needs to get a refresh token at all stay in the grant.
    const kept: string[] = all.filter((s) => s === 'openid' || s === 'offline_access');
    const optional = all.filter((s) => !kept.includes(s));
    const cases = fc.record({
      // Never the whole client scope: a scope the client may have stays out of the grant.
      granted: fc.subarray(optional, { maxLength: Math.max(0, optional.length - 1) }),
      wider: fc.oneof(fc.constant<string | undefined>(undefined), extraScope(all)),
    }).filter(({ granted, wider }) => granted.length < optional.length || wider !== undefined);
    const control = positiveControls();
    return ctx.forAll(cases, async ({ granted, wider }) => {
      const grantScope = [...kept, ...granted].join(' ') || 'openid';
      await control('a refresh asking for the scope that was granted', 'a wider scope', async () => {
        const set = await codeFlowWithRefresh(ctx, { ...client, scope: grantScope });
        parseTokens(await refreshRequest(ctx, client, set.refresh_token, set.scope ?? grantScope), 'refreshing');
      });
      const set = await codeFlowWithRefresh(ctx, { ...client, scope: grantScope });
      const have = set.scope ? set.scope.split(' ') : grantScope.split(' ');
      const extra = [...optional.filter((s) => !have.includes(s)), ...(wider && !have.includes(wider) ? [wider] : [])];
      if (extra.length === 0) return;
      const asked = [...have, ...extra].join(' ');
      expectError(await refreshRequest(ctx, client, set.refresh_token, asked), `refresh asking for scope "${asked}" (granted "${have.join(' ')}")`, 'invalid_scope');
    });
  },
};

export const ROT: AreaSuite = { area: 'ROT', properties: [rot1, rot2, rot3, rot4, rot5, rot6, rot7] };
