from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browsable_api_docs_render_from_local_files_under_the_strict_csp(page: Any) -> None:
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(page.base_url) else None)
    page.goto(page.base_url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Dân Vận API" in page.inner_text(".swagger-ui .info .title")
    page.get_by_text("/api/v1/petitions", exact=True).first.wait_for()
    assert external == []
    assert [e for e in page.console_errors if "Content Security Policy" in e and "script" in e] == []
