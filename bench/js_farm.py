"""What it costs to see what JavaScript shows, on a generated site (bench/site_farm.py).

    /work/main/.venv/bin/python bench/js_farm.py --pages 300 [--seed 7] [--pool 2 --pool 4] [--polite 30]

On the same site, in the same run, for each number of pages at once (--pool, repeatable;
by default 2, the crawl's default per-site concurrency, then 4), one after the other:

  floor       the audit with --no-render --delay 0: a plain Scrapy crawl
  render-all  every page rendered in Chromium, in a pool of reused pages (bench/render_all.py)
  audit       the audit with --delay 0: rendering where its plan says

The audit and the floor fetch as many pages at once as render-all renders (`[crawl]
concurrency` in a config file): each comparison is like for like. Then, unless --polite 0:

  *-polite    floor and audit at the default politeness, on a smaller site (--polite N pages)

Each row: wall time (process start-up included), pages rendered, the JS-only chat
widgets and emails found of those planted, and the peak resident memory of the whole
process tree, Chromium included (sum of RSS over the tree, sampled every 50 ms from
/proc; shared pages count once per process, so it is an upper bound). Ratios are to
the floor measured in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from site_farm import Farm, Plant, generate, serve_farm  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _parents() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants."""
    children, total, todo = _parents(), 0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):  # a process that just ended
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_SIZE
        todo.extend(children.get(current, []))
    return total


