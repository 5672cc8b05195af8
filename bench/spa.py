"""A single-page app of ~100 history routes (bench/spa_farm.py): our audit against rendering every route.

    /work/main/.venv/bin/python bench/spa.py --routes 100 [--seed 7] [--pool 4] [--no-polite] [--render-budget 150]

The app is served on 127.0.0.1 with the history-API fallback (every route gets the same
index.html with 200), and in the same run, one after the other:

  render-all     every route rendered in Chromium, breadth-first over `a[href]`, in a pool of
                 reused pages (bench/render_all.py); it never clicks, so the route only a nav
                 <button> reaches is a fair miss for it
  audit          `contact-audit audit URL --delay 0 --max-pages 150 --quiet --no-history`
  audit-polite   the same at the default politeness (--delay 1); --no-polite skips it
  audit-budget   with --render-budget N: the audit with `crawl.render_budget = N` in a config file

Each row: wall time (process start-up included), the app's routes it reached, pages it
rendered, the planted emails and chat routes it found, and the peak resident memory of
the whole process tree, Chromium included (bench/js_farm.py's `measure`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from js_farm import measure  # noqa: E402
from spa_farm import Plant, SpaFarm, generate  # noqa: E402

from auditor.demo.sitehost import serve  # noqa: E402

MAX_PAGES = 150


def route_of(url: str) -> str:
    """The route a URL shows: its path without a trailing slash."""
    return urlsplit(url).path.rstrip("/") or "/"


@dataclass
class Row:
    name: str
    seconds: float
    peak_bytes: int
    routes: set[str]
    rendered: int
    found: set[Plant] = field(default_factory=set)


def run_render_all(farm: SpaFarm, base: str, pool: int) -> tuple[Row, dict[str, dict[str, Any]]]:
    with tempfile.TemporaryDirectory() as out:
        result = Path(out) / "pages.json"
        command = [sys.executable, str(BENCH / "render_all.py"), f"{base}/", "--max-pages", str(MAX_PAGES)]
        seconds, peak = measure([*command, "--pool", str(pool), "--out", str(result)])
        pages: dict[str, dict[str, Any]] = json.loads(result.read_text(encoding="utf-8"))
    shown: dict[str, dict[str, Any]] = {route_of(url): page for url, page in pages.items()}
    found = {
        plant
        for plant in farm.plants
        if plant.value in shown.get(plant.route, {}).get("emails" if plant.kind == "email" else "vendors", [])
    }
    rendered = sum(1 for page in pages.values() if "error" not in page)
    row = Row(f"render-all (pool {pool})", seconds, peak, set(shown) & set(farm.routes), rendered, found)
    return row, pages


def run_audit(name: str, farm: SpaFarm, base: str, *options: str) -> tuple[Row, dict[str, Any]]:
    cli = Path(sys.executable).with_name("contact-audit")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "auditor"]
    with tempfile.TemporaryDirectory() as out:
        command += ["audit", f"{base}/", "--out", out, "--max-pages", str(MAX_PAGES), "--quiet", "--no-history"]
        seconds, peak = measure([*command, *options])
        artifacts: dict[str, Any] = json.loads((Path(out) / "artifacts.json").read_text(encoding="utf-8"))
        report = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))
    emails = {(e["address"], route_of(p)) for e in report["channels"]["emails"] for p in e["pages"]}
    chats = {(c["vendor_id"], route_of(p)) for c in report["channels"]["chat_widgets"] for p in c["pages"]}
    found = {p for p in farm.plants if (p.value, p.route) in (emails if p.kind == "email" else chats)}
    routes = {route_of(page["url"]) for page in artifacts["pages"]} & set(farm.routes)
    rendered = sum(1 for page in artifacts["pages"] if page["rendered"])
    return Row(name, seconds, peak, routes, rendered, found), artifacts


def _table(rows: list[Row], farm: SpaFarm) -> str:
    emails = sum(1 for p in farm.plants if p.kind == "email")
    chats = sum(1 for p in farm.plants if p.kind == "chat")
    head = ("row", "wall s", "x render-all", "routes reached", "rendered", "emails", "chat routes", "peak MB")
    lines = [head]
    for row in rows:
        lines.append(
            (
                row.name,
                f"{row.seconds:.1f}",
                f"{row.seconds / rows[0].seconds:.2f}",
                f"{len(row.routes)}/{len(farm.routes)}",
                str(row.rendered),
                f"{sum(1 for p in row.found if p.kind == 'email')}/{emails}",
                f"{sum(1 for p in row.found if p.kind == 'chat')}/{chats}",
                f"{row.peak_bytes / 2**20:.0f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join(
        "  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
        for row in lines
    )


def _named(plants: set[Plant]) -> str:
    return ", ".join(f"{p.kind} on {p.route}" for p in sorted(plants, key=lambda p: (p.kind, p.route))) or "nothing"


def _verdict(naive: Row, audit: Row, farm: SpaFarm) -> list[str]:
    missed = naive.found - audit.found
    lines = [
        f"{audit.name}: found everything render-all found: {'no' if missed else 'yes'} (missed: {_named(missed)})",
        f"audit time / render-all time = {audit.seconds / naive.seconds:.2f} (target <= 1.0)",
        f"audit found what render-all did not: {_named(audit.found - naive.found)}",
    ]
    unreached = sorted(set(farm.routes) - naive.routes)
    lines.append(f"render-all did not reach: {', '.join(unreached) or 'nothing'} (it follows a[href] only)")
    unreached = sorted(set(farm.routes) - audit.routes)
    lines.append(f"audit did not reach {len(unreached)} routes: {', '.join(unreached) or 'nothing'}")
    return lines


def _explain(artifacts: dict[str, Any], farm: SpaFarm, base: str) -> list[str]:
    """Why the audit rendered what it rendered: its reasons, and each planted route's page."""
    lines = ["audit: why pages were rendered or not (site.render_reasons)"]
    reasons: dict[str, int] = artifacts["site"].get("render_reasons") or {}
    lines += [f"  {count:>4}  {reason}" for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1])]
    pages = {route_of(p["url"]): p for p in artifacts["pages"]}
    lines.append("audit: the planted routes, and the mistyped footer link")
    for plant in [*farm.plants, Plant("link", farm.mistyped_route, "footer 'Contact us'")]:
        page = pages.get(plant.route)
        if page is None:
            lines.append(f"  {plant.kind:<5} {plant.route:<30} not crawled")
            continue
        marks = [f"rendered={page['rendered']}", f"render_reason={page.get('render_reason')!r}"]
        marks += [f"{key}={page[key]!r}" for key in ("not_found", "same_as") if page.get(key)]
        lines.append(f"  {plant.kind:<5} {plant.route:<30} {' '.join(marks)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--routes", type=int, default=100, help="routes of the generated app (13 to 140)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pool", type=int, default=4, help="pages render-all renders at once (default 4)")
    parser.add_argument("--no-polite", action="store_true", help="skip the audit at the default --delay 1")
    parser.add_argument("--render-budget", type=int, default=0, help="also audit with this crawl.render_budget")
    args = parser.parse_args()
    if not 13 <= args.routes <= MAX_PAGES - 10:
        parser.error(f"--routes must be between 13 and {MAX_PAGES - 10}")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as work:
        farm = generate(Path(work) / "app", args.routes, args.seed)
        with serve(farm.root, spa_roots={"/": farm.root}) as base:
            naive, naive_pages = run_render_all(farm, base, args.pool)
            audit, artifacts = run_audit("audit --delay 0", farm, base, "--delay", "0")
            rows = [naive, audit]
            if not args.no_polite:
                rows.append(run_audit("audit --delay 1 (default politeness)", farm, base, "--delay", "1")[0])
            # Like for like: the audit fetching and rendering as many pages at once as render-all's pool.
            pooled = Path(work) / "pooled.toml"
            pooled.write_text(f"[crawl]\nconcurrency = {args.pool}\n", encoding="utf-8")
            name = f"audit --delay 0, concurrency {args.pool}"
            pooled_row = run_audit(name, farm, base, "--delay", "0", "-c", str(pooled))[0]
            rows.append(pooled_row)
            if args.render_budget:
                config = Path(work) / "contact-audit.toml"
                config.write_text(f"[crawl]\nrender_budget = {args.render_budget}\n", encoding="utf-8")
                name = f"audit --delay 0, render_budget {args.render_budget}"
                rows.append(run_audit(name, farm, base, "--delay", "0", "-c", str(config))[0])
            mistyped = naive_pages.get(f"{base}{farm.mistyped_route}")
    print(f"single-page app: {len(farm.routes)} routes, seed {args.seed}, served with the history-API fallback")
    load_after = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before the run, {load_after:.1f} after")
    for plant in farm.plants:
        print(f"  planted {plant.kind:<5} on {plant.route:<30} {plant.value} (reached by {plant.reached_by})")
    print(_table(rows, farm))
    print("\n".join(_verdict(naive, audit, farm)))
    print("\n".join(_verdict(naive, pooled_row, farm)))
    print(f"render-all on the mistyped {farm.mistyped_route}: {'rendered as a page' if mistyped else 'not reached'}")
    print("\n".join(_explain(artifacts, farm, base)))


if __name__ == "__main__":
    main()
