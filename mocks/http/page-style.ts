/**
 * The style the mock's scripted pages share (the OAuth dashboard, the desktop dashboard): one
 * readable column that never scrolls sideways, from a 390 px phone to a desktop window. Tables
 * become one card per row below 40rem; each cell then shows its column name (`data-label`).
 */
export const BASE_CSS = `*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:76rem;color:#1d1d1f;background:#f6f7f9}
h1{font-size:1.35rem;margin:.2rem 0 .6rem}h2{font-size:1.05rem;margin:0 0 .5rem}
section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:.8rem 1rem;margin:0 0 1rem}
.muted{color:#667}.small{font-size:.85rem}code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em;overflow-wrap:anywhere}
td.nowrap{white-space:nowrap}input[type=number]{width:7rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e4e7eb;padding:.3rem .45rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{font-weight:600;font-size:.85rem;color:#445}
button,select,input{font:inherit;padding:.3rem .7rem;border-radius:6px;border:1px solid #aab;background:#fff;color:inherit;min-height:2.2rem}
button{cursor:pointer}button.primary{background:#0a5cd6;border-color:#0a5cd6;color:#fff}button.danger{border-color:#b42318;color:#b42318}
.row{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.badge{display:inline-block;white-space:nowrap;border-radius:999px;padding:0 .55rem;font-size:.8rem;font-weight:600;background:#e8ebef;color:#334}
.ok{background:#dff5e3;color:#14532d}.warn{background:#fff1c2;color:#6b4e00}.bad{background:#fde2e0;color:#8f1d13}
#message:empty{display:none}#message{padding:.4rem .6rem;border-radius:6px;background:#fde2e0;color:#8f1d13;margin:0 0 1rem}
@media (max-width:40rem){
body{padding:.6rem}section{padding:.6rem .7rem}
table.cards thead{display:none}table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border-bottom:1px solid #dde1e6;padding:.35rem 0}table.cards td{border:0;padding:.1rem 0}
table.cards td[data-label]::before{content:attr(data-label) ": ";color:#667;font-size:.85rem}
table.cards td.none::before{content:none}
}`;