def measure(command: list[str]) -> tuple[float, int]:
    """Run `command`; its wall time in seconds and the peak RSS of its process tree."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = process.wait(timeout=3600)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        if code not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({code}): {errors.read().decode()[-2000:]}")
    return elapsed, peak


@dataclass
class Row:
    name: str
    site_pages: int
    seconds: float
    peak_bytes: int
    crawled: int
    rendered: int
    widgets: set[str]
    emails: set[str]
    floor: float


def _audit_found(out: Path, base: str, plants: list[Plant]) -> tuple[int, int, set[str], set[str]]:
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    chats = {(c.get("vendor_id"), page) for c in report["channels"]["chat_widgets"] for page in c["pages"]}
    emails = {(e["address"], page) for e in report["channels"]["emails"] for page in e["pages"]}
    widgets = {p.path for p in plants if p.kind == "widget" and (p.value, base + p.path) in chats}
    found = {p.path for p in plants if p.kind == "email" and (p.value, base + p.path) in emails}
    rendered = sum(1 for page in artifacts["pages"] if page["rendered"])
    return len(artifacts["pages"]), rendered, widgets, found


def run_audit(name: str, farm: Farm, base: str, floor: float, *options: str) -> tuple[Row, dict[str, Any]]:
    with tempfile.TemporaryDirectory() as out:
        size = str(len(farm.pages))
        command = [sys.executable, "-m", "auditor", "audit", f"{base}/", "--max-pages", size]
        command += ["--no-history", "--quiet", "--out", out, *options]
        seconds, peak = measure(command)
        crawled, rendered, widgets, emails = _audit_found(Path(out), base, farm.plants)
        artifacts = json.loads((Path(out) / "artifacts.json").read_text(encoding="utf-8"))
    row = Row(name, len(farm.pages), seconds, peak, crawled, rendered, widgets, emails, floor or seconds)
    return row, artifacts


def run_render_all(farm: Farm, base: str, floor: float, pool: int) -> Row:
    with tempfile.TemporaryDirectory() as out:
        result = Path(out) / "pages.json"
        command = [sys.executable, str(BENCH / "render_all.py"), f"{base}/", "--max-pages", str(len(farm.pages))]
        seconds, peak = measure([*command, "--pool", str(pool), "--out", str(result)])
        pages: dict[str, dict[str, Any]] = json.loads(result.read_text(encoding="utf-8"))
    seen = {url[len(base) :]: page for url, page in pages.items()}
    widgets = {p.path for p in farm.plants if p.kind == "widget" and p.value in seen.get(p.path, {}).get("vendors", [])}
    emails = {p.path for p in farm.plants if p.kind == "email" and p.value in seen.get(p.path, {}).get("emails", [])}
    rendered = sum(1 for page in pages.values() if "error" not in page)
    name = f"render-all ({pool} at once)"
    return Row(name, len(farm.pages), seconds, peak, len(pages), rendered, widgets, emails, floor)


def _table(rows: list[Row], plants: dict[int, list[Plant]]) -> str:
    head = ("row", "site", "wall s", "x floor", "crawled", "rendered", "JS widgets", "JS emails", "peak MB")
    lines = [head]
    for row in rows:
        planted = plants[row.site_pages]
        widgets = sum(1 for p in planted if p.kind == "widget")
        emails = sum(1 for p in planted if p.kind == "email")
        lines.append(
            (
                row.name,
                str(row.site_pages),
                f"{row.seconds:.1f}",
                f"{row.seconds / row.floor:.2f}",
                str(row.crawled),
                str(row.rendered),
                f"{len(row.widgets)}/{widgets}",
                f"{len(row.emails)}/{emails}",
                f"{row.peak_bytes / 2**20:.0f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )


def _explain(artifacts: dict[str, Any], farm: Farm, base: str) -> list[str]:
    lines = ["audit: why pages were rendered or not (site.render_reasons)"]
    reasons: dict[str, int] = artifacts["site"].get("render_reasons") or {}
    lines += [f"  {count:>4}  {reason}" for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1])]
    pages = {p["url"]: p for p in artifacts["pages"]}
    lines.append("audit: the planted pages")
    for plant in farm.plants:
        page = pages.get(base + plant.path, {})
        lines.append(
            f"  {plant.kind:<6} {plant.trigger:<10} {plant.path:<36} {page.get('render_reason', 'not crawled')}"
        )
    return lines


def _verdict(pool: int, floor: Row, naive: Row, audit: Row) -> list[str]:
    at = f"{pool} at once"
    return [
        f"target audit <= 2x floor ({at}): {audit.seconds / floor.seconds:.2f}x -> "
        f"{'met' if audit.seconds <= 2 * floor.seconds else 'MISSED'}",
        f"target audit >= 5x faster than render-all ({at}): {naive.seconds / audit.seconds:.2f}x -> "
        f"{'met' if naive.seconds >= 5 * audit.seconds else 'MISSED'}",
        f"target audit finds all render-all finds ({at}): "
        + ("met" if naive.widgets <= audit.widgets and naive.emails <= audit.emails else "MISSED")
        + f" (missed: {sorted((naive.widgets - audit.widgets) | (naive.emails - audit.emails))})",
    ]


def _concurrency(work: Path, pool: int) -> list[str]:
    """The audit's options to fetch `pool` pages of the site at once."""
    config = work / f"concurrency-{pool}.toml"
    config.write_text(f"[crawl]\nconcurrency = {pool}\n", encoding="utf-8")
    return ["--config", str(config)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="pages of the generated site (10 to 500)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pool",
        type=int,
        action="append",
        help="pages rendered or fetched at once, three rows each (default: 2, the crawl's default, and 4)",
    )
    parser.add_argument("--polite", type=int, default=30, help="pages of the site for the polite rows (0: skip)")
    args = parser.parse_args()
    rows: list[Row] = []
    plants: dict[int, list[Plant]] = {}
    notes: list[str] = []
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        farm = generate(Path(work) / "site", args.pages, args.seed)
        plants[args.pages] = farm.plants
        with serve_farm(farm) as base:
            for pool in args.pool or [2, 4]:
                at, options = f"{pool} at once", _concurrency(Path(work), pool)
                floor, _ = run_audit(f"floor ({at})", farm, base, 0, "--no-render", "--delay", "0", *options)
                naive = run_render_all(farm, base, floor.seconds, pool)
                audit, artifacts = run_audit(f"audit ({at})", farm, base, floor.seconds, "--delay", "0", *options)
                rows += [floor, naive, audit]
                verdicts += _verdict(pool, floor, naive, audit)
                if not notes:  # why pages were rendered: the same at any concurrency, said once
                    notes += _explain(artifacts, farm, base)
            notes += verdicts
        if args.polite:
            small = generate(Path(work) / "polite", args.polite, args.seed)
            plants[args.polite] = small.plants
            with serve_farm(small) as base:
                polite_floor, _ = run_audit("floor-polite (--no-render)", small, base, 0, "--no-render")
                polite, _ = run_audit("audit-polite", small, base, polite_floor.seconds)
                rows += [polite_floor, polite]
    delay = max(farm.slow.values(), default=0)
    print(f"site farm: {args.pages} pages, seed {args.seed}, {len(farm.slow)} slow pages (+{delay} s each)")
    for plant in farm.plants:
        print(f"  planted {plant.kind:<6} by {plant.trigger:<10} on {plant.path}: {plant.value}")
    print(_table(rows, plants))
    print("\n".join(notes))


if __name__ == "__main__":
    main()
