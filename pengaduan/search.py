"""Keyword search over the public copy of complaints [SPEC §7].

Words go through the same Indonesian normaliser as the FAQ (slang, stop words, Sastrawi
stems), so "jln rusak" finds "jalan yang rusak". The normalised words are stored on the
complaint (``search_text``). On PostgreSQL a generated ``tsvector`` column (``simple``
configuration, the words are already normalised) with a GIN index answers the query; on
SQLite, used by the quickstart, a whole-word LIKE over the same text stands in.

What a query means. Each word a citizen types (split at spaces) is a *group*: the normalised
words it gives (an e-mail address or "0812-3456" gives several, all required) and, for each,
the other words of its synonym group (``data/search_synonyms.json``: "rusak" also finds
"berlubang", "retak", "hancur"…); slang is the normaliser's (jln, bolong, pju). The first
two typed words are a group each, the rest one group together (``MAX_GROUPS``). Only a
one-word query may be unfinished ("puskes" finds "puskesmas"). Complaints matching every
group come first. When fewer than a page do, the search falls back to complaints matching
all groups but one (for two words: either one), ranked by the groups they match, then
newest: "jalan rusak parah" then also lists the road damage that never says "parah".

How it is answered. The results form *tiers*, each read newest-first: every group, then all
but one (order "Paling relevan"), or one tier of all matches (order "Terbaru"). A page
continues a tier from its keyset cursor (home/listing.py) and, when the tier runs out,
starts the next one; no OFFSET anywhere.

Newest-first reading of a tier has no single good plan, and PostgreSQL's estimate cannot
tell which applies: two common words that never occur together are estimated at thousands
of matches, so it walks the date index and reads the whole table to find none (2.3 s at 1M
rows); asking the GIN index for a common word costs 50–150 ms however few are shown. So:
1. ``window`` walks the newest complaints after the cursor (``window_size()``, bounded
   whatever the words) and counts the groups each matches: a tier holding the page there
   (dense: "jalan rusak", "lampu jalan mati") is answered at once, and so is everything
   when the window reaches the oldest complaint (a small installation).
2. Otherwise one *probe* statement asks the GIN index for the other tiers' matches, capped
   at ``sparse_limit()``: few are read by id; many (but too few in the window) by the
   index's newest matches. The probe also tells whether the all-groups tier holds a page
   (deciding the fallback); a lower tier is skipped inside it when the ones before fill
   the page. For this statement the plan is pinned (GIN bitmaps, no date-index walk) with
   session settings put back at the end — no transaction: its BEGIN and COMMIT would cost
   two of the page's ten statements.
More than three groups ranked apart would make the tier conditions (every combination of
groups) too slow for the index on common words: 0.3–1.4 s at 1M rows for four to six
groups, against 0.05–0.2 s for three.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import combinations
from operator import add, and_, or_
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections
from django.db.models import BooleanField, Case, IntegerField, Q, QuerySet, When
from django.db.models.expressions import RawSQL
from django.utils.dateparse import parse_datetime

from faq.text import tokens

from .redaction import public_copy

MAX_TERMS = 8  # normalised words of one query
MAX_GROUPS = 3  # typed words counted apart in the ranking (the rest join the last group)
SYNONYMS_PATH = Path(__file__).resolve().parent / "data" / "search_synonyms.json"
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


# --- what a query means -------------------------------------------------------------


@lru_cache(maxsize=1)
def synonyms() -> dict[str, frozenset[str]]:
    """Normalised word → every normalised word sharing a synonym group with it (itself
    included). The data file holds words as people write them; they are normalised here
    like the complaints are, so a group matches whatever Sastrawi makes of its words."""
    data = json.loads(SYNONYMS_PATH.read_text(encoding="utf-8"))
    table: dict[str, frozenset[str]] = {}
    for group in data["groups"]:
        words = set()
        for entry in group["words"]:
            normalised = list(dict.fromkeys(tokens(entry)))
            if len(normalised) != 1 or not _SAFE.match(normalised[0]):
                raise ImproperlyConfigured(
                    f"{SYNONYMS_PATH.name}: {entry!r} is not one word once normalised "
                    f"({normalised}); put informal spellings in faq/text.py SLANG instead."
                )
            words.add(normalised[0])
        for word in words:
            table[word] = table.get(word, frozenset()) | frozenset(words)
    return table


@dataclass(frozen=True)
class Word:
    """One normalised query word and the words it also accepts (its synonyms)."""

    forms: tuple[str, ...]  # the typed word first
    prefix: bool = False  # the word of a one-word query may be unfinished ("puskes")


@dataclass(frozen=True)
class Expr:
    """A boolean condition over words: ``op`` is "all", "any" or "not"."""

    op: str
    parts: tuple


def _all(parts) -> Expr:
    return Expr("all", tuple(parts))


def _any(parts) -> Expr:
    return Expr("any", tuple(parts))


@dataclass(frozen=True)
class SearchQuery:
    groups: tuple[tuple[Word, ...], ...]  # one per typed word that gave search words

    @property
    def terms(self) -> list[str]:
        return [word.forms[0] for group in self.groups for word in group]

    @property
    def size(self) -> int:
        return len(self.groups)

    @property
    def quorum(self) -> int:
        """The fewest groups a fallback match must have: all but one. (One tier of partial
        matches: "at least n of k" for smaller n is a condition GIN answers too slowly on
        common words, and lists noise — "Gang Kenanga No. 5" would find every "nomor".)"""
        return max(1, self.size - 1)

    def at_least(self, count: int) -> Expr:
        """Complaints matching ``count`` or more of the groups."""
        return _any(
            _all(word for group in chosen for word in group)
            for chosen in combinations(self.groups, count)
        )

    def exactly(self, count: int) -> Expr:
        """Complaints matching ``count`` of the groups and no more (a tier)."""
        if count >= self.size:
            return self.at_least(self.size)
        return _all([self.at_least(count), Expr("not", (self.at_least(count + 1),))])


def parse(query: str) -> SearchQuery | None:
    """The groups of a query, or None when it holds no searchable word (only stop words,
    punctuation…). Words repeated, also as a synonym of an earlier word, count once."""
    table = synonyms()
    seen: set[frozenset[str]] = set()
    groups: list[list[Word]] = []
    count = 0
    for chunk in (query or "")[:200].split():
        group = []
        for word in tokens(chunk):
            forms = table.get(word, frozenset()) | {word}
            if not _SAFE.match(word) or forms in seen or count >= MAX_TERMS:
                continue
            seen.add(forms)
            count += 1
            group.append(Word((word, *sorted(forms - {word}))))
        if group and len(groups) < MAX_GROUPS:
            groups.append(group)
        elif group:  # beyond MAX_GROUPS the words are still all required, as one group
            groups[-1] += group
    if not groups:
        return None
    if len(groups) == 1:  # one word may be unfinished; in longer queries partial words
        last = groups[-1][-1]  # would make every tier's index scan read whole ranges
        groups[-1][-1] = Word(last.forms, prefix=True)
    return SearchQuery(tuple(tuple(group) for group in groups))


# --- conditions ---------------------------------------------------------------------


def tsquery(expr: Expr | Word) -> str:
    """``expr`` for PostgreSQL's to_tsquery. Words are letters and digits only (``parse``)."""
    if isinstance(expr, Word):
        forms = [f"{expr.forms[0]}:*" if expr.prefix else expr.forms[0], *expr.forms[1:]]
        return forms[0] if len(forms) == 1 else f"({' | '.join(forms)})"
    if expr.op == "not":
        return f"!{tsquery(expr.parts[0])}"
    inner = [tsquery(part) for part in expr.parts]
    joiner = " & " if expr.op == "all" else " | "
    return inner[0] if len(inner) == 1 else f"({joiner.join(inner)})"


