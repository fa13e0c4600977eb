// Styles for the library page's Topics view, injected as a <style> by the library entrypoint.
// Sizes are in rem/em so browser zoom and the user's font size apply; layout collapses to one
// column at narrow widths (which is also what 200% zoom on a laptop looks like).
export const libraryCss = String.raw`
.kx-topics {
  --kx-bg: #ffffff;
  --kx-bg-soft: #f4f5f7;
  --kx-text: #1c1c1e;
  --kx-muted: #55555f;
  --kx-border: #d3d5db;
  --kx-accent: #1f5bb8;
  --kx-accent-soft: #e4ecfa;
  --kx-accent-text: #ffffff;
  --kx-focus: #1f5bb8;
  --kx-ok: #1d6b45;
  --kx-danger: #a1261f;
  --kx-voice-bg: #eef1f6;
  --kx-voice-fg: #2b3a55;
  --kx-tension: #a15c00;
  color-scheme: light dark;
  display: grid;
  grid-template-columns: minmax(15rem, 22rem) minmax(0, 1fr);
  gap: 2rem;
  align-items: start;
  color: var(--kx-text);
  background: var(--kx-bg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 1rem;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  .kx-topics {
    --kx-bg: #18181b;
    --kx-bg-soft: #232327;
    --kx-text: #ececf1;
    --kx-muted: #b0b0ba;
    --kx-border: #3d3d45;
    --kx-accent: #8ab4f8;
    --kx-accent-soft: #223552;
    --kx-accent-text: #0d1a2e;
    --kx-focus: #8ab4f8;
    --kx-ok: #7dd3a4;
    --kx-danger: #ff9b92;
    --kx-voice-bg: #2a3142;
    --kx-voice-fg: #d5def0;
    --kx-tension: #f0b56a;
  }
}
.kx-topics *, .kx-topics *::before, .kx-topics *::after { box-sizing: border-box; }
.kx-topics :focus { outline: none; }
.kx-topics :focus-visible { outline: 3px solid var(--kx-focus); outline-offset: 2px; border-radius: 2px; }
/* Headings moved to by script take focus without showing a ring to mouse users. */
.kx-topics h2[tabindex="-1"]:focus:not(:focus-visible) { outline: none; }
.kx-topics a { color: var(--kx-accent); text-underline-offset: 0.15em; }
.kx-visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}

/* Browse column */
.kx-topics-browse {
  position: sticky;
  top: 1rem;
  max-height: calc(100vh - 2rem);
  overflow-y: auto;
  padding-right: 0.25rem;
}
.kx-topics-title { font-size: 1.1rem; margin: 0 0 0.75rem; }
.kx-topics-search label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.kx-topics-search input {
  width: 100%;
  font: inherit;
  padding: 0.5rem 0.65rem;
  border: 1px solid var(--kx-muted);
  border-radius: 0.375rem;
  background: var(--kx-bg);
  color: var(--kx-text);
}
.kx-topics-hint { margin: 0.3rem 0 0; font-size: 0.85rem; color: var(--kx-muted); }
.kx-topics-status { margin: 0.75rem 0; font-size: 0.875rem; color: var(--kx-muted); }
.kx-topics-group h3 {
  font-size: 0.8rem;
  text-transform: uppercase;
  letter-spacing: 0.06em;
  color: var(--kx-muted);
  margin: 1.1rem 0 0.35rem;
}
.kx-topics-count { font-weight: 400; }
.kx-topics-group ul { list-style: none; margin: 0; padding: 0; }
.kx-topics-item {
  display: block;
  padding: 0.45rem 0.6rem;
  border-radius: 0.375rem;
  color: var(--kx-text) !important;
  text-decoration: none;
  border-left: 3px solid transparent;
}
.kx-topics-item:hover { background: var(--kx-bg-soft); }
.kx-topics-item[aria-current] { background: var(--kx-accent-soft); border-left-color: var(--kx-accent); }
.kx-topics-item-name { display: block; font-weight: 600; }
.kx-topics-item-sub, .kx-topics-item-why { display: block; font-size: 0.85rem; color: var(--kx-muted); overflow-wrap: anywhere; }

/* Detail column */
.kx-topics-detail { min-width: 0; max-width: 46rem; }
.kx-topic h2, .kx-topics-intro h2 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 0.5rem; }
.kx-topic h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
.kx-topic p { margin: 0 0 0.6rem; }
.kx-topic-kind {
  display: inline-block;
  font-size: 0.75rem !important;
  font-weight: 700;
  text-transform: uppercase;
  letter-spacing: 0.06em;
  color: var(--kx-muted);
  margin: 0 0 0.25rem !important;
}
.kx-topic-names { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0 0 0.5rem; }
.kx-topic-names div { display: flex; gap: 0.4rem; }
.kx-topic-names dt { color: var(--kx-muted); }
.kx-topic-names dt::after { content: ":"; }
.kx-topic-names dd { margin: 0; font-weight: 600; }
.kx-topic-aliases summary { cursor: pointer; color: var(--kx-muted); font-size: 0.9rem; }
.kx-topic-aliases ul { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; padding: 0; margin: 0.5rem 0 0; }
.kx-topic-aliases li { padding: 0.1rem 0.5rem; border: 1px solid var(--kx-border); border-radius: 999px; font-size: 0.85rem; }
.kx-topic-perspective { font-size: 1.05rem; }
.kx-topic-points { list-style: none; margin: 0; padding: 0; }
.kx-topic-point { padding: 0.75rem 0 0.75rem 0.9rem; border-left: 3px solid var(--kx-border); margin-bottom: 0.75rem; }
.kx-topic-tension { border-left-color: var(--kx-tension); }
.kx-voice {
  display: inline-block;
  font-size: 0.8rem;
  font-weight: 700;
  padding: 0.1rem 0.5rem;
  border-radius: 999px;
  background: var(--kx-voice-bg);
  color: var(--kx-voice-fg);
  margin-bottom: 0.35rem !important;
}
.kx-cite { font-size: 0.85rem; color: var(--kx-muted); margin: 0 !important; }
.kx-cite-nofn { font-style: italic; }
.kx-fnref {
  font: inherit;
  min-width: 1.75rem;
  min-height: 1.5rem;
  padding: 0 0.3rem;
  border: 1px solid var(--kx-border);
  border-radius: 0.25rem;
  background: var(--kx-bg-soft);
  color: var(--kx-accent);
  cursor: pointer;
}
.kx-fnref:hover { border-color: var(--kx-accent); }
.kx-topic-related { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0; }
.kx-topic-related a {
  display: inline-block;
  padding: 0.3rem 0.75rem;
  border: 1px solid var(--kx-border);
  border-radius: 999px;
  text-decoration: none;
}
.kx-topic-related a:hover { border-color: var(--kx-accent); background: var(--kx-accent-soft); }
.kx-topic-sources { padding-left: 0; list-style: none; margin: 0; }
.kx-topic-source { margin-bottom: 0.5rem; overflow-wrap: anywhere; scroll-margin-top: 1rem; }
.kx-topic-source:target, .kx-topic-source:focus { background: var(--kx-accent-soft); border-radius: 0.25rem; }
.kx-topic-source-n { font-weight: 700; }
.kx-topic-cite { margin-top: 2rem; padding: 1rem; border: 1px solid var(--kx-border); border-radius: 0.5rem; background: var(--kx-bg-soft); }
.kx-topic-cite h3 { margin-top: 0 !important; }
.kx-topic-citation { font-family: Georgia, "Times New Roman", serif; overflow-wrap: anywhere; user-select: all; }
.kx-topic-cite-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.kx-button {
  font: inherit;
  font-weight: 600;
  padding: 0.45rem 1rem;
  border-radius: 0.375rem;
  border: 1px solid var(--kx-accent);
  background: var(--kx-accent);
  color: var(--kx-accent-text);
  cursor: pointer;
}
.kx-button:hover { filter: brightness(1.08); }
.kx-topic-cite-status { margin: 0 !important; font-size: 0.9rem; }
.kx-topic-cite-status.kx-copied { color: var(--kx-ok); }
.kx-topic-cite-status.kx-failed { color: var(--kx-danger); }
.kx-topics-intro p { max-width: 40rem; }
.kx-topics-source { color: var(--kx-muted); }

/* One column when narrow (phones, split screens, 200% zoom): the list scrolls with the page. */
@media (max-width: 48em) {
  .kx-topics { grid-template-columns: minmax(0, 1fr); gap: 1.25rem; }
  .kx-topics-browse { position: static; max-height: none; overflow: visible; }
  .kx-topics-list { max-height: 50vh; overflow-y: auto; border: 1px solid var(--kx-border); border-radius: 0.5rem; padding: 0 0.5rem; }
}
@media (prefers-reduced-motion: no-preference) {
  .kx-topics-item, .kx-topic-related a { transition: background-color 0.12s ease; }
}
@media (forced-colors: active) {
  .kx-topics-item[aria-current] { border-left-color: Highlight; }
  .kx-voice, .kx-fnref, .kx-topic-related a { border: 1px solid CanvasText; }
}
`;
