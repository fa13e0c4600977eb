// Popover styles, for an adopted CSSStyleSheet in the shadow root. Sizes are in px (never rem) and
// the host is reset, so the page's root font size and inherited styles cannot reach the popover.
export const popoverCss = String.raw`
:host {
  all: initial;
  display: block;
  position: fixed;
  z-index: 2147483647;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 14px;
  line-height: 20px;
  font-weight: 400;
  color-scheme: light dark;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
/* all: initial would otherwise show a closed popover host as an inline box. */
:host([popover]:not(:popover-open)) { display: none; }
:host([hidden]) { display: none; }

.kx-popover {
  --kx-bg: #ffffff;
  --kx-bg-soft: #f5f5f7;
  --kx-text: #1c1c1e;
  --kx-muted: #55555f;
  --kx-border: #d6d6de;
  --kx-accent: #1f5bb8;
  --kx-accent-text: #ffffff;
  --kx-focus: #1f5bb8;
  --kx-danger: #a1261f;
  --kx-ok: #1d6b45;
  --kx-bone: #e8e8ee;
  --kx-shadow: 0 8px 28px rgba(20, 20, 30, 0.18), 0 1px 3px rgba(20, 20, 30, 0.12);
  --kx-official-bg: #e4ecfa; --kx-official-fg: #1a4790;
  --kx-expert-bg: #e2f2ea; --kx-expert-fg: #1b5a42;
  --kx-media-bg: #fbefd9; --kx-media-fg: #744500;
  --kx-china-bg: #fbe6e5; --kx-china-fg: #8c1f1b;
  --kx-authors-bg: #ebebf0; --kx-authors-fg: #3b3b45;

  box-sizing: border-box;
  display: flex;
  flex-direction: column;
  width: min(360px, calc(100vw - 16px));
  max-height: var(--kontekst-max-height, min(520px, calc(100vh - 16px)));
  overflow: hidden;
  margin: 0;
  background: var(--kx-bg);
  color: var(--kx-text);
  border: 1px solid var(--kx-border);
  border-radius: 10px;
  box-shadow: var(--kx-shadow);
  /* Restated here, not inherited from the host: page rules (even !important) can match the host. */
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 14px;
  line-height: 20px;
  font-weight: 400;
  font-style: normal;
  font-variant: normal;
  font-stretch: normal;
  letter-spacing: normal;
  word-spacing: normal;
  text-transform: none;
  text-indent: 0;
  text-shadow: none;
  text-decoration: none;
  white-space: normal;
  direction: ltr;
  writing-mode: horizontal-tb;
  visibility: visible;
  cursor: auto;
  text-align: left;
  overflow-wrap: break-word;
  word-break: normal;
  hyphens: manual;
}
@media (prefers-color-scheme: dark) {
  .kx-popover {
    --kx-bg: #1e1f24;
    --kx-bg-soft: #26272d;
    --kx-text: #ececf1;
    --kx-muted: #a9a9b5;
    --kx-border: #3b3c44;
    --kx-accent: #8ab4f8;
    --kx-accent-text: #0d1b33;
    --kx-focus: #8ab4f8;
    --kx-danger: #f2a7a1;
    --kx-ok: #8fd6ae;
    --kx-bone: #30313a;
    --kx-shadow: 0 8px 28px rgba(0, 0, 0, 0.5), 0 1px 3px rgba(0, 0, 0, 0.4);
    --kx-official-bg: #1f3352; --kx-official-fg: #bcd4ff;
    --kx-expert-bg: #173a2e; --kx-expert-fg: #a8e2c8;
    --kx-media-bg: #3d2c10; --kx-media-fg: #f2d08f;
    --kx-china-bg: #47201e; --kx-china-fg: #f6b9b4;
    --kx-authors-bg: #30313a; --kx-authors-fg: #d6d6de;
  }
}
@media (prefers-reduced-motion: no-preference) {
  .kx-popover { animation: kx-enter 140ms ease-out; }
  .kx-bone { animation: kx-pulse 1.2s ease-in-out infinite alternate; }
}
@keyframes kx-enter {
  from { opacity: 0; transform: translateY(4px); }
  to { opacity: 1; transform: none; }
}
@keyframes kx-pulse {
  from { opacity: 1; }
  to { opacity: 0.55; }
}
@media (prefers-reduced-motion: reduce) {
  .kx-popover, .kx-popover * { animation: none !important; transition: none !important; }
}

/* Resets use :where() so they carry no specificity and every component rule below wins. */
:where(.kx-popover) *, :where(.kx-popover) *::before, :where(.kx-popover) *::after { box-sizing: border-box; }
:where(.kx-popover) :where(p, h2, h3, ul, ol, li) { margin: 0; padding: 0; }
:where(.kx-popover) :where(ul, ol) { list-style: none; }

.kx-header {
  display: flex;
  align-items: flex-start;
  gap: 8px;
  padding: 12px 8px 10px 16px;
  border-bottom: 1px solid var(--kx-border);
  background: var(--kx-bg);
  flex: none;
}
.kx-header-main { flex: 1 1 auto; min-width: 0; }
.kx-kind {
  font-size: 12px;
  line-height: 16px;
  color: var(--kx-muted);
  letter-spacing: 0.02em;
}
.kx-title {
  font-size: 17px;
  line-height: 22px;
  font-weight: 650;
  color: var(--kx-text);
  border-radius: 3px;
}
.kx-title:focus { outline: none; }
.kx-title:focus-visible { outline: 2px solid var(--kx-focus); outline-offset: 2px; }
.kx-surface { margin-top: 2px; font-size: 13px; line-height: 18px; color: var(--kx-muted); }

:where(.kx-popover) button {
  font: inherit;
  color: inherit;
  margin: 0;
  cursor: pointer;
  -webkit-appearance: none;
  appearance: none;
}
.kx-popover :focus-visible { outline: 2px solid var(--kx-focus); outline-offset: 2px; }
.kx-close {
  flex: none;
  width: 32px;
  height: 32px;
  border: 0;
  border-radius: 6px;
  background: transparent;
  color: var(--kx-muted);
  font-size: 22px;
  line-height: 32px;
  text-align: center;
  padding: 0;
}
.kx-close:hover { background: var(--kx-bg-soft); color: var(--kx-text); }
.kx-back {
  display: inline-block;
  min-height: 24px;
  margin: 0 0 4px -6px;
  padding: 2px 6px;
  border: 0;
  border-radius: 5px;
  background: transparent;
  color: var(--kx-accent);
  font-size: 13px;
  line-height: 20px;
}
.kx-back:hover { background: var(--kx-bg-soft); }

.kx-body {
  flex: 1 1 auto;
  min-height: 0;
  overflow-y: auto;
  overscroll-behavior: contain;
  padding: 12px 16px 14px;
}
.kx-names { font-size: 13px; line-height: 18px; color: var(--kx-muted); margin-bottom: 6px; }
.kx-what { margin-bottom: 12px; }
.kx-block { margin-top: 14px; }
.kx-block:first-child { margin-top: 0; }
.kx-block h3 {
  font-size: 12px;
  line-height: 16px;
  font-weight: 650;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: var(--kx-muted);
  margin-bottom: 6px;
}
.kx-perspective { font-size: 14px; line-height: 21px; }

.kx-points { display: flex; flex-direction: column; gap: 10px; }
.kx-point { padding-left: 10px; border-left: 2px solid var(--kx-border); }
.kx-voice { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 6px; margin-bottom: 2px; }
.kx-badge {
  display: inline-block;
  padding: 1px 7px;
  border-radius: 999px;
  font-size: 12px;
  line-height: 17px;
  font-weight: 550;
  background: var(--kx-authors-bg);
  color: var(--kx-authors-fg);
}
.kx-badge--official { background: var(--kx-official-bg); color: var(--kx-official-fg); }
.kx-badge--expert { background: var(--kx-expert-bg); color: var(--kx-expert-fg); }
.kx-badge--media { background: var(--kx-media-bg); color: var(--kx-media-fg); }
.kx-badge--china { background: var(--kx-china-bg); color: var(--kx-china-fg); }
.kx-badge--authors { background: var(--kx-authors-bg); color: var(--kx-authors-fg); }
.kx-voice-detail { font-size: 12px; line-height: 17px; color: var(--kx-muted); }
.kx-cite { margin-top: 3px; font-size: 12px; line-height: 17px; color: var(--kx-muted); }
.kx-nofn { font-style: italic; }
.kx-fnref {
  display: inline;
  padding: 0 1px;
  border: 0;
  border-radius: 3px;
  background: transparent;
  color: var(--kx-accent);
  text-decoration: underline;
  text-underline-offset: 2px;
  font-size: 12px;
  line-height: 17px;
}

.kx-related { display: flex; flex-wrap: wrap; gap: 6px; }
.kx-chip {
  display: inline-block;
  min-height: 28px;
  padding: 3px 10px;
  border: 1px solid var(--kx-border);
  border-radius: 999px;
  background: var(--kx-bg);
  color: var(--kx-accent);
  font-size: 13px;
  line-height: 20px;
  text-align: left;
}
.kx-chip:hover { background: var(--kx-bg-soft); }
.kx-chip--loading { width: 96px; background: var(--kx-bone); border-color: transparent; }

.kx-sources { margin-top: 16px; border-top: 1px solid var(--kx-border); padding-top: 8px; }
.kx-sources summary {
  cursor: pointer;
  font-weight: 600;
  font-size: 13px;
  line-height: 24px;
  border-radius: 4px;
}
.kx-muted { color: var(--kx-muted); font-weight: 400; }
.kx-report { margin: 6px 0 8px; font-size: 13px; line-height: 19px; }
.kx-notes { display: flex; flex-direction: column; gap: 6px; }
.kx-note { display: flex; gap: 8px; font-size: 13px; line-height: 19px; border-radius: 4px; }
.kx-note:focus { outline: none; }
.kx-note:focus-visible, .kx-note:focus { background: var(--kx-bg-soft); box-shadow: 0 0 0 2px var(--kx-focus); }
.kx-note-n { flex: none; min-width: 20px; color: var(--kx-muted); text-align: right; }
.kx-note-text { min-width: 0; }
:where(.kx-popover) a { color: var(--kx-accent); text-decoration: underline; text-underline-offset: 2px; border-radius: 2px; }
:where(.kx-popover) cite { font-style: italic; }

.kx-skeleton { display: flex; flex-direction: column; gap: 8px; padding: 2px 0 6px; }
.kx-bone { display: block; height: 12px; border-radius: 4px; background: var(--kx-bone); }
.kx-bone:nth-child(3) { width: 80%; }
.kx-bone--heading { width: 38%; height: 10px; margin-top: 8px; }
.kx-bone:nth-child(6) { width: 92%; }
.kx-bone:nth-child(7) { width: 64%; }

.kx-error { display: flex; flex-direction: column; align-items: flex-start; gap: 10px; color: var(--kx-text); }

.kx-footer {
  flex: none;
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px 8px;
  padding: 10px 16px;
  border-top: 1px solid var(--kx-border);
  background: var(--kx-bg-soft);
}
.kx-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.kx-footer-row { flex: 1 1 auto; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 4px 8px; }
.kx-button {
  min-height: 32px;
  padding: 5px 12px;
  border: 1px solid var(--kx-border);
  border-radius: 6px;
  background: var(--kx-bg);
  color: var(--kx-text);
  font-size: 13px;
  line-height: 20px;
  font-weight: 550;
}
.kx-button:hover { border-color: var(--kx-muted); }
.kx-button--primary {
  background: var(--kx-accent);
  border-color: var(--kx-accent);
  color: var(--kx-accent-text);
}
.kx-button--primary:hover { filter: brightness(1.08); border-color: var(--kx-accent); }
.kx-button--primary[data-saved="saved"] {
  background: var(--kx-bg);
  border-color: var(--kx-ok);
  color: var(--kx-ok);
}
.kx-button[aria-disabled="true"] { cursor: default; filter: none; }
.kx-button--quiet {
  min-height: 24px;
  margin-left: auto;
  padding: 2px 6px;
  background: transparent;
  border-color: transparent;
  color: var(--kx-muted);
  font-size: 12px;
  line-height: 18px;
  font-weight: 500;
  text-decoration: underline;
  text-underline-offset: 2px;
}
.kx-button--quiet:hover { border-color: transparent; color: var(--kx-text); }
.kx-status { font-size: 12px; line-height: 17px; color: var(--kx-muted); }
.kx-status--saved { color: var(--kx-ok); }
.kx-status--error { color: var(--kx-danger); }

.kx-sr-only {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0; border: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  clip-path: inset(50%);
  white-space: nowrap;
}

@media (forced-colors: active) {
  .kx-popover { border: 1px solid CanvasText; }
  .kx-badge, .kx-chip, .kx-button { border: 1px solid ButtonText; forced-color-adjust: auto; }
  .kx-bone { background: GrayText; }
  .kx-note:focus { outline: 2px solid Highlight; }
}
.kx-note-form { display: grid; gap: 4px; margin: 0 0 10px; }
.kx-note-form label { font-size: 12px; color: var(--kx-muted); }
.kx-note-form textarea, .kx-note-form input {
  font: inherit; color: var(--kx-text); background: var(--kx-bg); border: 1px solid var(--kx-border);
  border-radius: 6px; padding: 4px 6px; resize: vertical; width: 100%; box-sizing: border-box;
}
.kx-note-row { display: flex; align-items: center; gap: 8px; margin-top: 4px; }
`;
