"""The territory survives transactional tests, which flush the database (order matters here)."""

from __future__ import annotations

import pytest

from danvan.territory.models import AdminUnit


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_territory() -> None:
    assert AdminUnit.objects.count() == 3356


@pytest.mark.django_db
def test_a_plain_test_after_a_transactional_one_still_sees_the_territory() -> None:
    assert AdminUnit.objects.count() == 3356


@pytest.mark.django_db(transaction=True)
def test_another_transactional_test_flushes_the_database() -> None:
    assert AdminUnit.objects.count() == 3356


@pytest.mark.django_db
def test_rows_seeded_by_data_migrations_survive_a_flush() -> None:
    from danvan.petitions.models import Field

    assert Field.objects.filter(code="dat_dai").exists()
