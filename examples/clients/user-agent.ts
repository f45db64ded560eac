/**
 * The browser's part of the authorization-code flow, headless: open the authorization URL the
 * client library built, let the mock sign the demo user in and consent (`authprobe serve
 * --consent auto` redirects at once; with `--consent page` the consent form is approved), and
 * hand back the redirect to the client's callback, which the library then reads.
 */

/** RFC 6749 §4.1.2: the authorization response, as the redirect the user agent follows to the client. */
export async function followAuthorization(authorizationUrl: URL | string): Promise<URL> {
  const url = new URL(authorizationUrl);
  let res = await fetch(url, { redirect: 'manual' });
  if (res.status === 200 && (res.headers.get('content-type') ?? '').includes('text/html')) {
    // The mock's consent page posts request_id and decision to /oauth/authorize/decision.
    const html = await res.text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
    if (!requestId) throw new Error(`GET ${url.origin}${url.pathname} showed a page that is not the mock's consent page: ${text(html)}`);
    res = await fetch(new URL('/oauth/authorize/decision', url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, decision: 'approve' }).toString(),
    });
  }
  const location = res.headers.get('location');
  if (res.status < 300 || res.status > 399 || !location) {
    throw new Error(`GET ${url.origin}${url.pathname} answered ${res.status} instead of redirecting to the client: ${text(await res.text().catch(() => ''))}`);
  }
  return new URL(location, url);
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
