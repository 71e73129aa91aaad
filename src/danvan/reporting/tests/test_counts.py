"""The aggregate count tables behind the computed indicators: kept exact by triggers under every write,
rebuilt from the records, and giving the same figures as the raw computation."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from danvan.conftest import Units
from danvan.core import clock
from danvan.exemplars.models import Exemplar
from danvan.petitions import importing, services
from danvan.petitions.models import Petition
from danvan.petitions.tests.conftest import petition_data
from danvan.reporting import counts
from danvan.reporting.models import FactCount
from danvan.reporting.registry import indicators

pytestmark = pytest.mark.django_db


def _submit(units: Units, **overrides: Any) -> Petition:
    return services.submit_petition(actor=None, channel="web", data=petition_data(units, **overrides))


def _figures(fn: Any, start: dt.date, end: dt.date) -> dict[int, tuple[float, float]]:
    return {
        f.unit_id: (float(f.numerator), float(f.denominator))
        for f in fn(start, end)
        if f.numerator or f.denominator != 1
    }


def _mixed_petitions(units: Units, alice: Any) -> None:
    """Petitions of every kind in several units and states, received over two years, some resolved late,
    some open past their due date, one due before the day it was received."""
    rng = random.Random(4)
    units_pool = [units.commune_a, units.commune_b, units.commune_c]
    kinds = ["feedback", "proposal", "complaint", "denunciation"]
    for i in range(24):
        p = _submit(units, kind="feedback", place_code=units_pool[i % 3].code)
        received = timezone.make_aware(
            dt.datetime(2024, 11, 1, 23, 30) + dt.timedelta(days=rng.randint(0, 420))
        )
        state = rng.choice(["received", "accepted", "in_progress", "resolved", "closed", "refused"])
        resolved_at = (
            received + dt.timedelta(days=rng.randint(1, 60)) if state in ("resolved", "closed") else None
        )
        Petition.objects.filter(pk=p.pk).update(
            kind=kinds[i % 4],
            unit=units_pool[(i + 1) % 3],
            received_at=received,
            state=state,
            resolved_at=resolved_at,
            resolved_on_time=(rng.random() < 0.6) if resolved_at else None,
            due_date=(clock.local_date(received) + dt.timedelta(days=rng.randint(-3, 40)))
            if resolved_at is None
            else None,
        )


def _mixed_engagement_and_tasks(units: Units, owner: Any) -> None:
    """Dialogues (with question counters), commitments and conference tasks in every state, over two years."""
    from danvan.engagement.models import Commitment, Dialogue
    from danvan.reporting.models import Conference, Task

    rng = random.Random(9)
    pool = [units.commune_a, units.commune_b, units.commune_c, units.province]
    base = dt.date(2024, 11, 20)
    conference = Conference.objects.create(unit=units.province, kind="so_ket", title="Sơ kết", held_on=base)
    for i in range(30):
        unit = pool[i % 4]
        held = base + dt.timedelta(days=rng.randint(0, 420))
        questions = rng.choice([0, 0, 3, 5])
        dialogue = Dialogue.objects.create(
            unit=unit, title="Đối thoại", host_role="commune_chairman", host_name="Chủ tịch",
            host_is_head=rng.random() < 0.7, starts_at=timezone.make_aware(dt.datetime.combine(held, dt.time(8))),
            state="held", held_on=held, questions_count=questions, answered_on_spot_count=rng.randint(0, questions),
        )  # fmt: skip
        made = held
        due = made + dt.timedelta(days=rng.randint(0, 90))
        state = rng.choice(["open", "in_progress", "done", "explained"])
        done = made + dt.timedelta(days=rng.randint(0, 120)) if state == "done" else None
        Commitment.objects.create(
            dialogue=dialogue, unit=unit, content="Sửa đường", owner=owner, made_on=made, due_date=due,
            state=state, done_on=done,
        )  # fmt: skip
        status = rng.choice(["open", "done"])
        Task.objects.create(
            conference=conference, unit=unit, title="Nhiệm vụ", due_on=base + dt.timedelta(days=rng.randint(0, 420)),
            status=status, done_on=base + dt.timedelta(days=rng.randint(0, 450)) if status == "done" else None,
        )  # fmt: skip
    Dialogue.objects.filter(pk=dialogue.pk).update(
        questions_count=7, answered_on_spot_count=6, unit=units.commune_a
    )


def test_the_counts_equal_a_recount_after_create_transfer_resolve_update_and_delete(
    units: Units, alice: Any
) -> None:
    assert counts.mismatches() == []
    p = _submit(units)
    q = _submit(units, kind="proposal")
    assert counts.mismatches() == [] and FactCount.objects.filter(fact="petitions.received").exists()
    p = services.transfer(actor=alice, petition=p, to_unit=units.commune_b, reason="Đúng thẩm quyền xã B.")
    assert Petition.objects.get(pk=p.pk).unit_id == units.commune_b.pk
    assert counts.mismatches() == []
    q = services.accept(actor=alice, petition=q)
    q = services.start(actor=alice, petition=q)
    services.resolve(actor=alice, petition=q, answer="Đã xử lý xong.")
    assert counts.mismatches() == []
    Petition.objects.filter(pk=p.pk).update(due_date=dt.date(2020, 1, 1), kind="complaint")
    assert counts.mismatches() == []
    Petition.objects.filter(pk=q.pk).delete()
    assert counts.mismatches() == []
    _mixed_petitions(units, alice)
    assert counts.mismatches() == []
    Petition.objects.all().delete()
    assert counts.mismatches() == []
    assert sum(FactCount.objects.values_list("n", flat=True)) == 0


def test_the_counts_follow_a_bulk_import_and_bulk_writes_that_bypass_the_services(
    units: Units, alice: Any
) -> None:
    header = (
        "kind,title,content,place_code,petitioner_name,received_on,decision_complained,decision_known_on\n"
    )
    row = "phản ánh,Rác thải tràn ra đường,Điểm tập kết rác ở đầu chợ không được thu gom cả tuần nay.,{code},Lý Văn Hải,{day},,\n"
    text = header + "".join(
        row.format(code=units.commune_a.code, day=f"{d:02d}/03/2025") for d in range(1, 9)
    )
    report = importing.import_file(
        actor=alice, unit=units.commune_a, upload=SimpleUploadedFile("d.csv", text.encode())
    )
    assert report.created == 8
    assert counts.mismatches() == []
    template = Petition.objects.first()
    assert template is not None
    clones = []
    for i in range(5):
        template.pk = None
        template.tracking_code = f"BULK{i}"
        template.public_id = f"YC-BULK{i}"  # unique, like the tracking code
        clones.append(
            Petition(**{f.attname: getattr(template, f.attname) for f in Petition._meta.concrete_fields})
        )
    Petition.objects.bulk_create(clones)
    Petition.objects.filter(tracking_code__startswith="BULK").update(unit=units.commune_c)
    assert counts.mismatches() == []


def test_the_exemplar_counts_follow_registration_recognition_replication_and_retirement(
    units: Units, alice: Any, bob: Any
) -> None:
    from danvan.exemplars import services as exemplar_services
    from danvan.exemplars.tests.factories import recognised, register

    register(alice, units.commune_a, name="Mô hình dân vận khéo về vệ sinh môi trường thôn Bản Chắt")
    model = recognised(alice, units.commune_a)
    assert counts.mismatches() == []
    assert FactCount.objects.filter(fact="exemplars.recognised", unit_id=units.commune_a.pk).exists()
    exemplar_services.replicate(actor=bob, exemplar=model, unit=units.commune_b, adopted_on=clock.today())
    assert FactCount.objects.filter(fact="exemplars.replicated", unit_id=units.commune_b.pk, n=1).count() == 3
    exemplar_services.retire(actor=alice, exemplar=model, reason="Không còn hiệu quả sau rà soát.")
    Exemplar.objects.filter(pk=model.pk).update(unit=units.commune_c)
    assert counts.mismatches() == []


def test_every_indicator_reading_the_counts_gives_the_figures_of_the_raw_computation(
    units: Units, alice: Any
) -> None:
    _mixed_petitions(units, alice)
    _mixed_engagement_and_tasks(units, alice)
    assert counts.mismatches() == []
    periods = [
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2024, 11, 2), dt.date(2025, 12, 30)),
        (dt.date(2024, 12, 15), dt.date(2025, 2, 3)),
        (dt.date(2025, 5, 7), dt.date(2025, 5, 7)),
        (dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
    ]
    checked = [i for i in indicators() if i.compute is not None and i.recount is not None]
    assert {
        "petitions.received", "petitions.overdue", "exemplars.registered", "engagement.commitments_overdue",
        "engagement.questions_answered_on_spot", "reporting.tasks_overdue", "press.events",
    } <= {i.code for i in checked}  # fmt: skip
    for start, end in periods:
        for indicator in checked:
            assert indicator.compute is not None and indicator.recount is not None
            assert _figures(indicator.compute, start, end) == _figures(indicator.recount, start, end), (
                indicator.code,
                start,
                end,
            )


def test_the_bucket_spans_cover_every_day_of_a_period_exactly_once() -> None:
    rng = random.Random(1)
    for _ in range(300):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        end = start + dt.timedelta(days=rng.randint(0, 800))
        days: list[dt.date] = []
        for grain, lo, hi in counts.spans(start, end):
            bucket = lo
            while bucket <= hi:
                if grain == "D":
                    days.append(bucket)
                    bucket += dt.timedelta(days=1)
                elif grain == "M":
                    last = counts._month_end(bucket)
                    days.extend(bucket + dt.timedelta(days=k) for k in range((last - bucket).days + 1))
                    bucket = last + dt.timedelta(days=1)
                else:
                    last = dt.date(bucket.year, 12, 31)
                    days.extend(bucket + dt.timedelta(days=k) for k in range((last - bucket).days + 1))
                    bucket = dt.date(bucket.year + 1, 1, 1)
        assert days == [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
    assert counts.spans(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == [
        ("Y", dt.date(2025, 1, 1), dt.date(2025, 1, 1))
    ]


def test_rebuild_counts_recomputes_the_table_from_the_records(units: Units, alice: Any) -> None:
    _mixed_petitions(units, alice)
    FactCount.objects.all().delete()
    assert counts.mismatches() != []
    call_command("reporting", "rebuild-counts", verbosity=0)
    assert counts.mismatches() == []
    call_command("reporting", "check-counts", verbosity=0)


def test_missing_triggers_are_put_back_and_the_counts_rebuilt_after_migrate(units: Units, alice: Any) -> None:
    """A migration that remakes a table on SQLite drops its triggers: post_migrate installs them again."""
    assert counts.install() is False  # up to date: nothing to do
    with connection.cursor() as cursor:
        present = counts._existing(cursor, connection.vendor)
        name, table = next((n, t) for n, t in present.items() if t == "petitions_petition")
        if connection.vendor == "postgresql":
            cursor.execute(f'DROP TRIGGER "{name}" ON "{table}"')
        else:
            cursor.execute(f'DROP TRIGGER "{name}"')
    _mixed_petitions(units, alice)
    assert counts.install() is True
    assert counts.mismatches() == []
    _submit(units)
    assert counts.mismatches() == []


@pytest.mark.django_db(transaction=True)
def test_the_triggers_survive_a_flush_and_keep_counting(units: Units) -> None:
    call_command("flush", interactive=False, verbosity=0)
    from danvan.conftest import ensure_territory

    ensure_territory()
    fresh = Units(**{k: type(v).objects.get(code=v.code) for k, v in vars(units).items()})
    _submit(fresh)
    assert FactCount.objects.filter(fact="petitions.received", unit_id=fresh.commune_a.pk).exists()
    assert counts.mismatches() == []


@pytest.mark.django_db(transaction=True)
def test_records_moved_between_two_units_in_opposite_directions_at_once_never_deadlock(units: Units) -> None:
    """PostgreSQL: the count trigger takes the lower unit's rows first, so A → B and B → A moves running
    together wait for each other instead of deadlocking."""
    import threading

    from django.db import DatabaseError, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: the moves cannot interleave")
    a, b = units.commune_a, units.commune_b
    first = _submit(units, place_code=a.code)
    second = _submit(units, place_code=b.code)
    Petition.objects.filter(pk=first.pk).update(unit=a)
    Petition.objects.filter(pk=second.pk).update(unit=b)
    errors: list[str] = []
    barrier = threading.Barrier(2)

    def move(pk: int, there: Any, back: Any) -> None:
        try:
            barrier.wait()
            for i in range(150):
                with transaction.atomic():
                    Petition.objects.filter(pk=pk).update(unit=there if i % 2 == 0 else back)
        except DatabaseError as exc:
            errors.append(str(exc))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=move, args=(first.pk, b, a)),
        threading.Thread(target=move, args=(second.pk, a, b)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert counts.mismatches() == []
