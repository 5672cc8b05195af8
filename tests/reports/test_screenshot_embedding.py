"""A screenshot shown in several places of report.html is embedded once, and still drawn
at every place: as a thumbnail on screen, whole when clicked, and in the printed PDF."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.async_api import FloatRect, Locator, Page, ViewportSize
from pypdf import PdfReader
from pypdf.generic import ContentStream

from auditor.artifacts import Box, ChatWidget, Placement
from auditor.judge.api import Evidence
from auditor.results import AuditResults
from reports.html_report import EmbeddedScreenshots, render_html
from reports.options import ReportOptions
from reports.pdf_report import render_pdf
from tests.builders import BASE, page, site
from tests.reports.conftest import SharedBrowser
from tests.reports.images import png
from tests.reports.test_fix_first import judged

HOME = f"{BASE}/"
DESKTOP = ViewportSize(width=1280, height=800)
# One colour per screenshot, so that a pixel tells which one was drawn where.
DESKTOP_RGB = (204, 51, 17)
MOBILE_RGB = (17, 153, 68)
Matrix = tuple[float, float, float, float, float, float]
RGB = tuple[int, int, int]


def looks_like(colour: tuple[int, ...], expected: RGB) -> bool:
    """Within a few steps on each channel: colour management may shift a value or two."""
    return len(colour) == 3 and all(abs(got - want) <= 6 for got, want in zip(colour, expected, strict=True))


def shown_three_times() -> AuditResults:
    """The home page's desktop screenshot beside the chat widget and in two evidence rows about
    the same page; its mobile one beside the chat only."""
    box = {"corner": "bottom-right", "x": 1290, "y": 690, "width": 60, "height": 60, "visible": True, "page": HOME}
    widget = ChatWidget(
        vendor="crisp",
        pages=[HOME],
        placement=Placement(
            desktop=Box.model_validate(box | {"screenshot": "screenshots/home-desktop.png"}),
            mobile=Box.model_validate(box | {"screenshot": "screenshots/home-mobile.png"}),
        ),
    )
    evidence = [Evidence(url=HOME, selector="footer", snippet="info@"), Evidence(url=HOME, selector="header")]
    return judged(site(pages=[page("/"), page("/contact/", contact=True)], chat_widgets=[widget]), evidence)


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    (tmp_path / "screenshots").mkdir()
    (tmp_path / "screenshots" / "home-desktop.png").write_bytes(png(1366, 768, DESKTOP_RGB))
    (tmp_path / "screenshots" / "home-mobile.png").write_bytes(png(390, 844, MOBILE_RGB))
    return tmp_path


def base64_of(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode()


def places(soup: BeautifulSoup, within: str = "body") -> list[tuple[str, str]]:
    """Each thumbnail `within` a part of the report as (the data: URI it draws, its
    accessible name), in page order."""
    store = {str(image["id"]): str(image["href"]) for image in soup.select("svg.screenshot-store image")}
    shown = []
    for svg in soup.select(f"{within} details.shot svg[role=img]"):
        use = svg.select_one("use")
        assert use is not None, svg
        shown.append((store[str(use["href"]).removeprefix("#")], str(svg["aria-label"])))
    return shown


def test_a_screenshot_shown_in_three_places_is_embedded_once(run_dir: Path) -> None:
    html = render_html(shown_three_times(), run_dir=run_dir)
    desktop, mobile = (
        base64_of(run_dir / "screenshots/home-desktop.png"),
        base64_of(run_dir / "screenshots/home-mobile.png"),
    )
    assert html.count(desktop) == 1 and html.count(mobile) == 1
    soup = BeautifulSoup(html, "html.parser")
    shown = places(soup)
    assert [uri for uri, _ in shown].count(f"data:image/png;base64,{desktop}") == 3
    assert [uri for uri, _ in shown].count(f"data:image/png;base64,{mobile}") == 1
    assert {name for _, name in shown} == {
        "Screenshot of shop.example.co.uk, chat launcher outlined",
        "Screenshot of shop.example.co.uk, chat launcher outlined · Desktop",
    }
    # Every thumbnail keeps the screenshot's shape at no more than 240 px a side.
    sizes = {(svg["viewbox"], svg["width"], svg["height"]) for svg in soup.select("details.shot svg")}
    assert sizes == {("0 0 1366 768", "240", "135"), ("0 0 390 844", "111", "240")}
    assert "<img" not in html  # nothing is fetched: the page's policy allows data: images only
    assert "img-src data:;" in str(soup.select_one("meta[http-equiv=Content-Security-Policy]"))


def test_only_the_runs_own_png_files_are_embedded(tmp_path: Path) -> None:
    (tmp_path / "screenshots").mkdir()
    (tmp_path / "screenshots" / "home-mobile.png").write_bytes(png(2, 3))
    (tmp_path / "screenshots" / "fake.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.png").write_bytes(png(1, 1))
    screenshots = EmbeddedScreenshots(tmp_path)
    shown = screenshots.show("screenshots/home-mobile.png")
    assert shown is not None and (shown.width, shown.height, shown.thumbnail) == (2, 3, (2, 3))
    assert shown.data_uri() == "data:image/png;base64," + base64.b64encode(png(2, 3)).decode()
    assert screenshots.show("screenshots/home-mobile.png") is shown
    for path in ["screenshots/missing.png", "screenshots/../secret.png", "screenshots/fake.png", "secret.png"]:
        assert not screenshots.in_run(path) and screenshots.show(path) is None, path
    assert screenshots.shown() == [shown]
    assert EmbeddedScreenshots(None).show("screenshots/home-mobile.png") is None


async def centre_colour(page: Page, picture: bytes) -> RGB:
    """The colour in the middle of a PNG, decoded by Chromium in a blank page of its own."""
    scratch = await page.context.new_page()
    try:
        red, green, blue = await scratch.evaluate(
            """async uri => {
                    const image = new Image();
                    image.src = uri;
                    await image.decode();
                    const canvas = new OffscreenCanvas(image.width, image.height);
                    const context = canvas.getContext("2d");
                    context.drawImage(image, 0, 0);
                    return Array.from(context.getImageData(image.width >> 1, image.height >> 1, 1, 1).data.slice(0, 3));
                }""",
            "data:image/png;base64," + base64.b64encode(picture).decode(),
        )
        return red, green, blue
    finally:
        await scratch.close()


async def drawn(page: Page, thumbnail: Locator) -> tuple[FloatRect, RGB]:
    """Where a thumbnail is on the page and the colour it paints there."""
    box = await thumbnail.bounding_box()
    assert box is not None
    return box, await centre_colour(page, await thumbnail.screenshot())


@pytest.mark.slow
def test_every_place_draws_its_screenshot_on_screen(shared_browser: SharedBrowser, run_dir: Path) -> None:
    html = render_html(shown_three_times(), run_dir=run_dir)

    async def look() -> tuple[list[tuple[str, str, FloatRect, RGB]], FloatRect, RGB]:
        context = await shared_browser.browser.new_context(viewport=DESKTOP, offline=True)
        page = await context.new_page()
        try:
            await page.set_content(html, wait_until="load")
            seen: list[tuple[str, str, FloatRect, RGB]] = []
            for thumbnail in await page.get_by_role("img", name="Screenshot of").all():
                box, colour = await drawn(page, thumbnail)
                where = await thumbnail.evaluate("svg => svg.closest('.evidence, .channel').className")
                seen.append((where, str(await thumbnail.get_attribute("viewBox")), box, colour))
            # A click opens the first one whole, as large as the window lets it be.
            first = page.locator("details.shot").first
            await first.locator("summary").click()
            opened = await first.locator("svg").bounding_box()
            assert opened is not None
            picture = await page.screenshot()
            return seen, opened, await centre_colour(page, picture)
        finally:
            await context.close()

    seen, opened, middle = shared_browser.run(look())
    assert sorted(where for where, *_ in seen) == ["channel", "channel", "evidence", "evidence"]
    for where, view_box, box, colour in seen:
        width, height = (int(n) for n in view_box.split()[2:])
        thumbnail = min(240 / width, 240 / height)
        # The box holds a 1 px border; a narrow cell may shrink the picture, never stretch it.
        inner_width, inner_height = box["width"] - 2, box["height"] - 2
        assert 60 <= box["width"] <= width * thumbnail + 0.5, box
        assert inner_height == pytest.approx(inner_width * height / width, abs=1.5), box
        assert looks_like(colour, DESKTOP_RGB if width == 1366 else MOBILE_RGB), (view_box, colour)
        if where == "evidence":  # a wide cell: the whole thumbnail
            assert (round(box["width"]), round(box["height"])) == (240, 136), box
    assert opened["width"] == pytest.approx(DESKTOP["width"] - 32, abs=1)  # the window, less the overlay's padding
    assert looks_like(middle, DESKTOP_RGB), middle


def pdf_pixels(path: Path, number: int, out: Path, dpi: int) -> tuple[int, int, bytes]:
    """Page `number` of the PDF as raw RGB, through poppler's pdftoppm."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: run scripts/setup.sh (it installs poppler-utils)"
    stem = out / f"page-{number}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(number), "-l", str(number), "-singlefile", str(path), str(stem)],
        check=True,
    )
    magic, size, depth, pixels = stem.with_suffix(".ppm").read_bytes().split(b"\n", 3)
    assert magic == b"P6" and depth == b"255"
    width, height = (int(n) for n in size.split())
    return width, height, pixels


