"""The browser the site's tests share within a module (tests/site/browsing.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.site.browsing import start_browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = start_browser(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()
