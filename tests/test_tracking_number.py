"""Public complaint numbers: readable, unguessable, unique even under concurrent creation."""

import re
import threading

import pytest
import time_machine
from django.db import connection

from pengaduan.models import (
    TRACKING_ALPHABET,
    Complaint,
    normalize_tracking_number,
    random_tracking_number,
)
from workflow import services

from .factories import ReporterFactory


@time_machine.travel("2025-11-03 09:00 +0700", tick=False)
def test_format_has_prefix_month_and_random_part():
    number = random_tracking_number()
    assert re.fullmatch(r"SB-2511-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}", number)


def test_numbers_do_not_follow_each_other():
    numbers = {random_tracking_number() for _ in range(2000)}
    assert len(numbers) > 1990  # 31^5 possibilities: repeats in 2000 draws are rare
    suffixes = [n[-5:] for n in numbers]
    # Every position uses most of the alphabet: nothing sequential to guess from.
    for position in range(5):
        assert len({s[position] for s in suffixes}) >= len(TRACKING_ALPHABET) - 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sb-2511-7k3qx", "SB-2511-7K3QX"),
        ("#SB 2511 7K3QX", "SB-2511-7K3QX"),
        ("SB25117K3QX", "SB-2511-7K3QX"),
        ("  sb-2511-7k3qx ", "SB-2511-7K3QX"),
    ],
)
def test_typed_numbers_are_normalised(typed, expected):
    assert normalize_tracking_number(typed) == expected


@pytest.mark.django_db
def test_a_collision_is_retried_with_a_new_number():
    reporter = ReporterFactory()
    first = services.submit(reporter=reporter, text="Aduan pertama.")
    candidates = iter([first.tracking_number, first.tracking_number, "SB-2511-ZZZZZ"])
    second = services.submit(
        reporter=reporter, text="Aduan kedua.", tracking_number_generator=lambda: next(candidates)
    )
    assert second.tracking_number == "SB-2511-ZZZZZ"
    assert Complaint.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unique_under_concurrent_creation():
    """Eight requests at once, all drawing the same first number: all succeed, all unique."""
    reporter = ReporterFactory()
    workers = 8
    barrier = threading.Barrier(workers)
    lock = threading.Lock()
    draws = {"n": 0}

    def colliding_generator():
        # Every worker's first draw is the same number; later draws are fresh.
        with lock:
            draws["n"] += 1
            n = draws["n"]
        return "SB-2511-AAAAA" if n <= workers else random_tracking_number()

    results, errors = [], []

    def create(i):
        try:
            barrier.wait(timeout=10)
            complaint = services.submit(
                reporter=reporter,
                text=f"Aduan serentak {i}",
                tracking_number_generator=colliding_generator,
            )
            results.append(complaint.tracking_number)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == workers
    assert len(set(results)) == workers
    assert "SB-2511-AAAAA" in results
    assert Complaint.objects.count() == workers
