/**
 * `redirectUriMutations`: a registered redirect URI changed in exactly one component, written
 * as raw strings (a URL parser would normalise away the very differences RED-1 is about).
 */
import fc from 'fast-check';

export type UriComponent =
  | 'scheme'
  | 'userinfo'
  | 'host'
  | 'port'
  | 'path'
  | 'dot-segment'
  | 'trailing-slash'
  | 'case'
  | 'percent-encoding'
  | 'query'
  | 'fragment'
  | 'idn-lookalike';

export interface RedirectMutation {
  component: UriComponent;
  uri: string;
}

interface RawUri {
  scheme: string;
  authority?: string;
  userinfo?: string;
  host: string;
  port?: string;
  path: string;
  query?: string;
  fragment?: string;
}

const RAW = /^([A-Za-z][A-Za-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

export function parseRaw(uri: string): RawUri | undefined {
  const m = RAW.exec(uri);
  if (!m) return undefined;
  const out: RawUri = { scheme: m[1] as string, host: '', path: m[3] ?? '' };
  if (m[2] !== undefined) {
    out.authority = m[2];
    let hostport = m[2];
    const at = hostport.lastIndexOf('@');
    if (at >= 0) {
      out.userinfo = hostport.slice(0, at);
      hostport = hostport.slice(at + 1);
    }
    const pm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
    out.host = pm?.[1] ?? hostport;
    if (pm?.[2] !== undefined) out.port = pm[2];
  }
  if (m[4] !== undefined) out.query = m[4];
  if (m[5] !== undefined) out.fragment = m[5];
  return out;
}

export function formatRaw(u: RawUri): string {
  let s = `${u.scheme}:`;
  if (u.authority !== undefined) {
    s += '//';
    if (u.userinfo !== undefined) s += `${u.userinfo}@`;
    s += u.host;
    if (u.port !== undefined) s += `:${u.port}`;
  }
  s += u.path;
  if (u.query !== undefined) s += `?${u.query}`;
  if (u.fragment !== undefined) s += `#${u.fragment}`;
  return s;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopback(uri: string): boolean {
  const u = parseRaw(uri);
  return !!u && u.scheme.toLowerCase() === 'http' && LOOPBACK_HOSTS.includes(u.host.toLowerCase());
}

/** Latin letters and their Cyrillic/Greek look-alikes (IDN homograph attacks). */
const HOMOGLYPHS: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ', j: 'ј' };

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/);
const queryPair = fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/));

function flipCaseAt(s: string, index: number): string | undefined {
  const letters = [...s].map((ch, i) => [ch, i] as const).filter(([ch]) => ch.toLowerCase() !== ch.toUpperCase());
  if (letters.length === 0) return undefined;
  const [ch, i] = letters[index % letters.length] as readonly [string, number];
  const flipped = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
  return s.slice(0, i) + flipped + s.slice(i + 1);
}

function percentEncodeAt(s: string, index: number, upper: boolean): string | undefined {
  const plain = [...s].map((ch, i) => [ch, i] as const).filter(([ch]) => /[A-Za-z0-9]/.test(ch));
  if (plain.length === 0) return undefined;
  const [ch, i] = plain[index % plain.length] as readonly [string, number];
  const hex = ch.charCodeAt(0).toString(16);
  return `${s.slice(0, i)}%${upper ? hex.toUpperCase() : hex}${s.slice(i + 1)}`;
}

export interface MutationOptions {
  loopbackPortsVary?: boolean;
  allRegistered?: readonly string[];
}