def multiply(first: Matrix, then: Matrix) -> Matrix:
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def image_draws(reader: PdfReader, number: int) -> list[tuple[int, int, tuple[float, float, float, float]]]:
    """Each image drawn on a page: its pixel size and the rectangle it covers, in points
    from the page's top-left corner (x0, y0, x1, y1)."""
    page = reader.pages[number]
    objects = {str(name): ref.get_object() for name, ref in page["/Resources"].get("/XObject", {}).items()}
    top = float(page.mediabox.top)
    matrix: Matrix = (1, 0, 0, 1, 0, 0)
    saved: list[Matrix] = []
    draws = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            saved.append(matrix)
        elif operator == b"Q":
            matrix = saved.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(n) for n in operands)
            matrix = multiply((a, b, c, d, e, f), matrix)
        elif operator == b"Do" and objects[str(operands[0])]["/Subtype"] == "/Image":
            image = objects[str(operands[0])]
            a, b, c, d, e, f = matrix
            xs, ys = [e, e + a, e + c, e + a + c], [f, f + b, f + d, f + b + d]
            rect = (min(xs), top - max(ys), max(xs), top - min(ys))
            draws.append((int(image["/Width"]), int(image["/Height"]), rect))
    return draws


@pytest.mark.slow
def test_every_place_is_printed_in_the_pdf(shared_browser: SharedBrowser, run_dir: Path) -> None:
    path = run_dir / "report.pdf"
    path.write_bytes(
        shared_browser.run(render_pdf(shown_three_times(), ReportOptions(), shared_browser.browser, run_dir))
    )
    reader = PdfReader(path)
    dpi = 72  # one pixel a point
    printed = []
    for number in range(len(reader.pages)):
        draws = image_draws(reader, number)
        if not draws:
            continue
        width, _, pixels = pdf_pixels(path, number + 1, run_dir, dpi)
        for image_width, image_height, (x0, y0, x1, y1) in draws:
            x, y = round((x0 + x1) / 2), round((y0 + y1) / 2)
            at = 3 * (y * width + x)
            printed.append(((image_width, image_height), round(x1 - x0), round(y1 - y0), tuple(pixels[at : at + 3])))
    assert sorted(size for size, *_ in printed) == [(390, 844), (1366, 768), (1366, 768), (1366, 768)]
    for (image_width, image_height), width, height, colour in printed:
        assert 40 <= width <= 240 * 0.75 + 1 and height == pytest.approx(width * image_height / image_width, abs=2)
        assert looks_like(colour, DESKTOP_RGB if image_width == 1366 else MOBILE_RGB), colour