def like_q(expr: Expr | Word) -> Q:
    """``expr`` as whole-word LIKE conditions over ``search_text`` (SQLite)."""
    if isinstance(expr, Word):
        first, *others = expr.forms
        conditions = [Q(search_text__contains=f" {first}" if expr.prefix else f" {first} ")]
        conditions += [Q(search_text__contains=f" {form} ") for form in others]
        return reduce(or_, conditions)
    if expr.op == "not":
        return ~like_q(expr.parts[0])
    return reduce(and_ if expr.op == "all" else or_, [like_q(part) for part in expr.parts])


def matching(queryset: QuerySet, condition: SearchQuery | Expr | None) -> QuerySet:
    """Complaints meeting ``condition`` (a whole query: every group)."""
    if condition is None:
        return queryset
    if isinstance(condition, SearchQuery):
        condition = condition.at_least(condition.size)
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(like_q(condition))
    # The negated parts of a condition are separate tests of the row found: the index
    # answers the positive part, where a negation would only slow it down.
    parts = condition.parts if condition.op == "all" else (condition,)
    positive = [part for part in parts if not (isinstance(part, Expr) and part.op == "not")]
    negative = [part.parts[0] for part in parts if part not in positive]
    table = queryset.model._meta.db_table
    for expr, negated in [(_all(positive), False), *((part, True) for part in negative)]:
        # The query travels as a parameter; the table name is ours.
        sql = RawSQL(  # noqa: S611
            f'{"NOT " if negated else ""}("{table}"."search_vector" @@ to_tsquery(\'simple\', %s))',
            [tsquery(expr)],
            output_field=BooleanField(),
        )
        queryset = queryset.filter(sql)
    return queryset


