/**
 * `GET /_mock/desktop/`: pending prompts with Approve/Deny, live sessions, the activity log and
 * the clock, from a phone's width up. The frame is static HTML; its one script
 * (`dashboard.browser.ts`, allowed by its sha256) fills it and follows the channel's events.
 */
import { html, type Answer } from '../../core/answer.js';
import { inlineScript, scriptedPageCsp } from '../page-script.js';
import { BASE_CSS } from '../page-style.js';

const CSS = `${BASE_CSS}
#clock{font-weight:600}td.actions{white-space:nowrap}td.actions button{margin:.1rem .3rem .1rem 0}
@media (max-width:40rem){td.actions button{min-width:44%;min-height:2.6rem}}`;

/**
 * Hidden until the script has seen it is the top page: a page on another loopback port (same
 * site, so no cross-site marker) could otherwise frame it and trick a click on Approve. The CSP's
 * `frame-ancestors 'none'` refuses the frame first; this is the second lock.
 */
const FRAMED = 'body{display:none}';

const BODY = `<h1>authprobe mock: desktop app</h1>
<p id="message" role="alert"></p>
<section aria-labelledby="app-h"><h2 id="app-h">App</h2>
<p id="state" class="muted">loading…</p>
<div class="row"><button type="button" data-post="lock">Lock</button><button type="button" data-post="unlock">Unlock</button>
<button type="button" id="integration">Toggle integration</button>
<label class="row">policy <select id="mode"><option>manual</option><option>approve</option><option>deny</option></select></label></div>
<p>Mock time <span id="clock">…</span></p>
<div class="row" id="clock-controls"><button type="button" data-advance="60">+1 min</button><button type="button" data-advance="600">+10 min</button><button type="button" data-advance="3600">+1 h</button></div></section>
<section aria-labelledby="prompts-h"><h2 id="prompts-h">Pending prompts</h2><table class="cards"><thead><tr><th>Account</th><th>Process</th><th>Integration</th><th>Scope / duration</th><th>Expires</th><th></th></tr></thead><tbody id="prompts"></tbody></table></section>
<section aria-labelledby="sessions-h"><h2 id="sessions-h">Sessions</h2><table class="cards"><thead><tr><th>Account</th><th>Process</th><th>Integration</th><th>Last used</th><th>Idle expiry</th><th>Hard limit</th></tr></thead><tbody id="sessions"></tbody></table></section>
<section aria-labelledby="activity-h"><h2 id="activity-h">Activity</h2><table class="cards"><thead><tr><th>Time</th><th>Command</th><th>Process</th><th>Account</th><th>Outcome</th></tr></thead><tbody id="activity"></tbody></table></section>`;

export function dashboardAnswer(): Answer {
  const script = inlineScript(new URL('./dashboard.browser.js', import.meta.url));
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>authprobe desktop app</title>
<style>${CSS}</style><style id="framed">${FRAMED}</style></head><body>
${BODY}
<script>${script.code}</script></body></html>`;
  return html(200, page, scriptedPageCsp(script, [CSS, FRAMED]));
}
