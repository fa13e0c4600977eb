// Popup styles: px sizes, light and dark themes, visible focus, readable at 200% zoom.
export const popupCss = String.raw`
:root { color-scheme: light dark; --bg: #fff; --fg: #1c1c1e; --muted: #5b5b66; --line: #dcdce3; --accent: #1d3b6e; --soft: #f3f4f7; --orphan: #8c1f1b; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1b1c20; --fg: #ececf1; --muted: #a9a9b6; --line: #34353c; --accent: #8fb3ff; --soft: #26272d; --orphan: #ff9b93; }
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Noto Sans CJK SC", sans-serif; width: 360px; max-width: 100vw; }
.popup { padding: 12px 14px 14px; }
.top { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
h1 { font-size: 16px; margin: 0; display: flex; align-items: center; gap: 6px; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 0 6px; display: flex; gap: 6px; align-items: center; }
section { border-top: 1px solid var(--line); padding-top: 4px; }
section.site { border-top: 0; }
button { font: inherit; color: inherit; }
button.link { background: none; border: 0; color: var(--accent); text-decoration: underline; cursor: pointer; padding: 4px 0; }
.bottom { border-top: 1px solid var(--line); margin-top: 12px; padding-top: 6px; }
.wrap, .saved button, .note { overflow-wrap: anywhere; min-width: 0; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
.switch { display: flex; align-items: center; gap: 10px; font-size: 15px; cursor: pointer; }
.switch input { appearance: none; width: 40px; height: 22px; border-radius: 11px; background: #767680; position: relative; flex: none; margin: 0; cursor: pointer; }
.switch input::after { content: ""; position: absolute; top: 3px; left: 3px; width: 16px; height: 16px; border-radius: 50%; background: #fff; transition: left .12s; }
.switch input:checked { background: #2f7d4f; }
.switch input:checked::after { left: 21px; }
.switch input:disabled { opacity: .5; cursor: default; }
.switch:has(input:disabled) { cursor: default; }
@media (prefers-reduced-motion: reduce) { .switch input::after { transition: none; } }
.scope { border: 0; margin: 8px 0 0; padding: 0; display: grid; gap: 2px; }
.scope legend { color: var(--muted); font-size: 12px; padding: 0; margin-bottom: 2px; }
.scope label, .pause { display: flex; gap: 6px; align-items: flex-start; }
.scope input, .pause input { margin: 3px 0 0; flex: none; }
.pause { margin-top: 8px; color: var(--muted); }
.status { margin: 6px 0 0; color: var(--muted); font-size: 13px; }
.muted { color: var(--muted); margin: 4px 0; }
.error { color: var(--orphan); }
ul { list-style: none; margin: 0; padding: 0; }
.mentions button { width: 100%; display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; background: none; border: 0; border-radius: 6px; padding: 6px 8px; text-align: left; cursor: pointer; }
.mentions button:hover { background: var(--soft); }
.count { flex: none; background: var(--soft); border: 1px solid var(--line); border-radius: 10px; padding: 0 7px; font-size: 12px; color: var(--fg); letter-spacing: 0; text-transform: none; }
.saved li { padding: 6px 0; border-bottom: 1px solid var(--line); }
.saved button { background: none; border: 0; padding: 0; text-align: left; cursor: pointer; font-style: italic; }
.saved .note { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
.orphan .badge { display: inline-block; font-size: 11px; color: var(--orphan); border: 1px solid currentColor; border-radius: 8px; padding: 0 6px; margin-bottom: 2px; }
.hint { color: var(--muted); font-size: 12px; margin: 8px 0 0; }
.keys dl { margin: 0; display: grid; gap: 4px; }
.keys dl > div { display: flex; justify-content: space-between; align-items: baseline; gap: 4px 8px; flex-wrap: wrap; }
.keys dt { color: var(--fg); }
.keys dd { margin: 0 0 0 auto; text-align: right; }
kbd { font: 12px ui-monospace, monospace; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; background: var(--soft); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