# --- tiers, the probe and the walk --------------------------------------------------


@dataclass(frozen=True)
class Tier:
    """Complaints read newest-first, continuing after ``after`` (created_at, id) if given.
    ``level`` goes into the page cursor: the groups matched, or 0 for "all matches"."""

    level: int
    condition: Expr
    after: tuple[dt.datetime, int] | None = None


def tiers(
    query: SearchQuery, *, relevance: bool, start: int | None = None, after=None
) -> list[Tier]:
    """The fallback tiers (at least the quorum of groups matched), from level ``start``
    (default: all groups), continuing after ``after`` in that first tier."""
    if not relevance:
        return [Tier(0, query.at_least(query.quorum), after)]
    start = query.size if start is None else start
    return [
        Tier(level, query.exactly(level), after if level == start else None)
        for level in range(start, query.quorum - 1, -1)
    ]


def window_size() -> int:
    """How many of the newest complaints the first statement reads (``window``): a tier
    with a page among them (about 0.7 % of the complaints) never needs the index."""
    return getattr(settings, "SAMBAT_SEARCH_WINDOW", 3000)


def sparse_limit() -> int:
    """Up to this many matches, a tier is read from the matching ids (found through GIN)."""
    return settings.SAMBAT_SEARCH_SPARSE_LIMIT


class PlanPinner:
    """Pins the index plan (GIN bitmaps, no date-index walk) for the statements that follow
    (PostgreSQL; elsewhere a no-op). The switches are session settings, put back by
    ``pinned_plans``: no transaction (and its BEGIN and COMMIT) around a page."""

    BITMAP = {"enable_bitmapscan": "on", "enable_indexscan": "off", "enable_seqscan": "off"}
    RESET = (  # the three switches back to the session's defaults
        "SELECT set_config(%s, (SELECT reset_val FROM pg_settings WHERE name = %s), false),"
        " set_config(%s, (SELECT reset_val FROM pg_settings WHERE name = %s), false),"
        " set_config(%s, (SELECT reset_val FROM pg_settings WHERE name = %s), false)"
    )

    def __init__(self, using: str):
        self.using = using
        self.active = connections[using].vendor == "postgresql"
        self.pinned = False

    def pin(self) -> None:
        if not self.active or self.pinned:
            return
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, false)" for _ in self.BITMAP),
                [value for pair in self.BITMAP.items() for value in pair],
            )
        self.pinned = True

    def reset(self) -> None:
        if not self.pinned:
            return
        self.pinned = False
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.RESET, [value for name in self.BITMAP for value in (name, name)])


@contextmanager
def pinned_plans(using: str) -> Iterator[PlanPinner]:
    """``PlanPinner.pin`` chooses the plan of the statements inside; the switches are put
    back at the end. Should that fail, the error is the connection's (it is then closed,
    never reused with the switches) or the transaction's (its rollback undoes them)."""
    pinner = PlanPinner(using)
    try:
        yield pinner
    finally:
        try:
            pinner.reset()
        except DatabaseError:
            connection = connections[using]
            if connection.get_autocommit():
                connection.close()


def _after(queryset: QuerySet, after: tuple[dt.datetime, int] | None) -> QuerySet:
    if after is None:
        return queryset
    moment, pk = after
    # The first condition is what an index range scan can start from; the second breaks
    # ties between complaints received in the same microsecond.
    return queryset.filter(created_at__lte=moment).filter(Q(created_at__lt=moment) | Q(pk__lt=pk))


def _newer_first(queryset: QuerySet, tier: Tier) -> QuerySet:
    return _after(matching(queryset, tier.condition), tier.after)


def _group_test(queryset: QuerySet, group: tuple[Word, ...]):
    condition = _all(group)
    if connections[queryset.db].vendor != "postgresql":
        return like_q(condition)
    table = queryset.model._meta.db_table
    return RawSQL(  # noqa: S611 (the query travels as a parameter; the table name is ours)
        f'"{table}"."search_vector" @@ to_tsquery(\'simple\', %s)',
        [tsquery(condition)],
        output_field=BooleanField(),
    )


