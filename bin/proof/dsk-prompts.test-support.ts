/**
 * A prompts module (docs/target-file.md: `desktop.prompts.mode: "module"`) that drives the
 * mock's desktop control plane, as UI automation would drive a real app: find the next prompt,
 * answer it, reset, lock and unlock. `extra` adds the module's remaining exports.
 */
export const mockPromptsModule = (control: string, extra: string) => `
const control = ${JSON.stringify(control)};
const call = async (method, path, body) => {
  const res = await fetch(control + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(method + ' ' + path + ' answered ' + res.status);
  return res.json();
};
export async function nextPrompt({ integrationName, timeoutMs, signal }) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !signal?.aborted) {
    const { prompts } = await call('GET', '/prompts');
    const p = prompts.find((x) => x.integration.name === integrationName);
    if (p) return p;
    await new Promise((r) => setTimeout(r, 15));
  }
  return null;
}
export const answer = (prompt, decision) => call('POST', '/prompts/' + prompt.id + '/' + decision);
export async function reset() { await call('POST', '/reset'); await call('PUT', '/policy', { mode: 'manual' }); }
export const lock = () => call('POST', '/lock');
export const unlock = () => call('POST', '/unlock');
${extra}`;