function mutationsByComponent(registered: string, opts: MutationOptions): Map<UriComponent, Array<fc.Arbitrary<RedirectMutation>>> {
  const base = parseRaw(registered);
  if (!base) throw new Error(`cannot mutate ${registered}: not an absolute URI`);
  const hierarchical = base.authority !== undefined;
  const loopback = isLoopback(registered);
  const byComponent = new Map<UriComponent, Array<fc.Arbitrary<RedirectMutation>>>();
  const registeredSet = new Set([registered, ...(opts.allRegistered ?? [])]);
  // A mutation that cannot apply to this URI (no letters to flip, no path to cut) is left out
  // up front: a filter that never passes would spin forever.
  const m = (component: UriComponent, arb: fc.Arbitrary<string | undefined>, applies = true) =>
    applies ? { component, arb: arb.filter((u): u is string => u !== undefined).map((uri) => ({ component, uri })) } : undefined;
  const add = (...xs: Array<{ arb: fc.Arbitrary<RedirectMutation>; component: UriComponent } | undefined>) => {
    for (const x of xs) {
      if (!x) continue;
      const list = byComponent.get(x.component) ?? [];
      list.push(x.arb.filter((mu) => !registeredSet.has(mu.uri)));
      byComponent.set(x.component, list);
    }
  };
  const letters = (t: string) => /[A-Za-z]/.test(t);
  const edit = (patch: Partial<RawUri>) => formatRaw({ ...base, ...patch });

  // scheme
  const other = base.scheme.toLowerCase() === 'https' ? 'http' : base.scheme.toLowerCase() === 'http' ? 'https' : `${base.scheme}x`;
  add(m('scheme', fc.constantFrom(edit({ scheme: other }), edit({ scheme: `${base.scheme}s` }))));
  add(m('case', fc.nat().map((i) => flipCaseAt(base.scheme, i)).map((s) => (s ? edit({ scheme: s }) : undefined)), letters(base.scheme)));

  if (hierarchical) {
    // userinfo: "https://attacker@host/" and "https://host@evil.example/" (host confusion)
    add(m('userinfo', label.map((u) => edit({ userinfo: u }))));
    add(m('userinfo', label.map((l) => formatRaw({ ...base, userinfo: base.host + (base.port ? `:${base.port}` : ''), host: `${l}.example`, port: undefined } as RawUri))));
    // host and subdomain
    if (loopback) {
      add(m('host', fc.constantFrom(...LOOPBACK_HOSTS.filter((h) => h !== base.host.toLowerCase())).map((h) => edit({ host: h }))));
    }
    add(m('host', label.map((l) => edit({ host: `${l}.${base.host}` }))));
    add(m('host', label.map((l) => edit({ host: `${base.host}.${l}.example` }))));
    add(m('host', label.map((l) => edit({ host: `${l}.example` }))));
    add(m('host', fc.constant(edit({ host: `${base.host}.` }))));
    add(m('case', fc.nat().map((i) => flipCaseAt(base.host, i)).map((h) => (h ? edit({ host: h }) : undefined)), letters(base.host)));
    const glyphable = [...base.host].map((ch, i) => [ch, i] as const).filter(([ch]) => HOMOGLYPHS[ch]);
    if (glyphable.length) {
      add(
        m(
          'idn-lookalike',
          fc.nat().map((k) => {
            const [ch, i] = glyphable[k % glyphable.length] as readonly [string, number];
            return edit({ host: base.host.slice(0, i) + (HOMOGLYPHS[ch] as string) + base.host.slice(i + 1) });
          }),
        ),
      );
    }
    // port
    if (!(loopback && opts.loopbackPortsVary)) {
      const current = base.port ? Number(base.port) : undefined;
      add(m('port', fc.integer({ min: 1, max: 65535 }).filter((p) => p !== current).map((p) => edit({ port: String(p) }))));
      if (current !== undefined) add(m('port', fc.constant(edit({ port: undefined }))));
      else add(m('port', fc.constant(edit({ port: base.scheme.toLowerCase() === 'https' ? '443' : '80' }))));
    }
  }

  // path
  const path = base.path || '/';
  const trimmed = path.replace(/\/+$/, '');
  add(m('path', segment.map((s) => edit({ path: `${trimmed}/${s}` }))));
  add(m('path', segment.map((s) => edit({ path: `${trimmed}${s}` }))));
  add(m('path', fc.constant(edit({ path: trimmed.slice(0, trimmed.lastIndexOf('/')) || '/' })), trimmed.includes('/')));
  add(m('path', fc.constant(edit({ path: `/${trimmed.replace(/^\//, '')}`.replace(/^\//, '//') }))));
  add(
    m('dot-segment', fc.oneof(
      fc.constant(edit({ path: `/.${path.startsWith('/') ? path : `/${path}`}` })),
      segment.map((s) => edit({ path: `/${s}/..${path.startsWith('/') ? path : `/${path}`}` })),
      fc.constant(edit({ path: `${trimmed}/.` })),
      segment.map((s) => edit({ path: `${trimmed}/../${s}` })),
    )),
  );
  add(m('trailing-slash', fc.constant(path.endsWith('/') ? edit({ path: path.replace(/\/+$/, '') }) : edit({ path: `${path}/` }))));
  add(m('case', fc.nat().map((i) => flipCaseAt(path, i)).map((p) => (p ? edit({ path: p }) : undefined)), letters(path)));
  add(m('percent-encoding', fc.tuple(fc.nat(), fc.boolean()).map(([i, up]) => percentEncodeAt(path, i, up)).map((p) => (p ? edit({ path: p }) : undefined)), /[A-Za-z0-9]/.test(path)));

  // query and fragment
  add(m('query', queryPair.map(([k, v]) => edit({ query: base.query ? `${base.query}&${k}=${v}` : `${k}=${v}` }))));
  add(m('query', fc.constant(base.query === undefined ? edit({ query: '' }) : edit({ query: undefined }))));
  add(m('fragment', fc.stringMatching(/^[A-Za-z0-9]{0,8}$/).map((f) => edit({ fragment: f }))));

  return byComponent;
}

/**
 * Every way to change one component of `registered`. Loopback ports are left alone when
 * `loopbackPortsVary` (native-loopback, RFC 8252 §7.3). Results never equal a registered URI.
 */
export function redirectUriMutations(registered: string, opts: MutationOptions = {}): fc.Arbitrary<RedirectMutation> {
  return fc.oneof(...[...mutationsByComponent(registered, opts).values()].flat());
}

/** One mutation of each component that applies to `registered`: every component, every run. */
export function redirectUriMutationSet(registered: string, opts: MutationOptions = {}): fc.Arbitrary<RedirectMutation[]> {
  return fc.tuple(...[...mutationsByComponent(registered, opts).values()].map((arbs) => fc.oneof(...arbs)));
}

/**
 * Whether a navigation target leads to `mutated`: the same raw prefix (the server appended its
 * response parameters), or the same place once parsed — unless that place is also a
 * registered URI (then a case-only mutation normalised back is not an escape).
 */
export function leadsTo(target: string, mutated: string, registered: readonly string[]): boolean {
  const bare = mutated.replace(/#.*$/, '');
  if (target === mutated || target === bare || [`${bare}?`, `${bare}&`, `${bare}#`].some((p) => target.startsWith(p))) return true;
  const place = (u: string): string | undefined => {
    try {
      const p = new URL(u);
      return `${p.protocol}//${p.username}${p.password ? `:${p.password}` : ''}${p.username ? '@' : ''}${p.host}${p.pathname}`;
    } catch {
      return undefined;
    }
  };
  const here = place(target);
  const there = place(mutated);
  if (!here || !there || here !== there) return false;
  return !registered.some((r) => place(r) === there);
}
