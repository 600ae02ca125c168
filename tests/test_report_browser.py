"""The monthly report as a person sees it: opened in headless Chromium.

Chromium is Debian's package, which `make chromium` installs when run as root;
without it these tests skip and say so. It runs with its network features off
(this machine's network is closed, and a report needs none) and a fresh
profile, and every run is bounded in time.
"""

import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chalicelib.neighbourhoods import Neighbourhood
from tests.conftest import MOLENWIJK_PHONES, Api, Phones
from tests.test_two_way import text
from wijkalert import demo_month
from wijkalert.sandbox import DEMO_ROSTER, Sandbox

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
SECONDS = 90
FATIMA = MOLENWIJK_PHONES[1]
# Added to a copy of the report only: the report itself carries no script.
MEASURE = """<script>
for (const chart of document.querySelectorAll("svg.chart")) {
  const box = chart.getBoundingClientRect();
  const drawn = [...chart.querySelectorAll("rect")]
    .filter((bar) => bar.getBoundingClientRect().height > 0).length;
  chart.setAttribute(
    "data-rendered", `${Math.round(box.width)} ${Math.round(box.height)} ${drawn}`);
}
</script>"""


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[list[str]]:
    found = shutil.which("chromium")
    if found is None:
        pytest.skip(
            "Debian's chromium is not installed: `make chromium` installs it when "
            "run as root (apt-get install chromium)."
        )
    yield [found, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]


@pytest.fixture
def report_page(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood, tmp_path: Path
) -> Path:
    members = [*DEMO_ROSTER, *demo_month.MORE_NEIGHBOURS]
    assert sandbox.enrol(molenwijk, demo_month.MORE_NEIGHBOURS) == []
    demo = demo_month.generate(molenwijk, members, 2026, 11)
    demo_month.write(molenwijk, "2026-11", demo)
    response = api.call("GET", "/report?month=2026-11")
    assert response.status_code == 200
    page = tmp_path / "report.html"
    page.write_bytes(response.body)
    return page


class Rendered(HTMLParser):
    """Each chart's drawn bars (from the page) and rendered size (from Chromium)."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: dict[str, tuple[int, int, int]] = {}
        self.bars: dict[str, int] = {}
        self._chart = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg" and found.get("data-chart"):
            self._chart = found["data-chart"] or ""
            width, height, drawn = (found.get("data-rendered") or "0 0 0").split()
            self.sizes[self._chart] = (int(width), int(height), int(drawn))
            self.bars[self._chart] = 0
        if tag == "rect" and self._chart and found.get("data-value") != "0":
            self.bars[self._chart] += 1


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=SECONDS, check=True
    )


def test_the_charts_render_with_a_real_size(
    chromium: list[str], report_page: Path
) -> None:
    measured = report_page.with_name("measured.html")
    html = report_page.read_text(encoding="utf-8")
    measured.write_text(html.replace("</body>", MEASURE + "</body>"), "utf-8")

    dom = run([*chromium, "--window-size=800,1200", "--dump-dom", measured.as_uri()])

    rendered = Rendered()
    rendered.feed(dom.stdout)
    assert sorted(rendered.sizes) == [
        "per_category",
        "per_hour",
        "per_week",
        "per_weekday",
    ]
    for chart, (width, height, drawn) in rendered.sizes.items():
        assert width > 200 and height > 80, chart
        # Every bar with a value takes room on screen.
        assert drawn == rendered.bars[chart] > 0, chart


def test_a_screenshot_of_the_report_shows_a_full_page(
    chromium: list[str], report_page: Path
) -> None:
    shot = report_page.with_name("report.png")

    window = "--window-size=800,1500"
    run([*chromium, window, f"--screenshot={shot}", report_page.as_uri()])

    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (800, 1500)
    # A blank page compresses to a few kilobytes; charts and text do not.
    assert len(png) > 50_000


WIDTH = """<script>
document.body.setAttribute(
  "data-widths", `${document.documentElement.scrollWidth} ${window.innerWidth}`);
</script>"""


def test_a_long_outcome_without_spaces_stays_on_the_page(
    chromium: list[str], api: Api, phones: Phones, tmp_path: Path
) -> None:
    link = "https://example.org/" + "x" * 300
    phones.deliver(text(FATIMA, "#inbraak Glasgerinkel achter nr 8"))
    phones.deliver(text(FATIMA, f"KLAAR zie {link}", minute=9))
    html = api.call("GET", "/report?month=2026-11").body.decode()
    assert link in html
    page = tmp_path / "long.html"
    page.write_text(html.replace("</body>", WIDTH + "</body>"), "utf-8")

    dom = run([*chromium, "--window-size=800,1200", "--dump-dom", page.as_uri()])

    found = re.search(r'data-widths="(\d+) (\d+)"', dom.stdout)
    assert found, "the page was not measured"
    page_width, window_width = map(int, found.groups())
    assert page_width <= window_width


def printed_pages(chromium: list[str], page: Path) -> int:
    """How many A4 pages Chromium prints the page on (counted in the PDF)."""
    pdf = page.with_suffix(".pdf")
    run([*chromium, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_a_month_of_one_alert_prints_without_a_page_for_its_one_closed_row(
    chromium: list[str], api: Api, phones: Phones, tmp_path: Path
) -> None:
    phones.deliver(text(FATIMA, "#verdacht busje rijdt rondjes"))
    phones.deliver(text(FATIMA, "KLAAR bezorger", minute=9))
    page = tmp_path / "one.html"
    page.write_bytes(api.call("GET", "/report?month=2026-11").body)

    # The closed alerts once began a page of their own: three pages, the
    # second half empty, the third one row.
    assert printed_pages(chromium, page) <= 2


def test_the_busy_month_prints_its_long_list_straight_on(
    chromium: list[str], report_page: Path
) -> None:
    # Figures on the first page, then the list; no half-empty page between.
    assert printed_pages(chromium, report_page) <= 5
