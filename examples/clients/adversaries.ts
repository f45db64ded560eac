/**
 * The adversarial answers of the mock (CL-15..20), armed through its control API: the next
 * authorization response or refresh of one client is made wrong in a named way, and the client
 * report then says whether the client used what it should have rejected.
 */
export type Adversary = 'wrong-state' | 'wrong-iss' | 'missing-iss' | 'foreign-code' | 'refresh-invalid-grant' | 'no-new-refresh-token';

/** The endpoint whose answer each adversary changes. */
const ENDPOINT: Record<Adversary, 'authorize' | 'token'> = {
  'wrong-state': 'authorize',
  'wrong-iss': 'authorize',
  'missing-iss': 'authorize',
  'foreign-code': 'authorize',
  'refresh-invalid-grant': 'token',
  'no-new-refresh-token': 'token',
};

/** POST /_mock/scenarios `{"endpoint", "action": {"adversary": NAME, "client_id": ID}}`: once, for this client only. */
export async function armAdversary(issuer: string, adversary: Adversary, clientId: string): Promise<void> {
  const res = await fetch(`${issuer}/_mock/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: ENDPOINT[adversary], times: 1, action: { adversary, client_id: clientId } }),
  });
  if (res.status !== 201) throw new Error(`POST /_mock/scenarios (adversary ${adversary}) answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}
