/**
 * A client_id that is not a registered one but looks like a value a build forgot to fill in
 * (public-clients, Common mistakes 1): a template marker, a REPLACE_ME, or the application's name
 * where its client_id belongs. Judged only for client_ids the server does not know (CL-14).
 */

const MARKERS: readonly [RegExp, string][] = [
  [/\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|%[A-Z_]+%/, 'an unexpanded build variable'],
  [/^<[^>]*>$|<[a-z_ -]*client[_ -]?id[^>]*>/i, 'a <placeholder> from the documentation'],
  [/replace[_ -]?(me|with)|change[_ -]?me|your[_ -]?(app[_ -]?)?client[_ -]?id|client[_ -]?id[_ -]?here|placeholder|todo|fixme|xxx+|^my[_-]?app\b|^(client[_ -]?id|undefined|null|none|default|example|test|dummy)$/i, 'a placeholder value'],
];

/** Why `clientId` looks like a placeholder, or null. `names`: the registered clients' display names. */
export function placeholderReason(clientId: string, names: Iterable<string>): string | null {
  for (const [pattern, why] of MARKERS) if (pattern.test(clientId)) return why;
  for (const name of names) if (name === clientId) return "the application's name, not its client_id";
  return null;
}

/** The hint an invalid_client answer carries for such a client_id (CL-14). */
export function placeholderHint(clientId: string, names: Iterable<string>): string {
  const why = placeholderReason(clientId, names);
  return why === null
    ? ''
    : `; it looks like a placeholder (${why}): inject the registered client_id at build time (public-clients, Common mistakes 1)`;
}
