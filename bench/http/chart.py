#!/usr/bin/env python3
"""Renders bench/http results (results.tsv of run.sh) as a plain SVG bar chart, no libraries needed.

usage: chart.py out.svg LABEL=results.tsv [LABEL=results.tsv ...]
One group per endpoint, one bar per run: req/s on a log scale, labelled with req/s and the share of pgbench
of the same run (runs on a shared machine differ in absolute terms; the share is the comparable figure)."""
import math, sys
from xml.sax.saxutils import escape

out, runs = sys.argv[1], []
for arg in sys.argv[2:]:
    label, path = arg.split("=", 1)
    rows = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 10 and f[0] == "RESULT":
            rows[f[8] if f[1] != "pgbench" else "pgbench -S (select-only)"] = (float(f[2]), f[9])
    runs.append((label, rows))
names = []
for _, rows in runs:
    for n in rows:
        if n not in names:
            names.append(n)
pg = {label: rows.get("pgbench -S (select-only)", (None,))[0] for label, rows in runs}
colors = ["#9aa5b1", "#2f7ed8", "#f28f43", "#77a1e5", "#8bbc21"]
bar_h, gap, left, width = 16, 14, 330, 520
top = 40 + 18 * len(runs)
height = top + len(names) * (len(runs) * bar_h + gap) + 40
vmax = max(v for _, rows in runs for v, _ in rows.values())
lmin, lmax = 0, math.ceil(math.log10(vmax))
x = lambda v: left + width * (math.log10(max(v, 1)) - lmin) / (lmax - lmin)
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 170}" height="{height}" font-family="sans-serif" font-size="12">',
       f'<rect width="100%" height="100%" fill="white"/>',
       f'<text x="10" y="20" font-size="14" font-weight="bold">bench/http/run.sh: requests per second (log scale), 8 connections</text>']
for i, (label, rows) in enumerate(runs):
    y = 30 + 18 * i
    svg.append(f'<rect x="10" y="{y}" width="12" height="12" fill="{colors[i % len(colors)]}"/>'
               f'<text x="28" y="{y + 10}">{escape(label)}</text>')
for d in range(lmin, lmax + 1):
    gx = x(10 ** d)
    svg.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height - 30}" stroke="#ddd"/>'
               f'<text x="{gx:.1f}" y="{height - 14}" text-anchor="middle" fill="#555">{10 ** d:,}</text>')
y = top
for n in names:
    svg.append(f'<text x="{left - 8}" y="{y + len(runs) * bar_h / 2 + 4}" text-anchor="end">{escape(n)}</text>')
    for i, (label, rows) in enumerate(runs):
        if n in rows:
            v = rows[n][0]
            share = f" ({100 * v / pg[label]:.1f} % of pgbench)" if pg[label] and not n.startswith("pgbench") else ""
            svg.append(f'<rect x="{left}" y="{y}" width="{max(x(v) - left, 1):.1f}" height="{bar_h - 2}" fill="{colors[i % len(colors)]}"/>'
                       f'<text x="{x(v) + 4:.1f}" y="{y + bar_h - 4}" fill="#333">{v:,.0f}{share}</text>')
        y += bar_h
    y += gap
svg.append("</svg>")
open(out, "w").write("\n".join(svg) + "\n")
print(f"wrote {out}")
