/**
 * The report's only stylesheet, inlined: system fonts (nothing to download), a light page that
 * projects well on a shared screen, and print rules so a debrief can be handed out on paper.
 */
export const STYLE = `
:root { --ink: #1f2328; --muted: #656d76; --line: #d8dee4; --pass: #2b8a3e; --fail: #c92a2a; --fair: #e67700; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header.top { background: #1f2328; color: #fff; padding: 28px 0 24px; }
header.top .wrap { display: flex; align-items: center; gap: 24px; }
header.top h1 { margin: 0; font-size: 24px; font-weight: 650; }
header.top p { margin: 4px 0 0; color: #c9d1d9; }
.wrap { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
.scroll { overflow-x: auto; }
table.summary { font-size: 14px; }
table.summary td code { font-size: 12px; white-space: normal; }
table.summary td:nth-child(2) { min-width: 220px; }
.big-verdict { font-size: 22px; font-weight: 750; padding: 10px 18px; border-radius: 10px; letter-spacing: .04em; }
.big-verdict.pass { background: var(--pass); } .big-verdict.fail { background: var(--fail); }
main { padding: 12px 0 48px; }
.card { display: block; background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; margin: 20px 0; }
details.card { padding: 12px 24px; margin: 8px 0; }
details.card[open] { padding-bottom: 20px; }
details.case > summary { list-style: none; cursor: pointer; }
details.case > summary::-webkit-details-marker { display: none; }
.case-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
.case-head h2 { margin: 0; font-size: 18px; }
details.case .case-head::before { content: '▸'; color: var(--muted); width: 12px; }
details.case[open] .case-head::before { content: '▾'; }
.case-figures { color: var(--muted); font-size: 13px; }
.case-right { margin-left: auto; display: flex; gap: 12px; align-items: baseline; }
.case-head .back { font-size: 13px; white-space: nowrap; }
section.case .case-head { margin-bottom: 8px; }
.tag { font-size: 12px; color: var(--muted); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; white-space: nowrap; }
.expected-note { background: #f1f3f5; border-left: 3px solid #868e96; padding: 6px 10px; margin: 8px 0; }
.expected-note.unexpected-pass { border-color: var(--fail); background: #fff5f5; }
ul.expected li { margin: 4px 0; }
details.timeline > summary { cursor: pointer; } details.timeline > summary h4 { display: inline; }
header.top .command { margin-top: 8px; } header.top code { background: #2d333b; border-color: #444c56; color: #e6edf3; white-space: normal; word-break: normal; overflow-wrap: anywhere; }
header.top .version { font-size: 13px; color: #8b949e; margin-top: 6px; }
header.top .run { min-width: 0; }
h2 { margin: 0 0 4px; font-size: 20px; } h3 { margin: 20px 0 8px; font-size: 17px; } h4 { margin: 12px 0 6px; font-size: 14px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.sub { color: var(--muted); margin: 0 0 12px; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); border: 1px solid var(--line); border-radius: 5px; padding: 1px 5px; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
td code { white-space: nowrap; word-break: normal; }
table.failures td code { white-space: normal; word-break: break-all; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.pill { white-space: nowrap; display: inline-block; font-size: 12px; font-weight: 700; padding: 1px 8px; border-radius: 99px; color: #fff; vertical-align: middle; }
.pill.pass { background: var(--pass); } .pill.fail { background: var(--fail); } .pill.expected { background: #868e96; }
.rate { display: block; width: 100%; min-width: 70px; height: 6px; border-radius: 3px; background: #ffe3e3; overflow: hidden; margin-top: 5px; }
.rate i { display: block; height: 100%; background: var(--pass); }
dl.times { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; margin: 8px 0 16px; }
dl.times div { background: var(--bg); border-radius: 8px; padding: 8px 12px; }
dl.times dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
dl.times dd { margin: 2px 0 0; font-size: 18px; font-weight: 650; font-variant-numeric: tabular-nums; }
dl.times small { font-size: 12px; font-weight: 400; color: var(--muted); }
.stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 8px 0; }
.stats div { background: var(--bg); border-radius: 8px; padding: 8px 12px; }
.stats b { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
.stats span { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.score-row { display: grid; grid-template-columns: 96px 1fr 1.3fr; gap: 20px; align-items: start; }
.score-ring { width: 92px; height: 92px; }
.score-ring .track { fill: none; stroke: #e9ecef; stroke-width: 9; }
.score-ring .fill { fill: none; stroke-width: 9; stroke-linecap: round; }
.score-ring.good .fill { stroke: var(--pass); } .score-ring.fair .fill { stroke: var(--fair); } .score-ring.poor .fill { stroke: var(--fail); }
.score-ring text { font-size: 24px; font-weight: 750; fill: var(--ink); }
table.penalties td { border: 0; padding: 2px 6px; } table.penalties td.num { color: var(--fail); font-weight: 650; }
ul.reasons, ul { margin: 0; padding-left: 18px; } li { margin: 2px 0; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted); margin: 16px 0 4px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.legend i.band { background: rgba(43,138,62,.12); border: 1px dashed var(--pass); }
.legend i.unstable { background: rgba(240,140,0,.28); }
.legend i.slo { background: none; border-top: 2px dashed #868e96; height: 0; border-radius: 0; }
.legend i.watch { background: none; border-top: 2px dashed #1971c2; height: 0; border-radius: 0; }
.legend i.smooth { background: none; border-top: 3px solid #5f3dc4; height: 0; border-radius: 0; }
.legend i.measured { border-radius: 50%; background: #e03131; border: 2px solid #e03131; width: 8px; height: 8px; }
svg.chart { display: block; width: 100%; height: auto; margin: 6px 0; font: 11px system-ui, sans-serif; }
svg.chart .chart-title { font-size: 13px; font-weight: 650; fill: var(--ink); }
svg.chart .tick { fill: var(--muted); }
svg.chart .grid { stroke: #eef1f4; }
svg.chart .frame { fill: none; stroke: var(--line); }
svg.chart .axis { stroke: var(--line); }
svg.chart .series { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg.chart .raw { fill: none; stroke-width: 1; stroke-opacity: .3; }
svg.chart .watch-level { stroke: #1971c2; stroke-width: 1.3; stroke-dasharray: 7 3; }
svg.chart .watched { fill: none; stroke: #1971c2; stroke-width: 1.5; stroke-dasharray: 4 2; }
svg.chart .watch-window { fill: #1971c2; }
svg.chart .watch-label, svg.chart .percentile-label { fill: #1971c2; font-weight: 650; }
svg.chart .route-label { font-weight: 650; }
svg.chart .measure-level { stroke: #e03131; stroke-width: 1.3; stroke-dasharray: 2 4; }
svg.chart .measure-label { fill: #c92a2a; font-weight: 650; }
svg.chart circle.measured { fill: #fff; stroke: #c92a2a; stroke-width: 1.5; } svg.chart circle.measured.failed { fill: #e03131; } svg.chart circle.measured.inconclusive, svg.chart circle.measured.error { fill: #f59f00; stroke: #f59f00; }
svg.chart .percentile { stroke: #1971c2; stroke-width: 1.5; stroke-dasharray: 2 3; }
svg.chart .threshold { stroke: #868e96; stroke-dasharray: 5 4; }
svg.chart .threshold-label { fill: #868e96; }
svg.chart .target-band { fill: rgba(43,138,62,.09); }
svg.chart .unstable-band { fill: rgba(240,140,0,.16); }
svg.chart .deadline { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 3 3; }
svg.chart .deadline-label { fill: var(--fail); font-weight: 650; }
svg.chart .marker line { stroke-width: 1.2; stroke-opacity: .75; }
svg.chart .marker text { font-weight: 650; }
svg.chart .marker text, svg.chart .deadline-label, svg.chart .threshold-label, svg.chart .watch-label, svg.chart .measure-label, svg.chart .route-label, svg.chart .percentile-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.lane .action rect { fill: #adb5bd; } svg.lane .action.done rect { fill: #69db7c; } svg.lane .action.failed rect { fill: #ff8787; } svg.lane .action.superseded rect { fill: #ced4da; }
svg.lane .action text { fill: var(--ink); font-size: 11px; }
svg.histogram .bin rect { fill: #8ce99a; } svg.histogram .bin.late rect { fill: #ffa8a8; }
svg.histogram .bin-count { fill: var(--muted); font-size: 10px; }
table.timeline td.kind { font-weight: 650; white-space: nowrap; }
table.measured tr.failed td, table.measured tr.error td { color: var(--fail); } table.measured td code { white-space: normal; overflow-wrap: anywhere; }
.counts, .muted { color: var(--muted); font-size: 13px; }
.replay { font-size: 13px; }
.failures li { margin-bottom: 6px; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding-bottom: 32px; }
@media (max-width: 860px) {
  .wrap { padding: 0 12px; }
  .card, details.card { padding-left: 14px; padding-right: 14px; }
  dl.times { grid-template-columns: repeat(3, 1fr); }
  .stats { grid-template-columns: repeat(2, 1fr); }
  .score-row { grid-template-columns: 96px 1fr; }
  .score-row > div:last-child { grid-column: 1 / -1; }
  header.top .wrap { flex-wrap: wrap; gap: 12px; }
  table.summary { font-size: 13px; }
  table.summary th, table.summary td { padding: 5px 4px; }
  table.summary td:nth-child(2) { min-width: 0; }
  table.summary .pill { white-space: normal; text-align: center; }
  .rate { min-width: 44px; }
}
@media print { details.card { break-inside: avoid-page; } body { background: #fff; } section.card { break-inside: avoid-page; border: 0; } header.top { background: #fff; color: var(--ink); } }
`;
