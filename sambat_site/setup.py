"""Setup that a running installation can repeat safely (every start of the quickstart does).

The rule for every setup step: create what is missing, never overwrite, republish or revert
what exists, and never bring back what staff deleted. Each step has a key; :func:`done`
tells whether it ran before and :func:`mark` records that it has.
"""

from __future__ import annotations

from .models import SetupRecord


def done(key: str) -> bool:
    return SetupRecord.objects.filter(key=key).exists()


def mark(key: str) -> None:
    SetupRecord.objects.get_or_create(key=key)


def done_keys(prefix: str) -> set[str]:
    """The keys under ``prefix`` already done (one query for a whole list of items)."""
    return set(SetupRecord.objects.filter(key__startswith=prefix).values_list("key", flat=True))