def _datetime(value):
    return parse_datetime(value) if isinstance(value, str) else value  # SQLite: stored text


def window(
    queryset: QuerySet, query: SearchQuery, *, after, least: int, size: int
) -> tuple[list[tuple[int, object, int]], bool]:
    """(id, created_at, groups matched) of the complaints matching at least ``least``
    groups among the newest ``size`` after ``after``, newest first, and whether those
    were all the complaints left. One statement that walks the date index, however rare
    or common the words: a tier holding a page of them is answered without the index."""
    matched = reduce(
        add,
        [
            Case(When(_group_test(queryset, group), then=1), default=0, output_field=IntegerField())
            for group in query.groups
        ],
    )
    recent = (
        _after(queryset, after)
        .order_by("-created_at", "-id")
        .annotate(matched=matched)
        .values_list("pk", "created_at", "matched")[:size]
    )
    sql, params = recent.query.sql_with_params()
    statement = (  # our compiled SQL; every value travels as a parameter
        f"WITH w (id, created_at, matched) AS ({sql}) "  # noqa: S608
        "SELECT id, created_at, matched FROM w WHERE matched >= %s "
        "UNION ALL SELECT NULL, NULL, count(*) FROM w"
    )
    rows, scanned = [], 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(statement, [*params, least])
        for pk, created, count in cursor.fetchall():
            if pk is None:
                scanned = count
            else:
                rows.append((pk, _datetime(created), count))
    rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
    return rows, scanned < size


def probe(
    queryset: QuerySet,
    tiers: list[Tier],
    *,
    cap: int,
    need: int,
    gate: int | None = None,
    cumulative: bool = True,
) -> list[list[tuple[int, object]]]:
    """(id, created_at) of each tier's matches, at most ``cap + 1`` each, in one statement.

    A tier is only read when the tiers before it hold fewer than ``need`` matches
    together (``cumulative``: they fill the page already) and, with ``gate``, when the
    first holds fewer than ``gate`` (the fallback is needed). PostgreSQL skips such a
    tier altogether (a one-time filter)."""
    connection = connections[queryset.db]
    ctes, selects, params, conditions = [], [], [], []
    for index, tier in enumerate(tiers):
        inner = _newer_first(queryset, tier).order_by().values_list("pk", "created_at")
        sql, inner_params = inner[: cap + 1].query.sql_with_params()
        ctes.append(f"t{index} (id, created_at) AS ({sql})")
        params += inner_params
        tests = []
        if index and gate is not None:
            tests.append(("(SELECT count(*) FROM t0) < %s", gate))
        if index and cumulative:
            counted = " + ".join(f"(SELECT count(*) FROM t{j})" for j in range(index))  # noqa: S608
            tests.append((f"{counted} < %s", need))
        where = f" WHERE {' AND '.join(test for test, _value in tests)}" if tests else ""
        conditions += [value for _test, value in tests]
        selects.append(f"SELECT id, created_at, {index} FROM t{index}{where}")  # noqa: S608
    # Our compiled SQL and tier numbers; every value travels as a parameter.
    statement = f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)}"
    found: list[list[tuple[int, object]]] = [[] for _ in tiers]
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *conditions])
        for pk, created, index in cursor.fetchall():
            found[index].append((pk, _datetime(created)))
    for matches in found:
        matches.sort(key=lambda match: (match[1], match[0]), reverse=True)
    return found


