"""The site in a real browser: a local server for a built site, Debian's headless
chromium through its chromedriver (selenium), and the catalogue's form.

Where the browser cannot be had, the tests that need it skip and say what is
missing (`make test` installs it with tests/site/install_browser.sh).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.helpers import missing_tool

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# A limit for the browser to get somewhere, never a measure: no test asserts time.
PATIENCE = 60


def browser_missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (make test installs it)"
    if not any(shutil.which(b) for b in BROWSERS):
        return "chromium is not installed (tests/site/install_browser.sh installs it)"
    if shutil.which("chromedriver") is None:
        return "chromedriver is not installed (tests/site/install_browser.sh installs it)"
    return None


def start_browser(profile: Path) -> Any:
    """Headless chromium, or a skip saying why there is none."""
    missing = browser_missing()
    if missing:
        missing_tool(f"no browser for the site tests: {missing}")
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = next(b for b in map(shutil.which, BROWSERS) if b)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                f"--user-data-dir={profile}"):
        options.add_argument(arg)
    try:
        return webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""),
                                options=options)
    except WebDriverException as e:  # e.g. a snap stub in place of the browser
        missing_tool(f"no browser for the site tests: it could not be started: {e.msg}")


@dataclass
class Served:
    """A site on localhost, and the bytes of each file it sent (workers' fetches too,
    which the page's Performance API does not see)."""

    url: str
    sent: list[tuple[str, int]] = field(default_factory=list)


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, served: Served, **kwargs: Any) -> None:
        self.served = served
        super().__init__(*args, **kwargs)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.served.sent.append((self.path, len(data)))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[Served]:
    served = Served("")
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_Handler, served=served, directory=str(folder)))
    served.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


# --- the catalogue's form ----------------------------------------------------------

def shown_ids(browser: Any) -> list[str]:
    """The ids of the cards the catalogue shows, in their order."""
    return list(browser.execute_script(
        "return [...document.querySelectorAll('#projecten > li')]"
        ".filter(li => !li.hidden).map(li => li.dataset.id)"))


def settled(browser: Any) -> None:
    """Wait until the catalogue has shown the answer to the last question (the script
    marks the list aria-busy while it asks Pagefind and loads the cards)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, PATIENCE).until(lambda b: b.execute_script(
        "const l = document.getElementById('projecten');"
        "return !l.hasAttribute('aria-busy')"))


def choose(browser: Any, name: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", f"f-{name}")).select_by_value(value)
    settled(browser)


def search_for(browser: Any, words: str) -> None:
    box = browser.find_element("id", "f-zoek")
    box.clear()
    box.send_keys(words)
    settled(browser)


def count(browser: Any) -> str:
    return str(browser.find_element("id", "aantal").text)


def counted(n: int) -> str:
    return "1 project" if n == 1 else f"{n} projecten"


def show_all(browser: Any) -> list[str]:
    """Press "Meer projecten tonen" until every result is shown; their ids."""
    more = browser.find_element("id", "meer")
    while more.is_displayed():
        more.click()
        settled(browser)
    return shown_ids(browser)
