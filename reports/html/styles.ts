/** The report's stylesheet (inline: the report is one file, readable offline). */
export const REPORT_CSS = `
:root{--passed:#2e9d4f;--reproduced:#3b6fd8;--failed:#d83b3b;--errored:#e08a1e;--interrupted:#888;font-family:system-ui,sans-serif;color:#222}
body{margin:0 auto;max-width:1400px;padding:1rem 2rem}
h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9rem}
.counts{display:flex;gap:.6rem;flex-wrap:wrap;margin:.8rem 0}
.count{padding:.3rem .7rem;border-radius:.4rem;color:#fff;font-weight:600}
.passed{background:var(--passed)}.reproduced{background:var(--reproduced)}.failed{background:var(--failed)}
.errored{background:var(--errored)}.interrupted{background:var(--interrupted)}
.matrix{border-collapse:collapse;font-size:.8rem}
.matrix th{font-weight:500;text-align:left;padding:.2rem .4rem;white-space:nowrap}
.matrix thead th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom;max-height:16rem;overflow:hidden;text-overflow:ellipsis}
.matrix td{width:1.6rem;height:1.6rem;border:2px solid #fff;text-align:center;padding:0}
.matrix td.cell a{display:block;color:#fff;text-decoration:none;font-weight:700;line-height:1.6rem}
.matrix td.empty{background:#f1f1f1}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.4rem;border-radius:.3rem;color:#fff;font-size:.8rem}
details.cell-detail{border:1px solid #ddd;border-left:6px solid var(--interrupted);border-radius:.3rem;margin:.4rem 0;padding:.3rem .6rem}
details.cell-detail[data-outcome=passed]{border-left-color:var(--passed)}details.cell-detail[data-outcome=reproduced]{border-left-color:var(--reproduced)}
details.cell-detail[data-outcome=failed]{border-left-color:var(--failed)}details.cell-detail[data-outcome=errored]{border-left-color:var(--errored)}
details.cell-detail summary{cursor:pointer;font-weight:600}
pre{background:#f6f6f6;padding:.4rem;overflow:auto;max-height:22rem;font-size:.75rem;white-space:pre-wrap;word-break:break-all}
table.checks{border-collapse:collapse;width:100%;font-size:.8rem}table.checks td,table.checks th{border-top:1px solid #eee;padding:.2rem .4rem;vertical-align:top;text-align:left}
.st-pass{color:var(--passed)}.st-fail{color:var(--failed);font-weight:700}.st-skip{color:#888}
.clone{border-top:1px dashed #ccc;margin-top:.6rem;padding-top:.4rem}
.timeline{display:flex;flex-wrap:wrap;gap:.2rem;list-style:none;padding:0;font-size:.75rem}
.timeline li{background:#eef;border-radius:.2rem;padding:.1rem .4rem}
img.screenshot{max-width:360px;border:1px solid #ccc;image-rendering:pixelated}
.triage{font-size:.85rem}.tag{font-size:.7rem;padding:.05rem .35rem;border-radius:.2rem;background:#555;color:#fff}
.filters button{margin-right:.3rem}
tr.culprit th,tr.culprit td{background:#fde8e8;font-weight:700}.bisect-steps ul{margin:0;padding-left:1rem}
.rate{display:block;font-size:.65rem;font-weight:400}
`;
