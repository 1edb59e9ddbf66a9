"""Keyword search over the public copy of complaints [SPEC §7].

Words go through the same Indonesian normaliser as the FAQ (slang, stop words, Sastrawi
stems), so "jln rusak" finds "jalan yang rusak". The normalised words are stored on the
complaint (``search_text``). On PostgreSQL a generated ``tsvector`` column (``simple``
configuration, the words are already normalised) with a GIN index answers the query; on
SQLite, used by the quickstart, a whole-word LIKE over the same text stands in.

Newest-first pages of a search have two good plans and PostgreSQL's estimate cannot tell
which one applies: two common words that never occur together ("jalan" and "rusak") are
estimated at thousands of matches, so it walks the date index and reads the whole table to
find none (2.3 s at 1M rows). ``sparse_matches`` asks the GIN index first, capped: a few
matches are then fetched by id; many matches mean the date walk finds a page quickly, and
that plan is then chosen explicitly. Both plans are pinned for one statement with
``SET LOCAL`` inside a transaction.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from faq.text import tokens

from .redaction import public_copy

MAX_TERMS = 8
_SAFE = re.compile(r"^[^\W_]+$")


def document(complaint) -> str:
    """The words a complaint is found by: its public text as the public sees it and who
    handles it (never the original text, the reporter or the location). Indexing the text
    before the last privacy pass would let a search for an anonymous reporter's name, an
    address or a phone number find the complaints that hold it."""
    anonymous = complaint.visibility != "public"
    parts = [public_copy(complaint.public_text, reporter=complaint.reporter, anonymous=anonymous)]
    agency = complaint.agency if complaint.agency_id else None
    if agency is not None:
        parts += [agency.name, agency.short_name]
    if complaint.forwarded_to:
        parts.append(complaint.forwarded_to)
    words = tokens(" ".join(parts))
    return f" {' '.join(words)} " if words else ""


def terms(query: str) -> list[str]:
    """The normalised words of a query, deduplicated, at most ``MAX_TERMS``."""
    seen: list[str] = []
    for word in tokens((query or "")[:200]):
        if _SAFE.match(word) and word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def matching(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Complaints containing every word; the last one may be a prefix (typed as you search)."""
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        tsquery = " & ".join([*words[:-1], f"{words[-1]}:*"])
        table = queryset.model._meta.db_table
        # The query travels as a parameter; the table name is ours.
        condition = RawSQL(  # noqa: S611
            f'"{table}"."search_vector" @@ to_tsquery(\'simple\', %s)',
            [tsquery],
            output_field=BooleanField(),
        )
        return queryset.filter(condition)
    for word in words[:-1]:
        queryset = queryset.filter(search_text__contains=f" {word} ")
    return queryset.filter(search_text__contains=f" {words[-1]}")


def sparse_limit() -> int:
    """Up to this many matches, a page is built from the matching ids (found through GIN)."""
    return settings.SAMBAT_SEARCH_SPARSE_LIMIT


def uses_full_text(queryset: QuerySet, words: list[str]) -> bool:
    return bool(words) and connections[queryset.db].vendor == "postgresql"


class PlanPinner:
    """Sets the planner switches for the statements that follow, inside the transaction."""

    WALK = {"enable_bitmapscan": "off", "enable_indexscan": "on", "enable_seqscan": "off"}
    BITMAP = {"enable_bitmapscan": "on", "enable_indexscan": "off", "enable_seqscan": "off"}

    def __init__(self, using: str):
        self.using = using

    def pin(self, *, walk: bool) -> None:
        switches = self.WALK if walk else self.BITMAP
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in switches),
                [value for pair in switches.items() for value in pair],
            )


@contextmanager
def pinned_plans(using: str):
    """One transaction in which ``PlanPinner.pin`` chooses each statement's plan (the
    switches are ``SET LOCAL``: they end with the transaction)."""
    with transaction.atomic(using=using):
        yield PlanPinner(using)


def sparse_matches(queryset: QuerySet, pinner: PlanPinner) -> list[int] | None:
    """The ids of all matches when there are at most ``sparse_limit()``, else None."""
    limit = sparse_limit()
    pinner.pin(walk=False)
    ids = list(queryset.order_by().values_list("pk", flat=True)[: limit + 1])
    return ids if len(ids) <= limit else None
