"""Chat widgets per page and per site: joining the desktop and mobile measurements,
and merging pages into one widget per vendor."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from auditor.artifacts import Box, ChatWidget, Page, Placement
from auditor.gather.extract.chat.html import FoundWidget, settings_only
from auditor.gather.extract.chat.vendors import vendor_by_id

Viewport = str  # "desktop" or "mobile"


def not_drawn(page: str) -> Box:
    """The viewport was measured and the widget drew no launcher there."""
    return Box(corner="none", x=0, y=0, width=0, height=0, visible=False, page=page)


def is_drawn(box: Box | None) -> bool:
    return box is not None and box.corner != "none"


def mark_measured(widgets: list[ChatWidget], page: str, viewport: Viewport) -> None:
    """After a render, a widget whose code is there but whose launcher is not gets a
    "none" box, so that "not drawn" differs from "not measured" (null)."""
    for widget in widgets:
        if getattr(widget.placement, viewport) is None:
            setattr(widget.placement, viewport, not_drawn(page))


def add_mobile(widgets: list[ChatWidget], found: list[FoundWidget], page: str) -> list[ChatWidget]:
    """The page's widgets with the mobile measurement joined in; a widget seen only on
    mobile joins with a desktop "none" box, one seen only on desktop gets a mobile one."""
    by_id = {w.vendor_id: w for w in widgets}
    for widget in found:
        box = Box(**widget.box) if widget.box else not_drawn(page)
        if widget.vendor in by_id:
            target = by_id[widget.vendor]
            target.placement.mobile = box
            target.evidence = list(dict.fromkeys([*target.evidence, *widget.evidence]))
            target.instances = max(target.instances, widget.instances)
            target.failed_requests = list(dict.fromkeys([*target.failed_requests, *widget.failed_requests]))
            continue
        vendor = vendor_by_id(widget.vendor)
        by_id[widget.vendor] = ChatWidget(
            vendor=vendor.name if vendor else widget.vendor,
            vendor_id=widget.vendor,
            pages=[page],
            evidence=widget.evidence,
            placement=Placement(desktop=not_drawn(page), mobile=box),
            retired=widget.retired,
            instances=widget.instances,
            failed_requests=widget.failed_requests,
        )
    merged = list(by_id.values())
    mark_measured(merged, page, "mobile")
    return merged


def _first_box(boxes: Iterable[Box | None]) -> Box | None:
    """The site's box for one viewport: the first page where the launcher was drawn
    (pages come home first), else the first measurement at all."""
    measured = [b for b in boxes if b is not None]
    return next((b for b in measured if is_drawn(b)), measured[0] if measured else None)


def merge_widgets(
    entries: Iterable[ChatWidget], pages: list[Page], without_scripts: Collection[str] = ()
) -> list[ChatWidget]:
    """One widget per vendor for the site, with the pages known to lack it: rendered pages
    without it, and pages with no script at all (`without_scripts`), where none can run."""
    groups: dict[str, list[ChatWidget]] = {}
    for entry in entries:
        groups.setdefault(entry.vendor, []).append(entry)
    rendered = [p.url for p in pages if p.ok and (p.rendered or p.url in without_scripts)]
    merged = []
    for group in groups.values():
        # A vendor's settings without its loader on any page, and never seen running, is no widget.
        if all(settings_only(w.evidence) for w in group):
            continue
        first = group[0]
        page_urls = list(dict.fromkeys(u for w in group for u in w.pages))
        merged.append(
            ChatWidget(
                vendor=first.vendor,
                vendor_id=first.vendor_id,
                pages=page_urls,
                evidence=list(dict.fromkeys(e for w in group for e in w.evidence)),
                placement=Placement(
                    desktop=_first_box(w.placement.desktop for w in group),
                    mobile=_first_box(w.placement.mobile for w in group),
                ),
                retired=any(w.retired for w in group),
                missing_on=[u for u in rendered if u not in page_urls],
                instances=max(w.instances for w in group),
                failed_requests=list(dict.fromkeys(f for w in group for f in w.failed_requests)),
            )
        )
    return merged
