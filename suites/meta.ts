/** META — authorization server metadata (RFC 8414 §2, §3.3; OpenID Connect Discovery 1.0 §3). */
import fc from 'fast-check';
import type { HttpResponse } from './http/client.js';
import { CaseFindings, check, evidence, PropertySkip } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';
import { wellKnownUrls } from './target/discover.js';

/** Every metadata document the target serves at the well-known URLs of its issuer. */
async function metadataDocuments(ctx: PropertyContext): Promise<Array<{ url: string; res: HttpResponse; doc: Record<string, unknown> }>> {
  const out: Array<{ url: string; res: HttpResponse; doc: Record<string, unknown> }> = [];
  for (const url of wellKnownUrls(ctx.target.issuer)) {
    const res = await ctx.http.send({ url, headers: { accept: 'application/json' } });
    const doc = res.json;
    if (res.status === 200 && doc && typeof doc === 'object' && !Array.isArray(doc)) out.push({ url, res, doc: doc as Record<string, unknown> });
  }
  if (out.length === 0) throw new PropertySkip('no metadata document at the issuer\'s well-known URLs (endpoints given in the target file)');
  return out;
}

const meta1: ConformanceProperty = {
  id: 'META-1',
  runs: 1,
  property(ctx) {
    return ctx.forAll(fc.constant(null), async () => {
      const findings = new CaseFindings();
      for (const { url, doc } of await metadataDocuments(ctx)) await findings.attempt(() => {
        // RFC 8414 §3.3: the issuer value MUST be identical to the issuer the URL was built from.
        check(doc.issuer === ctx.target.issuer, () => `${url} names issuer ${JSON.stringify(doc.issuer)}, fetched for ${JSON.stringify(ctx.target.issuer)} (RFC 8414 §3.3: identical)`);
      });
      findings.settle();
    });
  },
};

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

const meta2: ConformanceProperty = {
  id: 'META-2',
  runs: 1,
  property(ctx) {
    return ctx.forAll(fc.constant(null), async () => {
      const findings = new CaseFindings();
      const documents = await metadataDocuments(ctx);
      const endpoints = documents.flatMap(({ doc }) => Object.entries(doc).filter(([name, value]) => (name.endsWith('_endpoint') || name === 'jwks_uri') && typeof value === 'string'));
      // Nothing to judge is no pass: a document that names no endpoint is not metadata (RFC 8414 §2 requires token_endpoint).
      if (endpoints.length === 0) throw new PropertySkip('the metadata names no endpoint to judge (RFC 8414 §2 requires at least token_endpoint)');
      for (const { url, doc } of documents) {
        for (const [name, value] of Object.entries(doc)) {
          if (!(name.endsWith('_endpoint') || name === 'jwks_uri') || typeof value !== 'string') continue;
          await findings.attempt(() => {
            let u: URL;
            try {
              u = new URL(value);
            } catch {
              return check(false, `${url}: ${name} ${JSON.stringify(value)} is not an absolute URL (RFC 8414 §2)`);
            }
            // RFC 6749 §3.1, §3.2: TLS is required at the endpoints; a loopback host is the harness's exception.
            check(u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.test(u.hostname)), () => `${url}: ${name} is ${JSON.stringify(value)}, plaintext on a non-loopback host (RFC 8414 §2; RFC 6749 §3.1, §3.2)`);
          });
        }
      }
      findings.settle();
    });
  },
};

const meta3: ConformanceProperty = {
  id: 'META-3',
  runs: 1,
  property(ctx) {
    return ctx.forAll(fc.constant(null), async () => {
      const url = `${ctx.target.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const res = await ctx.http.send({ url, headers: { accept: 'application/json' } });
      if (res.status === 404 || res.status === 410) throw new PropertySkip(`${url} is not served (${res.status}): the target is no OpenID provider`);
      const doc = res.json as Record<string, unknown> | undefined;
      check(res.status === 200 && doc && typeof doc === 'object', () => `${url}: expected the OpenID configuration, got ${evidence(res)}`);
      const algs = doc.id_token_signing_alg_values_supported;
      // OpenID Connect Discovery 1.0 §3: "The algorithm RS256 MUST be included."
      check(Array.isArray(algs) && algs.includes('RS256'), () => `${url}: id_token_signing_alg_values_supported is ${JSON.stringify(algs ?? null)}, without RS256 (OpenID Connect Discovery 1.0 §3)`);
      const jwksUri = typeof doc.jwks_uri === 'string' ? doc.jwks_uri : ctx.target.endpoints.jwks_uri;
      if (jwksUri) {
        const keys = (await ctx.http.send({ url: jwksUri, headers: { accept: 'application/json' } })).json as { keys?: Array<Record<string, unknown>> } | undefined;
        check(keys?.keys?.some((k) => k.kty === 'RSA' && (k.use === undefined || k.use === 'sig')), () => `${jwksUri} holds no RSA signing key, so RS256 ID tokens cannot be verified`);
      }
    });
  },
};

export const META = areaSuite('META', { 'META-1': meta1, 'META-2': meta2, 'META-3': meta3 });