def collect(
    queryset: QuerySet,
    query: SearchQuery,
    *,
    relevance: bool,
    need: int,
    page_size: int,
    cursor: tuple[int | None, dt.datetime, int] | None,
    shape: Callable[[QuerySet], QuerySet],
) -> tuple[list[tuple[object, int]], bool]:
    """The first ``need`` results after ``cursor`` as (complaint, tier), and whether they
    are fallback results (few complaints match every group).

    ``cursor`` is (tier, created_at, id) of the last complaint shown; tier None means the
    all-groups results. ``shape`` prepares a queryset of the page's complaints (related
    rows, columns). Statements: the window of the newest complaints (``window``), which
    answers tiers holding a page in it; for the others pin, probe, and reset; then the
    page by id (with, for a tier of many matches not found in the window, its newest).
    At most five on PostgreSQL, two when the window answers."""
    cap = max(sparse_limit(), need)
    k = query.size
    top = Tier(k, query.at_least(k))
    after = None if cursor is None else (cursor[1], cursor[2])
    if cursor is None:
        fallback = None if k > 1 else False
        lower = tiers(query, relevance=relevance)
        lower = lower[1:] if relevance else lower
    else:
        fallback = cursor[0] is not None
        lower = []
    if fallback is False:
        sequence = [Tier(k, top.condition, after)]
    elif cursor is not None:
        sequence = tiers(query, relevance=relevance, start=cursor[0], after=after)
    else:
        sequence = [top, *lower]  # until the probe decides

    recent, complete = window(
        queryset,
        query,
        after=after,
        least=k if fallback is False else query.quorum,
        size=window_size(),
    )

    def from_window(tier: Tier, wanted: int) -> list[tuple[int, object]] | None:
        """The tier's first ``wanted`` rows if the window holds them (else None)."""
        if tier.after != after:
            return None
        rows = [
            (pk, created)
            for pk, created, matched in recent
            if (matched >= query.quorum if tier.level == 0 else matched == tier.level)
        ]
        return rows[:wanted] if complete or len(rows) >= wanted else None

    if fallback is None:
        tops = sum(1 for _pk, _created, matched in recent if matched == k)
        if tops >= page_size:
            fallback, sequence = False, [top]
        elif complete:
            fallback = True
            sequence = sequence if relevance else lower

    answers: dict[int, list[tuple[int, object]]] = {}
    to_probe: list[int] = []  # positions in ``sequence`` the index has to answer
    if fallback is None:
        to_probe = [0] + [
            i for i in range(1, len(sequence)) if from_window(sequence[i], need) is None
        ]
        for i in range(1, len(sequence)):
            if i not in to_probe:
                answers[i] = from_window(sequence[i], need)
    else:
        filled = 0
        for i, tier in enumerate(sequence):
            rows = from_window(tier, need - filled)
            if rows is None:
                to_probe = list(range(i, len(sequence)))
                break
            answers[i] = rows
            filled += len(rows)
            if filled >= need:
                break

    using = queryset.db
    with pinned_plans(using) as plans:
        many: set[int] = set()
        if to_probe:
            plans.pin()
            found = probe(
                queryset,
                [sequence[i] for i in to_probe],
                cap=cap,
                need=need - sum(len(answers[i]) for i in answers if i < to_probe[0]),
                gate=page_size if fallback is None else None,
                cumulative=relevance,
            )
            for i, matches in zip(to_probe, found, strict=True):
                answers.setdefault(i, matches)
                if len(matches) > cap:
                    many.add(i)
            if fallback is None:
                fallback = len(found[0]) < page_size
                if not fallback:
                    sequence, answers, many = sequence[:1], {0: answers[0]}, many & {0}
                elif not relevance:  # one tier of all matches, newest first
                    sequence = sequence[1:]
                    answers = {i - 1: rows for i, rows in answers.items() if i}
                    many = {i - 1 for i in many if i}
        known: list[tuple[int, int]] = []  # (id, tier) read by id
        walked: tuple[Tier, int] | None = None  # a tier of many matches, and how many
        for i, tier in enumerate(sequence):
            wanted = need - len(known)
            if i in many:  # its newest, through the index (the window held too few)
                walked = (tier, wanted)
                break
            known += [(pk, tier.level) for pk, _created in answers.get(i, [])[:wanted]]
            if len(known) >= need:
                break
        ids = [pk for pk, _tier in known]

        def by_id():
            return shape(queryset.model.objects.using(using).filter(pk__in=ids))

        rows, walk_rows = [], []
        if walked is not None:
            tier, wanted = walked
            walk = shape(_newer_first(queryset, tier)).order_by("-created_at", "-id")[:wanted]
            if not ids:
                walk_rows = list(walk)
            elif connections[using].features.supports_slicing_ordering_in_compound:
                # The rows read by id come in the same statement as the walk.
                rows = list(by_id().union(walk, all=True))
                read = set(ids)
                walk_rows = [row for row in rows if row.pk not in read]
                walk_rows.sort(key=lambda row: (row.created_at, row.pk), reverse=True)
            else:
                rows, walk_rows = list(by_id()), list(walk)
        elif ids:
            rows = list(by_id())
    fetched = {row.pk: row for row in rows}
    page = [(fetched[pk], level) for pk, level in known if pk in fetched]
    if walked is not None:
        page += [(row, walked[0].level) for row in walk_rows]
    return page, bool(fallback)
