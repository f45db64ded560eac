/**
 * The report page's stylesheet (one inline `<style>`, allowed by its hash in the CSP). No
 * `style=` attributes anywhere: the CSP would refuse them. Long URLs, tokens and curl lines
 * wrap (`overflow-wrap:anywhere`) so the page never scrolls sideways, down to a phone's 390 px.
 */
export const CSS = `
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#5f6368;--bg:#fff;--panel:#f5f5f7;--line:#e2e2e6;
--fail:#b3261e;--fail-bg:#fce8e6;--warn:#8a4b00;--warn-bg:#fef3e0;--pass:#137333;--pass-bg:#e6f4ea;--skip:#5f6368;--skip-bg:#eeeff1;
--rfc:#174ea6;--bcp:#00695c;--product:#6a1b9a;--product-bg:#f3e8fd}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--muted:#a0a4aa;--bg:#17181a;--panel:#222427;--line:#3a3c40;
--fail:#f28b82;--fail-bg:#3c1f1e;--warn:#fdd663;--warn-bg:#3a3020;--pass:#81c995;--pass-bg:#1e3326;--skip:#a0a4aa;--skip-bg:#2a2c30;
--rfc:#8ab4f8;--bcp:#78d9c8;--product:#d7aefb;--product-bg:#33263d}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:75rem;padding:1.25rem 1rem 3rem;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
h1{font-size:1.35rem;margin:0 0 .5rem}
h2{font-size:1.1rem;margin:1.75rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:.75rem 0 .25rem}
pre,code{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--panel);padding:.5rem .65rem;margin:0;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
.verdict{font-size:1.1rem;font-weight:600;margin:.25rem 0 .5rem;padding:.6rem .8rem;border-radius:8px;border-left:6px solid}
.verdict.exit-0{background:var(--pass-bg);border-color:var(--pass)}
.verdict.exit-1{background:var(--fail-bg);border-color:var(--fail)}
.verdict.exit-2{background:var(--skip-bg);border-color:var(--skip)}
.warnings{margin:.25rem 0 .75rem;padding:0;list-style:none}
.warnings li{background:var(--warn-bg);border-left:6px solid var(--warn);padding:.4rem .8rem;border-radius:6px;margin:.25rem 0}
.meta{display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;margin:.75rem 0;font-size:.9rem}
.meta div{display:flex;gap:.45rem;min-width:0}
.meta dt{color:var(--muted);flex:none;white-space:nowrap}
.meta dd{margin:0;min-width:0;flex:0 1 auto}
.overview{display:flex;flex-wrap:wrap;gap:1rem 1.5rem;align-items:flex-start;margin:1rem 0}
.tiles{display:flex;flex-wrap:wrap;gap:.5rem;margin:0;padding:0;list-style:none;flex:0 1 auto}
.tiles li{min-width:5.25rem;padding:.45rem .75rem;border-radius:8px;background:var(--panel)}
.tiles b{display:block;font-size:1.6rem;line-height:1.1}
.tiles .fail{background:var(--fail-bg);color:var(--fail)}.tiles .warn{background:var(--warn-bg);color:var(--warn)}
.tiles .pass{background:var(--pass-bg);color:var(--pass)}.tiles .skip{background:var(--skip-bg);color:var(--skip)}
.tiles small{display:block;color:var(--fg);font-size:.75rem}
.areas{flex:1 1 22rem;min-width:0}
.areas h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border:0;margin:0 0 .25rem;padding:0}
.areas ul{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.25rem .5rem;margin:0;padding:0;list-style:none;font-size:.85rem}
.areas li{padding:.15rem .5rem;border-left:4px solid var(--pass);background:var(--panel);border-radius:3px}
.areas li.worst-fail{border-left-color:var(--fail)}.areas li.worst-warn{border-left-color:var(--warn)}.areas li.worst-skip{border-left-color:var(--skip)}
.areas b{display:inline-block;min-width:2.9rem}
.areas .fail{color:var(--fail);font-weight:700}.areas .warn{color:var(--warn);font-weight:700}.areas .skip{color:var(--muted)}
#filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem .75rem;margin:1rem 0 0;background:var(--panel);border-radius:8px;position:sticky;top:0;z-index:1}
#filters[hidden]{display:none}
#filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
#filters legend{float:left;margin-right:.5rem;color:var(--muted)}
#filters label{white-space:nowrap}
#filters select,#filters input,#filters button{font:inherit;padding:.2rem .4rem;max-width:100%}
#filters input[type=search]{width:14rem}
#shown-count{color:var(--muted);font-size:.85rem}
.req{display:grid;grid-template-columns:4.25rem 4.5rem 4rem minmax(0,1fr) auto;gap:.25rem .75rem;align-items:baseline;padding:.55rem .5rem;border-bottom:1px solid var(--line)}
.req[hidden]{display:none}
.req{scroll-margin-top:7.5rem}
.req:target{outline:2px solid var(--rfc);outline-offset:2px}
.req>.body{grid-column:4/5}
.req>.rule-cell{grid-column:5/6;text-align:right}
.req>.evidence{grid-column:1/-1}
.req.fail,.req.warn{border-left:4px solid;padding-left:.6rem;margin-top:.5rem;border-radius:4px}
.req.fail{border-left-color:var(--fail)}.req.warn{border-left-color:var(--warn)}
.req.product-fail{border-left-style:dashed}
.req p{margin:0}
.id{font-weight:700}
.rid{white-space:nowrap}
.verdict a{color:inherit}
.status{font-weight:700;font-size:.75rem;padding:.1rem .4rem;border-radius:4px;text-align:center}
.status.fail{color:var(--fail);background:var(--fail-bg)}.status.warn{color:var(--warn);background:var(--warn-bg)}
.status.pass{color:var(--pass);background:var(--pass-bg)}.status.skip{color:var(--skip);background:var(--skip-bg)}
.level{font-size:.8rem;color:var(--muted)}
.source,.runs{font-size:.8rem;color:var(--muted)}
.rule{display:inline-block;font-size:.75rem;font-weight:600;padding:.05rem .4rem;border-radius:4px;border:1px solid}
.rule.RFC{color:var(--rfc)}.rule.BCP{color:var(--bcp)}
.rule.product{color:var(--product)}
.product-fail .rule.product{background:var(--product-bg);border-width:2px}
.message{margin-top:.25rem!important}
.req.skip .message{color:var(--muted);font-size:.9rem}
.product-note{margin-top:.35rem!important;padding:.3rem .6rem;border-radius:6px;background:var(--product-bg);color:var(--product);font-size:.9rem}
.evidence{min-width:0}
.copyable{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.4rem;align-items:start;margin:.2rem 0}
.copyable[data-full]{grid-template-columns:minmax(0,1fr)}
button.copy{font:inherit;font-size:.8rem;padding:.2rem .55rem;border:1px solid var(--line);border-radius:5px;background:var(--bg);color:var(--fg);cursor:pointer}
button.copy[hidden]{display:none}
.exchanges{margin:.25rem 0 0;padding-left:1.5rem}
.exchanges li{margin:.4rem 0}
.answer{background:none;padding:.1rem .65rem;color:var(--muted)}
details>summary{cursor:pointer;color:var(--muted);font-size:.85rem;margin-top:.5rem}
.none{color:var(--muted);padding:1rem 0}
footer{margin-top:2rem;color:var(--muted);font-size:.8rem}
@media (max-width:640px){
body{padding:.75rem .6rem 2rem;font-size:14px}
h1{font-size:1.15rem}
.verdict{font-size:1rem}
.meta{gap:.15rem 1rem}
.tiles{flex:1 1 100%}
.tiles li{flex:1 1 0;min-width:0;padding:.35rem .5rem}
.tiles li.fail{flex-grow:2}
.tiles b{font-size:1.3rem}
.areas ul{grid-template-columns:repeat(2,minmax(0,1fr))}
.req{display:flex;flex-wrap:wrap;gap:.25rem .6rem;padding-left:.35rem}
.req>.body,.req>.evidence{flex:1 1 100%;min-width:0}
.req>.rule-cell{margin-left:auto;display:flex;flex-wrap:wrap;justify-content:flex-end;gap:0 .5rem;align-items:baseline}
.req>.body{order:1}.req>.evidence{order:2}
#filters{position:static}
#filters input[type=search]{width:100%}
pre,code{font-size:11.5px}
}
@media print{
#filters,button.copy{display:none!important}
body{max-width:none;padding:0;font-size:11pt}
details::details-content{content-visibility:visible;display:contents}
.req{break-inside:avoid-page}
pre{border:1px solid #ccc}
}
`;
