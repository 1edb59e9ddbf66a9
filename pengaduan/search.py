"""Keyword search over the public copy of complaints [SPEC §7].

Words go through the same Indonesian normaliser as the FAQ (slang, stop words, Sastrawi
stems), so "jln rusak" finds "jalan yang rusak". The normalised words are stored on the
complaint (``search_text``). On PostgreSQL a generated ``tsvector`` column (``simple``
configuration, the words are already normalised) with a GIN index answers the query; on
SQLite, used by the quickstart, a whole-word LIKE over the same text stands in.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from faq.text import tokens

MAX_TERMS = 8
_SAFE = re.compile(r"^[^\W_]+$")


def document(complaint) -> str:
    """The words a complaint is found by: its public text and who handles it (never the
    original text, the reporter or the location)."""
    parts = [complaint.public_text or ""]
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
