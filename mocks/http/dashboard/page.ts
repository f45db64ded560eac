/**
 * `GET /_mock/`: the OAuth side of the mock for a person. The HTML is a static frame; its one
 * script (`dashboard.browser.ts`, allowed by hash) fills it from `/_mock/dashboard/events` and
 * drives the control API (`/_mock/clock`, `/_mock/scenarios`) with same-origin JSON requests.
 */
import { html, type Answer } from '../../core/answer.js';
import { inlineScript, scriptedPageCsp } from '../page-script.js';
import { BASE_CSS } from '../page-style.js';

const CSS = `${BASE_CSS}
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;align-items:baseline}
#clock{font-size:1.1rem;font-weight:600}
.family{border:1px solid #dde1e6;border-left:5px solid #3b82f6;border-radius:6px;padding:.5rem .7rem;margin:.5rem 0;list-style:none}
.family[data-state=revoked]{border-left-color:#667}
.family[data-state=reused]{border-color:#d92d20;border-left-color:#d92d20;background:#fff6f5}
ul.families{padding:0;margin:0}
ol.chain{display:flex;flex-wrap:wrap;gap:.3rem;padding:0;margin:.4rem 0;list-style:none}
ol.chain li{border-radius:6px;padding:.15rem .5rem;font-size:.85rem;background:#e8f0fe;color:#123}
ol.chain li+li::before{content:"→ ";color:#889}
ol.chain li.rotated{background:#eef0f3}ol.chain li.revoked{background:#3a3f47;color:#fff}
ol.chain li.reused{background:#d92d20;color:#fff;font-weight:600}
ul.access{padding-left:1.1rem;margin:.2rem 0}
.expired{color:#8f1d13;font-weight:600}
#scenario-form label{display:flex;flex-direction:column;font-size:.85rem}
.verdicts{display:flex;flex-wrap:wrap;gap:.25rem;padding:0;margin:.3rem 0;list-style:none}
ul.findings{margin:.2rem 0;padding-left:1.1rem;font-size:.85rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:0 1rem}`;

/** Hides the page when framed; the script removes it on the top page (and CSP refuses framing anyway). */
const FRAMED = 'body{display:none}';

function body(): string {
  return `<header><h1>authprobe mock: OAuth</h1><span class="muted small" id="issuer"></span></header>
<p id="message" role="alert"></p>
<section aria-labelledby="clock-h"><h2 id="clock-h">Clock</h2>
<p>Mock time <span id="clock">…</span> <span class="muted small" id="offset"></span></p>
<div class="row" id="clock-controls">
<button type="button" data-advance="60">+1 min</button><button type="button" data-advance="3600">+1 h</button>
<button type="button" data-advance="86400">+1 day</button>
<label class="row small">seconds <input id="advance-seconds" type="number" min="0" step="1" value="300" inputmode="numeric" size="7"></label>
<button type="button" id="advance">Move clock</button></div>
<p class="muted small">The clock only moves forward; every expiry in the mock (codes, tokens, desktop prompts) reads it.</p></section>
<div class="grid">
<section aria-labelledby="families-h"><h2 id="families-h">Token families <span class="muted small" id="family-count"></span></h2>
<ul class="families" id="families"></ul></section>
<section aria-labelledby="requests-h"><h2 id="requests-h">Recent requests <span class="muted small" id="request-count"></span></h2>
<table class="cards"><thead><tr><th>Time</th><th>Request</th><th>Status</th><th>Verdict</th></tr></thead><tbody id="requests"></tbody></table></section>
</div>
<div class="grid">
<section aria-labelledby="defects-h"><h2 id="defects-h">Defects</h2><p class="muted small" id="defects-note"></p><ul id="defects"></ul></section>
<section aria-labelledby="scenarios-h"><h2 id="scenarios-h">Scenarios</h2>
<table class="cards"><thead><tr><th>Endpoint</th><th>Left</th><th>Action</th></tr></thead><tbody id="scenarios"></tbody></table>
<form id="scenario-form" class="row">
<label>endpoint <select id="scenario-endpoint"></select></label>
<label>answer <select id="scenario-action"><option value="error">OAuth error</option><option value="delay">delay</option><option value="drop">drop connection</option></select></label>
<label>error / ms <input id="scenario-value" value="temporarily_unavailable" size="18"></label>
<label>times <input id="scenario-times" type="number" min="1" value="1" size="4"></label>
<button type="submit" class="primary">Queue</button><button type="button" id="scenarios-clear" class="danger">Clear all</button></form></section>
</div>
<section aria-labelledby="conformance-h"><h2 id="conformance-h">Client conformance <span class="muted small" id="conformance-count"></span></h2>
<p class="muted small">What each client did on its side of the protocol (CL-1..CL-20), judged as its requests arrive; the same as <span class="mono">GET /_mock/client-report</span>.</p>
<table class="cards"><thead><tr><th>Client</th><th>Verdicts</th><th>Findings</th></tr></thead><tbody id="conformance"></tbody></table></section>
<section aria-labelledby="clients-h"><h2 id="clients-h">Registered clients</h2>
<table class="cards"><thead><tr><th>Client</th><th>Type</th><th>Auth method</th><th>Grants</th><th>Redirect URIs</th><th>Status</th></tr></thead><tbody id="clients"></tbody></table></section>
<p class="muted small">Live over Server-Sent Events: <span id="live">connecting…</span>. Tokens show as a prefix only; secrets never leave the mock.</p>`;
}

export function oauthDashboard(): Answer {
  const script = inlineScript(new URL('./dashboard.browser.js', import.meta.url));
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>authprobe mock · OAuth dashboard</title><style>${CSS}</style><style id="framed">${FRAMED}</style></head><body>
${body()}
<script>${script.code}</script></body></html>`;
  return html(200, page, scriptedPageCsp(script, [CSS, FRAMED]));
}
