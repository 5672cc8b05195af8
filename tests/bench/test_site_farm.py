"""The benchmark's generated site: the size asked for, reachable, and its planted contacts only in JavaScript."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[2]


def _farm_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("site_farm", ROOT / "bench" / "site_farm.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["site_farm"] = module
    spec.loader.exec_module(module)
    return module


def _html_files(root: Path) -> dict[str, str]:
    out = {}
    for file in root.rglob("*.html"):
        path = "/" + file.relative_to(root).as_posix()
        out[path.removesuffix("index.html")] = file.read_text(encoding="utf-8")
    return out


def test_the_site_has_the_pages_asked_for_all_within_four_links_of_home(tmp_path: Path) -> None:
    farm = _farm_module().generate(tmp_path, 120, seed=3)
    pages = _html_files(tmp_path)
    assert len(pages) == 120
    depth, frontier = {"/": 0}, ["/"]
    while frontier:
        path = frontier.pop(0)
        for href in re.findall(r'href="(/[^"]*)"', pages[path]):
            target = urljoin(path, href)
            if target in pages and target not in depth:
                depth[target] = depth[path] + 1
                frontier.append(target)
    assert set(depth) == set(pages)
    assert max(depth.values()) <= 4
    assert any(path.startswith("/shop/") for path in pages) and any(path.startswith("/blog/") for path in pages)
    assert farm.slow and all(path in pages for path in farm.slow)


def test_planted_widgets_and_emails_are_nowhere_in_the_html(tmp_path: Path) -> None:
    farm = _farm_module().generate(tmp_path, 300, seed=7)
    pages = _html_files(tmp_path)
    kinds = {plant.kind for plant in farm.plants}
    assert kinds == {"widget", "email"}
    for plant in farm.plants:
        assert plant.path in pages
        assert "contact" not in plant.path and "support" not in plant.path
        html = pages[plant.path].lower()
        assert plant.value.lower() not in html
        assert "intercom" not in html
    # Every page shows the footer's contacts; the contact page has a form.
    assert all("mailto:info@" in text for text in pages.values())
    assert "<form" in pages["/contact/"]


def test_the_same_seed_gives_the_same_site(tmp_path: Path) -> None:
    farm = _farm_module()
    one, two = farm.generate(tmp_path / "a", 60, seed=11), farm.generate(tmp_path / "b", 60, seed=11)
    assert one.plants == two.plants and one.slow == two.slow
    assert _html_files(tmp_path / "a") == _html_files(tmp_path / "b")
