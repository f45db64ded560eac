/// <reference lib="dom" />
/**
 * The report page's only script (inlined as a classic script, allowed by its sha256 in the
 * page's CSP; see `browser-script.ts`). Without it the page shows every row; with it the
 * filter form and the copy buttons appear. It reads the rows' facets from the page's
 * `<script type="application/json" id="report-index">` block and never evaluates report text.
 *
 * No imports and no exports: this file is compiled on its own into one script.
 */

interface IndexedRow {
  id: string;
  status: 'pass' | 'fail' | 'warn' | 'skip';
  area: string;
  level: string;
  /** `RFC`, `BCP` or `product`. */
  rule: string;
  /** Lower-cased: ID, requirement text, source, rule and message. */
  haystack: string;
}

interface Filters {
  statuses: Set<string>;
  area: string;
  level: string;
  rule: string;
  query: string;
}

const ID_QUERY = /^[a-z]+-\d+$/;

function matches(row: IndexedRow, f: Filters): boolean {
  if (!f.statuses.has(row.status)) return false;
  if (f.area && row.area !== f.area) return false;
  if (f.level && row.level !== f.level) return false;
  if (f.rule && row.rule !== f.rule) return false;
  if (!f.query) return true;
  // An ID asks for that requirement: `DSK-1` is not `DSK-10`.
  if (ID_QUERY.test(f.query)) return row.id.toLowerCase() === f.query;
  return f.query.split(/\s+/).every((word) => row.haystack.includes(word));
}

function readFilters(form: HTMLFormElement): Filters {
  const data = new FormData(form);
  return {
    statuses: new Set(data.getAll('status').map(String)),
    area: String(data.get('area') ?? ''),
    level: String(data.get('level') ?? ''),
    rule: String(data.get('rule') ?? ''),
    query: String(data.get('q') ?? '').trim().toLowerCase(),
  };
}

function applyFilters(form: HTMLFormElement, rows: IndexedRow[]): void {
  const f = readFilters(form);
  let shown = 0;
  for (const row of rows) {
    const el = document.getElementById(row.id);
    if (!el) continue;
    const visible = matches(row, f);
    el.hidden = !visible;
    if (visible) shown += 1;
  }
  // A group heading without a visible row would only take room.
  for (const group of document.querySelectorAll<HTMLElement>('section.group')) {
    group.hidden = group.querySelector('.req:not([hidden])') === null;
  }
  const count = document.getElementById('shown-count');
  if (count) count.textContent = `${shown} of ${rows.length} shown`;
  const none = document.getElementById('none-shown');
  if (none) none.hidden = shown > 0;
}

/** Clipboard API first; where it is missing or refused (no secure context), select the text. */
async function copyText(button: HTMLButtonElement): Promise<void> {
  const source = document.getElementById(button.dataset.copy ?? '');
  if (!source) return;
  const text = source.textContent ?? '';
  const label = button.textContent;
  try {
    if (!navigator.clipboard) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  }
  window.setTimeout(() => {
    button.textContent = label;
  }, 2000);
}

/** Print every detail open; give the page back as it was afterwards. */
function openDetailsForPrint(): void {
  let reopened: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    reopened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
    for (const d of reopened) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of reopened) d.open = false;
    reopened = [];
  });
}

function install(): void {
  const form = document.getElementById('filters') as HTMLFormElement | null;
  const index = document.getElementById('report-index');
  if (!form || !index) return;
  const rows = JSON.parse(index.textContent ?? '[]') as IndexedRow[];
  form.hidden = false;
  form.addEventListener('input', () => applyFilters(form, rows));
  form.addEventListener('change', () => applyFilters(form, rows));
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', () => window.setTimeout(() => applyFilters(form, rows), 0));
  applyFilters(form, rows);

  for (const button of document.querySelectorAll<HTMLButtonElement>('button.copy')) {
    button.hidden = false;
    button.addEventListener('click', () => void copyText(button));
  }
  openDetailsForPrint();
}

install();
