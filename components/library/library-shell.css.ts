// Styles for the library page shell, the Highlights and Sites tabs and export/import. Sizes in rem/em
// so zoom and the reader's font size apply; one column, wrapping rows, so 200% zoom still reads well.
// The palette matches library.css.ts (Topics) so the tabs look like one page.
export const libraryShellCss = String.raw`
:root {
  color-scheme: light dark;
  --lib-bg: #ffffff;
  --lib-soft: #f4f5f7;
  --lib-text: #1c1c1e;
  --lib-muted: #55555f;
  --lib-border: #d3d5db;
  --lib-accent: #1f5bb8;
  --lib-accent-text: #ffffff;
  --lib-focus: #1f5bb8;
  --lib-ok: #1d6b45;
  --lib-danger: #a1261f;
  --lib-warn-bg: #fff6e0;
  --lib-warn-border: #d9a33a;
  --lib-mark: #fde68a;
  --hl-yellow: #e6b800;
  --hl-green: #2f9e58;
  --hl-blue: #3a7bd5;
  --hl-pink: #d6458a;
  --hl-purple: #8a55c8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --lib-bg: #18181b;
    --lib-soft: #232327;
    --lib-text: #ececf1;
    --lib-muted: #b0b0ba;
    --lib-border: #3d3d45;
    --lib-accent: #8ab4f8;
    --lib-accent-text: #0d1a2e;
    --lib-focus: #8ab4f8;
    --lib-ok: #7dd3a4;
    --lib-danger: #ff9b92;
    --lib-warn-bg: #3a3020;
    --lib-warn-border: #a27a2c;
    --lib-mark: #6b5a12;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 93.75%; }
html, body { margin: 0; background: var(--lib-bg); color: var(--lib-text); }
body {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  line-height: 1.5;
}
button, input, select, textarea { font: inherit; color: inherit; }
a { color: var(--lib-accent); text-underline-offset: 0.15em; }
:focus-visible { outline: 3px solid var(--lib-focus); outline-offset: 2px; border-radius: 2px; }
[tabindex="-1"]:focus:not(:focus-visible) { outline: none; }
[hidden] { display: none !important; }
.lib-sr-only {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}

/* Shell */
.lib { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem 4rem; }
.lib-header {
  display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 0.5rem 2rem;
  border-bottom: 1px solid var(--lib-border); padding-top: 1rem; margin-bottom: 1.25rem;
}
.lib-header h1 { font-size: 1.35rem; margin: 0 0 0.6rem; display: flex; align-items: center; gap: 0.5rem; }
.lib-tabs { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.lib-tabs [role="tab"] {
  background: none; border: 0; border-bottom: 3px solid transparent; padding: 0.5rem 0.9rem 0.45rem;
  cursor: pointer; color: var(--lib-muted); font-weight: 600;
}
.lib-tabs [role="tab"]:hover { color: var(--lib-text); }
.lib-tabs [role="tab"][aria-selected="true"] { color: var(--lib-text); border-bottom-color: var(--lib-accent); }
.lib-main h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
.lib-main h3 { font-size: 1rem; margin: 0; }

/* Shared bits */
.lib button:not([role="tab"]) {
  border: 1px solid var(--lib-border); background: var(--lib-soft); border-radius: 0.375rem;
  padding: 0.3rem 0.75rem; cursor: pointer;
}
.lib button:not([role="tab"]):hover { border-color: var(--lib-muted); }
.lib button:disabled { opacity: 0.55; cursor: not-allowed; }
.lib button.lib-primary { background: var(--lib-accent); border-color: var(--lib-accent); color: var(--lib-accent-text); font-weight: 600; }
.lib input[type="search"], .lib input[type="text"], .lib input[type="date"], .lib select, .lib textarea {
  border: 1px solid var(--lib-muted); border-radius: 0.375rem; background: var(--lib-bg); padding: 0.35rem 0.5rem;
  max-width: 100%;
}
.lib-hint { color: var(--lib-muted); font-size: 0.87rem; margin: 0.25rem 0 0; }
.lib-muted { color: var(--lib-muted); }
.lib-error { color: var(--lib-danger); }
.lib-error-box, .lib-notice {
  border: 1px solid var(--lib-warn-border); background: var(--lib-warn-bg); border-radius: 0.5rem;
  padding: 0.6rem 0.9rem; margin: 0 0 1rem;
}
.lib-notice p { margin: 0; }
.lib-notice ul { margin: 0.4rem 0 0; padding-left: 1.25rem; }
.lib-check { display: flex; gap: 0.45rem; align-items: baseline; }
.lib-switch { display: inline-flex; align-items: center; gap: 0.6rem; cursor: pointer; }
.lib-switch input {
  appearance: none; width: 2.5rem; height: 1.4rem; border-radius: 0.7rem; background: #8a8f98; position: relative;
  flex: none; margin: 0; cursor: pointer;
}
.lib-switch input::after {
  content: ""; position: absolute; top: 0.2rem; left: 0.2rem; width: 1rem; height: 1rem; border-radius: 50%;
  background: #fff; transition: left 0.12s;
}
.lib-switch input:checked { background: #2f7d4f; }
.lib-switch input:checked::after { left: 1.3rem; }
@media (prefers-reduced-motion: reduce) { .lib-switch input::after { transition: none; } }
kbd {
  font: 0.85em ui-monospace, monospace; border: 1px solid var(--lib-border); border-radius: 0.25rem;
  padding: 0 0.3rem; background: var(--lib-soft);
}
mark { background: var(--lib-mark); color: inherit; border-radius: 2px; }

/* Highlights: toolbar */
.hl-toolbar { display: grid; gap: 0.75rem; margin-bottom: 1.25rem; }
.hl-search label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.hl-search input { width: 100%; padding: 0.5rem 0.65rem; }
.hl-filters, .hl-grouping { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; }
.hl-filters legend, .hl-grouping legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.hl-filters label { display: flex; flex-direction: column; font-size: 0.87rem; color: var(--lib-muted); gap: 0.15rem; }
.hl-filters select, .hl-filters input { color: var(--lib-text); font-size: 1rem; }
.hl-filters select { max-width: 16rem; }
.hl-grouping label { display: inline-flex; gap: 0.35rem; align-items: center; }

/* Highlights: results */
.hl-results-h { margin-bottom: 0.1rem; }
.hl-count { color: var(--lib-muted); margin: 0 0 1rem; }
.hl-group { margin: 0 0 1.75rem; }
.hl-group-head {
  display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.75rem;
  border-bottom: 1px solid var(--lib-border); padding-bottom: 0.35rem; margin-bottom: 0.75rem;
}
.hl-group-head h3 { overflow-wrap: anywhere; }
.hl-group-count { color: var(--lib-muted); font-weight: 400; }
.hl-site { color: var(--lib-muted); font-size: 0.87rem; }
.hl-card {
  content-visibility: auto; contain-intrinsic-size: auto 12rem;
  border-left: 4px solid var(--hl-yellow); padding: 0.5rem 0 0.75rem 1rem; margin: 0 0 1rem;
  border-radius: 2px;
}
/* Cards contain their paint (content-visibility), so rings are drawn inside the box. */
.hl-card.is-selected { background: var(--lib-soft); outline: 2px solid var(--lib-accent); outline-offset: -2px; }
.hl-card:focus-visible { outline-offset: -3px; }
.hl-green { border-left-color: var(--hl-green); }
.hl-blue { border-left-color: var(--hl-blue); }
.hl-pink { border-left-color: var(--hl-pink); }
.hl-purple { border-left-color: var(--hl-purple); }
.hl-page { margin: 0 0 0.25rem; font-weight: 600; overflow-wrap: anywhere; }
.hl-page .hl-site { font-weight: 400; }
.hl-orphan { margin: 0 0 6px; font-size: 0.85rem; color: var(--lib-muted, #5b5b66); }
.hl-orphan-badge { display: inline-block; color: #8c1f1b; border: 1px solid currentColor; border-radius: 8px; padding: 0 6px; margin-right: 4px; font-size: 0.8rem; }
@media (prefers-color-scheme: dark) { .hl-orphan-badge { color: #ff9b93; } }
.hl-quote { margin: 0; font-family: Georgia, "Iowan Old Style", "Times New Roman", "Noto Serif", "Songti SC", serif; font-size: 1.07rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.hl-meta { margin: 0.35rem 0 0.5rem; color: var(--lib-muted); font-size: 0.87rem; }
.hl-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.75rem; max-width: 52rem; }
/* The note's parts flow into the card's control row: its text and editor take a full line each. */
.hl-note { display: contents; }
.hl-note-text, .hl-note label, .hl-note textarea, .hl-note .lib-hint { flex: 1 0 100%; margin: 0; }
.hl-note-text { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 2px solid var(--lib-border); padding-left: 0.6rem; }
.hl-note label { font-size: 0.87rem; font-weight: 600; margin-bottom: -0.3rem; }
.hl-note textarea { width: 100%; resize: vertical; }
.lib button.hl-small { padding: 0.1rem 0.55rem; font-size: 0.87rem; }
.hl-save-state { font-size: 0.85rem; color: var(--lib-muted); }
.hl-save-state.is-saved { color: var(--lib-ok); }
.hl-save-state.is-error { color: var(--lib-danger); }
.hl-tags { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.35rem 0.4rem; }
.hl-tags-label { font-size: 0.87rem; color: var(--lib-muted); }
.hl-tags ul { display: contents; list-style: none; }
.hl-tag {
  display: inline-flex; align-items: center; gap: 0.2rem; background: var(--lib-soft);
  border: 1px solid var(--lib-border); border-radius: 1rem; padding: 0 0.2rem 0 0.6rem; font-size: 0.87rem;
}
.lib .hl-tag button { border: 0; background: none; padding: 0 0.35rem; border-radius: 1rem; line-height: 1.4; }
.hl-tags input { width: 11rem; padding: 0.15rem 0.4rem; font-size: 0.87rem; }
.hl-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin-left: auto; font-size: 0.93rem; }
.lib .hl-delete { color: var(--lib-danger); }
.hl-more { display: block; margin: 0.5rem auto 2rem; }
.hl-none, .hl-empty { padding: 1rem 0; }
.hl-empty { max-width: 40rem; }
.hl-empty ol { padding-left: 1.4rem; }
.hl-empty li { margin-bottom: 0.35rem; }

/* Export and import */
.lib-io { border-top: 1px solid var(--lib-border); margin-top: 2rem; padding-top: 1rem; }
.lib-io-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; }
.lib-io-buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; }
.lib-io-import { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.lib-io-panel { border: 1px solid var(--lib-border); border-radius: 0.5rem; padding: 0.75rem 1rem; margin-top: 0.75rem; max-width: 48rem; }
.lib-io-panel h3 { margin-bottom: 0.35rem; }
.lib-io-errors { border-color: var(--lib-danger); }
.lib-io-errors ul, .lib-io-summary, .lib-warnings ul { margin: 0.35rem 0 0.75rem; padding-left: 1.25rem; }
.lib-io-done { border-color: var(--lib-ok); }
.lib-io-actions { display: flex; gap: 0.5rem; margin-top: 0.75rem; }
.lib-warnings p { margin: 0; font-weight: 600; }

/* Toast */
.lib-toast { position: fixed; left: 50%; bottom: 1.25rem; transform: translateX(-50%); z-index: 10; max-width: calc(100vw - 2rem); }
.lib-toast-inner {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; background: var(--lib-text); color: var(--lib-bg);
  border-radius: 0.5rem; padding: 0.55rem 0.75rem 0.55rem 1rem; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
}
.lib .lib-toast-inner button { background: transparent; color: var(--lib-bg); border-color: currentColor; }
.lib-toast-inner :focus-visible { outline-color: var(--lib-bg); }

/* Sites */
.st-view { max-width: 48rem; display: grid; gap: 2rem; }
.st-pause { margin: 0.25rem 0 0.75rem; }
.st-mode { border: 0; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
.st-mode legend { font-weight: 600; padding: 0; margin-bottom: 0.35rem; }
.st-mode label { display: flex; gap: 0.5rem; align-items: baseline; cursor: pointer; }
.st-mode-hint { display: block; margin: 0; }
.st-offer { margin-top: 0.75rem; }
.st-starter { border: 1px solid var(--lib-border); border-radius: 0.5rem; padding: 0.75rem 1rem; margin-top: 0.75rem; }
.st-starter-groups { display: flex; flex-wrap: wrap; gap: 0.75rem 2rem; margin: 0.75rem 0; }
.st-starter fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 0.15rem; }
.st-starter legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.st-domain, .st-already { color: var(--lib-muted); font-size: 0.87rem; }
.st-actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.st-rules { list-style: none; margin: 0.75rem 0 0; padding: 0; border-top: 1px solid var(--lib-border); }
.st-rule { border-bottom: 1px solid var(--lib-border); padding: 0.6rem 0; display: grid; gap: 0.2rem; }
.st-rule-main { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem; align-items: center; }
.st-host { font-weight: 600; overflow-wrap: anywhere; }
.st-state { font-size: 0.87rem; font-weight: 600; }
.st-state.is-on { color: var(--lib-ok); }
.st-state.is-off { color: var(--lib-muted); }
.st-scope { margin: 0; color: var(--lib-muted); font-size: 0.87rem; }
.st-rule-actions { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; font-size: 0.93rem; }
.st-add { margin-top: 1.25rem; }
.st-add h3 { margin-bottom: 0.5rem; }
.st-add-fields { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; }
.st-add-fields label { display: flex; flex-direction: column; gap: 0.15rem; font-size: 0.87rem; color: var(--lib-muted); }
.st-add-fields input, .st-add-fields select { color: var(--lib-text); font-size: 1rem; }
`;
