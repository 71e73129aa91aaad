"""Property tests (hypothesis) on the parsers the interfaces rely on: Vietnamese text folding, address
resolution, Open311 datetimes, the strict JSON body parser and the petitions' CSV/XLSX import reader."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

import pytest
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.api.open311 import _parse_when
from danvan.api.parsing import json_body
from danvan.core.apikit import ApiError
from danvan.core.text import fold, fold_words, search_terms
from danvan.territory.models import AdminUnit, Level
from danvan.territory.selectors import resolve_address

FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ĐĂÂÊÔƠƯ,.-0123456789"
        )
    ),
    max_size=60,
)


@FAST
@given(VIETNAMESE)
def test_folding_is_idempotent_ascii_lower_case_and_ignores_normalisation_form(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == fold(unicodedata.normalize("NFD", text)) == fold(text.upper())
    assert all(not ("\u0300" <= ch <= "\u036f") for ch in unicodedata.normalize("NFD", folded))
    assert "đ" not in folded and "Đ" not in folded
    assert len(search_terms(text)) <= 12
    assert all(" " not in term for term in search_terms(text))
    assert fold_words(text) == fold_words(fold_words(text))


@FAST
@given(st.text(max_size=200))
def test_any_text_folds_without_error(text: str) -> None:
    assert isinstance(fold(text), str) and isinstance(fold_words(text), str)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=120))
def test_resolve_address_never_fails_on_arbitrary_text(text: str) -> None:
    result = resolve_address(text)
    assert result is None or isinstance(result, AdminUnit)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_commune_written_with_or_without_diacritics_and_in_any_case_resolves_to_itself(data: Any) -> None:
    communes = list(AdminUnit.objects.filter(level=Level.COMMUNE, parent__code="20").select_related("parent"))
    unit = data.draw(st.sampled_from(communes))
    writing = data.draw(st.sampled_from([str, fold, str.upper]))
    text = f"{writing(unit.name)}, {writing(unit.parent.name)}"  # type: ignore[union-attr]
    resolved = resolve_address(text)
    assert resolved is not None
    assert resolved.path.startswith(unit.parent.path)  # type: ignore[union-attr]
    if writing is str:
        assert resolved == unit


@FAST
@given(
    st.datetimes(
        min_value=dt.datetime(1990, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.integers(min_value=-14 * 60, max_value=14 * 60).map(
            lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
        ),
    )
)
def test_open311_datetimes_round_trip_through_iso_8601_with_any_offset(value: dt.datetime) -> None:
    parsed = _parse_when(value.isoformat(), "start_date")
    assert parsed == value and parsed.tzinfo is not None


@FAST
@given(st.text(max_size=40))
def test_open311_dates_are_either_parsed_or_refused_with_a_400(text: str) -> None:
    try:
        parsed = _parse_when(text, "start_date")
    except ApiError as exc:
        assert exc.status == 400
    except ValueError:
        pytest.fail("a ValueError escaped the Open311 date parser")
    else:
        assert parsed.tzinfo is not None


@FAST
@given(st.binary(max_size=300))
def test_the_json_body_parser_answers_any_bytes_with_data_or_a_4xx(raw: bytes) -> None:
    request = RequestFactory().post("/api/v1/petitions", raw, content_type="application/json")
    try:
        value = json_body(request)
    except ApiError as exc:
        assert exc.status in (400, 413, 415)
    else:
        assert json.loads(raw.decode("utf-8")) == value


@FAST
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=20,
    )
)
def test_valid_json_of_any_shape_is_parsed_back(value: Any) -> None:
    raw = json.dumps(value, ensure_ascii=False).encode("utf-8")
    request = RequestFactory().post("/api/v1/petitions", raw, content_type="application/json")
    assert json_body(request) == value


@FAST
@given(st.binary(max_size=400), st.sampled_from(["don.csv", "don.xlsx", "don.txt"]))
def test_the_import_reader_answers_any_file_with_rows_or_a_clear_import_error(raw: bytes, name: str) -> None:
    from danvan.petitions.importing import ImportFileError, read_rows

    try:
        rows = list(read_rows(name, raw))
    except ImportFileError as exc:
        assert str(exc)  # a Vietnamese message for the officer
    else:
        assert all(isinstance(k, str) and isinstance(v, str) for row in rows for k, v in row.items())


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@FAST
@given(st.lists(st.tuples(CELL, CELL, CELL), min_size=1, max_size=8))
def test_a_utf8_csv_export_reads_back_cell_for_cell(rows: list[tuple[str, str, str]]) -> None:
    import csv
    import io

    from danvan.petitions.importing import read_rows

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["kind", "title", "content"])
    writer.writerows(rows)
    read = list(read_rows("don.csv", buffer.getvalue().encode("utf-8")))
    expected = [{"kind": k.strip(), "title": t.strip(), "content": c.strip()} for k, t, c in rows]
    assert read == expected
