/** `GET /_mock/desktop/`: pending prompts with Approve/Deny, live sessions and the activity log. */

/** The page's own script and style; still never framed (answer.ts PAGE_CSP explains why). */
export const DASHBOARD_CSP = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'";

export function dashboardHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>authprobe desktop app</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}
button{margin-right:.3rem}.muted{color:#777}#prompts td:last-child{white-space:nowrap}
</style>
<style id="framed">body{display:none}</style></head><body>
<h1>Desktop app (mock)</h1>
<p id="state" class="muted">loading…</p>
<p><button data-post="lock">Lock</button><button data-post="unlock">Unlock</button>
<button id="integration">Toggle integration</button>
policy <select id="mode"><option>manual</option><option>approve</option><option>deny</option></select></p>
<h2>Pending prompts</h2><table><thead><tr><th>Account</th><th>Process</th><th>Integration</th><th>Scope / duration</th><th>Expires</th><th></th></tr></thead><tbody id="prompts"></tbody></table>
<h2>Sessions</h2><table><thead><tr><th>Account</th><th>Process</th><th>Integration</th><th>Last used</th><th>Idle expiry</th><th>Hard limit</th></tr></thead><tbody id="sessions"></tbody></table>
<h2>Activity</h2><table><thead><tr><th>Time</th><th>Command</th><th>Process</th><th>Account</th><th>Outcome</th></tr></thead><tbody id="activity"></tbody></table>
<script>
// A page on another origin (another loopback port is the same site, so the cross-site check lets it
// through) could frame this one and trick a click on Approve (clickjacking): show it only as the top page.
if (window.top === window.self) document.getElementById('framed').remove();
const base = location.pathname.replace(/\\/$/, '');
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
const proc = (p) => esc(p.executable ?? '?') + ' (pid ' + esc(p.pid ?? '?') + ')';
const post = (path, body) => fetch(base + '/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }).then(refresh);
let enabled = true;
async function refresh() {
  const get = (p) => fetch(base + '/' + p).then((r) => r.json());
  const [state, prompts, sessions, activity] = await Promise.all([get('state'), get('prompts'), get('sessions'), get('activity')]);
  enabled = state.integration_enabled;
  document.getElementById('mode').value = state.policy.mode;
  document.getElementById('state').textContent = (state.locked ? 'locked' : 'unlocked') + ' · integration ' + (enabled ? 'on' : 'off') + ' · socket ' + state.socket_path + ' · now ' + state.iso;
  document.getElementById('prompts').innerHTML = prompts.prompts.map((p) => '<tr><td>' + esc(p.account.name) + '</td><td>' + proc(p.process) + '</td><td>' + esc(p.integration.name + ' ' + p.integration.version) + '</td><td>' + esc(p.scope) + ', ' + esc(p.duration.description) + '</td><td>' + esc(p.expires_at) + '</td><td><button data-approve="' + esc(p.id) + '">Approve</button><button data-deny="' + esc(p.id) + '">Deny</button></td></tr>').join('') || '<tr><td colspan=6 class=muted>none</td></tr>';
  document.getElementById('sessions').innerHTML = sessions.sessions.map((s) => '<tr><td>' + esc(s.account.name) + '</td><td>' + proc(s.process) + '</td><td>' + esc(s.integration.name + ' ' + s.integration.version) + '</td><td>' + esc(s.last_used_at) + '</td><td>' + esc(s.idle_expires_at) + '</td><td>' + esc(s.hard_expires_at) + '</td></tr>').join('') || '<tr><td colspan=6 class=muted>none</td></tr>';
  document.getElementById('activity').innerHTML = activity.activity.slice(-50).reverse().map((a) => '<tr><td>' + esc(a.time) + '</td><td>' + esc(a.command) + '</td><td>' + proc(a.process) + '</td><td>' + esc(a.account.name) + '</td><td>' + esc(a.outcome + (a.error ? ' ' + a.error : '')) + '</td></tr>').join('') || '<tr><td colspan=5 class=muted>none</td></tr>';
}
document.addEventListener('click', (e) => {
  const t = e.target;
  if (t.dataset.approve) post('prompts/' + t.dataset.approve + '/approve');
  else if (t.dataset.deny) post('prompts/' + t.dataset.deny + '/deny');
  else if (t.dataset.post) post(t.dataset.post);
  else if (t.id === 'integration') post('integration', { enabled: !enabled });
});
document.getElementById('mode').addEventListener('change', (e) => post('policy', { mode: e.target.value }));
const events = new EventSource(base + '/events');
for (const type of ['prompt','approval','denial','timeout','cancel','lock','unlock','expiry','integration','policy','activity','reset']) events.addEventListener(type, refresh);
refresh();
</script></body></html>`;
}
