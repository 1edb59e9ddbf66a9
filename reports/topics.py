"""Strategic issues [001 "laporan harian isu strategis"]: what complaints are about, what is
rising, and which agencies and kecamatan it lands on.

A topic is a word or a phrase of two or three words that several complaints share ("jalan
berlubang", "lampu PJU", "air PDAM", "sampah", "banjir"). The text is the public copy after
the last privacy pass (``pengaduan.redaction.public_copy``: NIK, phone numbers, e-mail and
the reporter's address masked; names, below), read with the project's Indonesian normaliser
(``faq.text``: its slang dictionary, Sastrawi stems and stop words) and the word lists of
``reports/data/topic_stopwords.txt``:

- stop words end a phrase and are never part of one ("mohon", "sudah", "ribu", "sesuai");
- context words ("rumah", "anak", "warga", "desa", "jalan", "air") and states ("rusak",
  "mati", "bocor", "naik") are topics only together: "rumah roboh", "air PDAM", "jalan
  rusak", "lampu mati" are; "rumah", "rusak", "rumah warga" and "rusak parah" are not;
- a few fixed expressions stay whole ("lalu lintas", "rumah sakit", "tepat sasaran").

A phrase must also occur together more than chance says (normalised PMI of its adjacent
pairs), so two words that merely meet once per complaint do not become one. Topics are
shown as the most common spelling the complaints used ("lampu PJU", not the stems "lampu
jalan"). Names never become a topic: the names of all the period's reporters are dropped
from every complaint, whatever its visibility, and so are the words after a form of address
or an official's title ("Pak Slamet", "Kades Suparno") and capitalised words that are no
Indonesian word, alone or in a run ("Muhammad Alfarizqi", "Dewi Kartika Sari"), unless they
are a place we know; masked data and every number are not read either.

A topic's weight is the number of complaints that mention it; one topic is shown per group
of complaints (a term whose complaints are mostly those of a term already chosen says
nothing new), and a longer phrase replaces a shorter one it nearly always extends. "Rising"
compares with the period just before, smoothed so that 1 → 3 does not outrank 40 → 80.
Where a topic concentrates is counted by agency (OPD) and by kecamatan, the kecamatan read
from the complaint's location (``Kecamatan X`` / ``Kec. X``, else a desa or kecamatan name
from the kecamatan agencies' keywords, else the kecamatan the complaint was dispatched to).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from faq.text import SLANG, STOP_WORDS, stem
from pengaduan.models import Agency, Complaint
from pengaduan.redaction import name_variants, public_copy
from workflow import policy

WORD_LISTS = Path(__file__).resolve().parent / "data" / "topic_stopwords.txt"
MIN_COUNT = 3  # complaints a topic needs
MIN_NPMI = 0.2  # how much more than chance the words of a phrase meet (-1 … 1)
SUBSUME = 0.8  # a phrase replaces a shorter one when it covers this share of its complaints
# Phrases say more than words: a word is chosen before a phrase of its complaints only when
# it is in twice as many ("lampu PJU" 25 is chosen before "lampu" 44; both are shown).
WORD_WEIGHT = 0.5
RISING_GROWTH = 1.5
POOL = 60  # topics kept for the per-agency and per-kecamatan tables
GROUPS = 8  # agencies / kecamatan shown, the busiest first
GROUP_TOPICS = 3

# Word classes.
STOP, GENERIC, MODIFIER, CONTENT = range(4)
_BRIDGE = 4  # a stop word inside a phrase ("jalan yang rusak")
_SECTIONS = {"stop": STOP, "generic": GENERIC, "modifier": MODIFIER}

_SCAN = re.compile(r"[^\W_]+|[.,;:!?()\[\]{}\"“”/|\n]")
_PLACEHOLDER = re.compile(r"\[[^\]\n]{0,40}disamarkan\]", re.IGNORECASE)
_VOWELS = frozenset("aeiou")
_DELIMITERS = frozenset('.,;:!?()[]{}"“”/|\n')
_SENTENCE_END = frozenset(".!?\n")
# A full stop after these does not end a sentence ("Jl. Gajah Mada", "dr. Haryoto").
_ABBREVIATIONS = frozenset(
    {"jl", "jln", "gg", "no", "dr", "drg", "kec", "kel", "kab", "ds", "dsn", "rt", "rw", "bpk"}
    | {"h", "hj", "st", "sdr"}
)
# What public_copy can change besides names: NIK and phone numbers (digits), e-mail (@).
_MAYBE_PERSONAL = re.compile(r"[\d@]")
_KECAMATAN = re.compile(r"\bkec(?:amatan)?\b\.?\s*([^\W\d_]{3,})", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of ``reports/data/topic_stopwords.txt``, ready to look up."""

    words: dict[str, int]
    stems: dict[str, int]
    bridge: frozenset[str]
    expressions: dict[str, tuple[tuple[str, ...], ...]]
    honorifics: frozenset[str]
    titles: frozenset[str]
    stem_overrides: dict[str, str]
    dictionary: frozenset[str]

    def stem(self, word: str) -> str:
        return self.stem_overrides.get(word) or stem(word)

    def kind(self, word: str, root: str) -> int:
        found = self.words.get(word)
        if found is None:
            found = self.stems.get(root)
        if found is not None:
            return found
        return STOP if word in STOP_WORDS else CONTENT

    def known(self, word: str) -> bool:
        """An Indonesian word (Sastrawi's dictionary or ours), so not a name."""
        return word in self.dictionary or word in self.words or word in STOP_WORDS


def _parse(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = defaultdict(list)
    current = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current in ("expression", "stem"):
            sections[current].append(line.lower())
        else:
            sections[current].extend(line.lower().split())
    return sections


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    sections = _parse(WORD_LISTS.read_text(encoding="utf-8"))
    overrides = dict(line.split()[:2] for line in sections["stem"] if len(line.split()) >= 2)
    words: dict[str, int] = {}
    stems: dict[str, int] = {}
    # Later sections win: a word listed as a stop word and as context is a stop word.
    for section in ("modifier", "generic", "stop"):
        for entry in sections[section]:
            if entry.endswith("*"):
                word = entry[:-1]
                stems[overrides.get(word) or stem(word)] = _SECTIONS[section]
            else:
                words[entry] = _SECTIONS[section]
    expressions: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for line in sections["expression"]:
        parts = tuple(line.split())
        expressions[parts[0]].append(parts)
    return Vocabulary(
        words=words,
        stems=stems,
        bridge=frozenset(sections["bridge"]),
        expressions={
            first: tuple(sorted(items, key=len, reverse=True))
            for first, items in expressions.items()
        },
        honorifics=frozenset(sections["honorific"]),
        titles=frozenset(sections["title"]),
        stem_overrides=overrides,
        dictionary=frozenset(StemmerFactory().get_words_from_file()),
    )


# --- reading one complaint -------------------------------------------------------------


@dataclass
class Reading:
    """One complaint's text as topics see it: runs of words no stop word or punctuation
    separates, each word ``(key, class, first raw token, last raw token)``, and the raw
    tokens to spell a phrase as the complaint did."""

    runs: list[list[tuple[str, int, int, int]]]
    raw: list[str]
    proper: set[int]  # capitalised in the middle of a sentence: a place's name, kept so

    def spelling(self, phrase: Iterable[tuple[str, int, int, int]]) -> str:
        """The words of a phrase as this complaint wrote them, without the words between
        ("jalan yang rusak" reads "jalan rusak")."""
        out: list[str] = []
        for index in (i for _key, _kind, first, last in phrase for i in range(first, last + 1)):
            token = self.raw[index]
            lower = token.lower()
            if len(token) > 1 and token.isupper() and token.isalpha():
                spelt = [token]  # an acronym as written: PJU, PDAM, BPJS
            elif SLANG.get(lower) and (len(lower) <= 3 or not _VOWELS.intersection(lower)):
                spelt = SLANG[lower].split()  # "jln" reads "jalan"; "melon" stays melon
            elif index in self.proper:
                spelt = [token]
            else:
                spelt = [lower]
            for word in spelt:
                if not out or out[-1].lower() != word.lower():
                    out.append(word)
        return " ".join(out)


def _lowered(text: str) -> bool:
    """Texts typed in capitals, or With Every Word Capitalised, tell nothing by their case."""
    return len(text) > 30 and (text.isupper() or text.istitle())


_DELIMITER = (True, "", False, False, False, ())


@lru_cache(maxsize=200_000)
def _token(token: str) -> tuple[bool, str, bool, bool, bool, tuple[tuple[str, str, int], ...]]:
    """What one raw token is: a delimiter; lowercase; an acronym; capitalised; letters only;
    the words it stands for (slang expanded), each with its key (stem) and class."""
    if token in _DELIMITERS:
        return _DELIMITER
    vocab = vocabulary()
    lower = token.lower()
    acronym = len(token) > 1 and token.isupper()
    alpha = lower.isalpha()
    words = []
    for word in SLANG.get(lower, lower).split() if alpha else ():
        if len(word) < 3 and not (acronym and len(word) == 2):
            words.append((word, word, STOP))
            continue
        root = vocab.stem(word)
        kind = vocab.kind(word, root)
        if kind == STOP and word in vocab.bridge:
            kind = _BRIDGE
        words.append((word, root, kind))
    return False, lower, acronym, token[0].isupper() and not acronym, alpha, tuple(words)


def read(
    text: str, *, names: frozenset[str] = frozenset(), places: frozenset[str] = frozenset()
) -> Reading:
    """Split a (public, redacted) text into the runs of words topics are made of.

    ``names`` are lowercase words that are never read (the reporters' names); ``places``
    lowercase place names, which are context like "desa" and "rumah".
    """
    vocab = vocabulary()
    known, ours, honorifics, titles = vocab.known, vocab.words, vocab.honorifics, vocab.titles
    text = _PLACEHOLDER.sub(",", text or "")
    raw = _SCAN.findall(text.lower() if _lowered(text) else text)
    infos = [_token(t) for t in raw]
    # First pass: the raw tokens that are names (not read) and the capitalised place names.
    dropped: set[int] = set()
    proper: set[int] = set()
    initial = True
    expect_name = False
    capitals: list[int] = []

    def close_capitals():
        # A capitalised word that is no Indonesian word, or a run of them ("Muhammad
        # Alfarizqi", "Dewi Kartika Sari"), may be a name: it is not read. Places we know
        # ("Pasar Senduro") and our own words are read.
        lowered = [infos[i][1] for i in capitals]
        unknown = any(not (known(w) or w in places) for w in lowered)
        if unknown or (len(lowered) > 1 and not all(w in ours or w in places for w in lowered)):
            dropped.update(capitals)
        else:
            proper.update(capitals)
        capitals.clear()

    for index, (delimiter, lower, acronym, capital, alpha, _words) in enumerate(infos):
        if delimiter:
            if capitals:
                close_capitals()
            mark = raw[index]
            abbreviation = mark == "." and index and infos[index - 1][1] in _ABBREVIATIONS
            initial = initial or (mark in _SENTENCE_END and not abbreviation)
            expect_name = expect_name and abbreviation
            continue
        if expect_name and not acronym and lower not in titles:
            if capital or (alpha and len(lower) > 2 and not known(lower)):
                dropped.add(index)
                initial = False
                continue
            expect_name = False
        if lower in honorifics or lower in titles:
            if capitals:
                close_capitals()
            if lower in honorifics:
                dropped.add(index)
            expect_name = True
        elif lower in names:
            dropped.add(index)
        elif capital and not initial and alpha:
            capitals.append(index)
        elif capitals:
            close_capitals()
        initial = False
    if capitals:
        close_capitals()

    # Second pass: the words, cut into runs at punctuation, numbers, names and stop words;
    # a fixed expression is one word.
    runs: list[list[tuple[str, int, int, int]]] = []
    run: list[tuple[str, int, int, int]] = []
    expressions = vocab.expressions
    skip = 0  # words of an expression still to pass over
    for index, info in enumerate(infos):
        words = info[5]
        if not words or index in dropped:  # delimiters, numbers, names, "pak", "ya"
            if run:
                runs.append(run)
                run = []
            skip = 0
            continue
        for position, (word, key, kind) in enumerate(words):
            if skip:
                skip -= 1
                continue
            last = index
            if word in expressions:
                found = _expression(infos, dropped, index, position, expressions[word])
                if found:
                    key, kind, last, skip = found
            if kind == _BRIDGE:
                continue
            if kind == STOP:
                if run:
                    runs.append(run)
                    run = []
                continue
            if kind == CONTENT and word in places:
                kind = GENERIC
            if run and run[-1][0] == key:  # "lampu PJU" is lampu, lampu jalan: one word
                run[-1] = (key, run[-1][1], run[-1][2], last)
            else:
                run.append((key, kind, index, last))
    if run:
        runs.append(run)
    return Reading(runs=runs, raw=raw, proper=proper)


def _expression(infos, dropped, index, position, expressions):
    """The expression starting at word ``position`` of raw token ``index``, if one does:
    (key, class, last raw token, words to pass over)."""
    total = len(infos)
    for expression in expressions:
        at, offset, words = index, position, infos[index][5]
        for part in expression:
            while offset >= len(words):  # on to the next raw token
                at, offset = at + 1, 0
                words = infos[at][5] if at < total and at not in dropped else ()
                if not words:
                    break
            if offset >= len(words) or words[offset][0] != part:
                break
            offset += 1
        else:
            return " ".join(expression), CONTENT, at, len(expression) - 1
    return None


@cache
def _valid(kinds: tuple[int, ...]) -> bool:
    """A topic: a thing, alone or with other words, or context with a state ("jalan
    rusak"); not context alone ("rumah warga") nor states alone ("rusak parah")."""
    if len(kinds) == 1:
        return kinds[0] == CONTENT
    return CONTENT in kinds or (GENERIC in kinds and MODIFIER in kinds)


def phrases(reading: Reading) -> list[tuple[tuple[str, ...], list, int, int]]:
    """Every candidate topic of one complaint: its key, and where its words are (the run,
    the first word, how many)."""
    found = []
    for run in reading.runs:
        keys = [t[0] for t in run]
        kinds = [t[1] for t in run]
        size = len(run)
        for i in range(size):
            if kinds[i] == CONTENT:
                found.append(((keys[i],), run, i, 1))
            if i + 1 < size and _valid((kinds[i], kinds[i + 1])):
                found.append(((keys[i], keys[i + 1]), run, i, 2))
            if i + 2 < size and _valid((kinds[i], kinds[i + 1], kinds[i + 2])):
                found.append(((keys[i], keys[i + 1], keys[i + 2]), run, i, 3))
    return found


def _keys(reading: Reading) -> set[tuple[str, ...]]:
    """The keys of ``phrases(reading)``, without where they are (the counting pass)."""
    found = set()
    add = found.add
    for run in reading.runs:
        keys = [t[0] for t in run]
        kinds = [t[1] for t in run]
        size = len(run)
        for i in range(size):
            if kinds[i] == CONTENT:
                add((keys[i],))
            if i + 1 < size and _valid((kinds[i], kinds[i + 1])):
                add((keys[i], keys[i + 1]))
            if i + 2 < size and _valid((kinds[i], kinds[i + 1], kinds[i + 2])):
                add((keys[i], keys[i + 1], keys[i + 2]))
    return found


def terms(text: str, **kwargs) -> dict[str, str]:
    """The candidate topics of one text, key ("lampu jalan") → spelling ("lampu PJU")."""
    reading = read(text, **kwargs)
    found: dict[str, str] = {}
    for key, run, i, n in phrases(reading):
        found.setdefault(" ".join(key), reading.spelling(run[i : i + n]))
    return found


# --- where a complaint is ---------------------------------------------------------------


@dataclass(frozen=True)
class Gazetteer:
    """Kecamatan names and the desa/kelurahan words of each (the kecamatan agencies' own
    keywords), to place a complaint whose location does not say "Kecamatan"."""

    kecamatan: dict[str, str]  # lowercase name → name
    villages: dict[str, str]  # lowercase desa word → kecamatan name

    @property
    def places(self) -> frozenset[str]:
        return frozenset(self.kecamatan) | frozenset(self.villages)

    def locate(self, location: str, agency_kind: str | None, agency_name: str | None) -> str:
        found = _KECAMATAN.search(location or "")
        if found:
            word = found.group(1).lower()
            return self.kecamatan.get(word) or found.group(1).title()
        words = re.findall(r"[^\W\d_]+", (location or "").lower())
        for word in reversed(words):
            if word in self.kecamatan:
                return self.kecamatan[word]
        for word in words:
            if word in self.villages:
                return self.villages[word]
        if agency_kind == Agency.Kind.KECAMATAN and agency_name:
            return _kecamatan_name(agency_name)
        return ""


def _kecamatan_name(agency_name: str) -> str:
    return re.sub(r"^\s*kecamatan\s+", "", agency_name, flags=re.IGNORECASE).strip()


def gazetteer() -> Gazetteer:
    kecamatan: dict[str, str] = {}
    villages: dict[str, str] = {}
    rows = Agency.objects.filter(kind=Agency.Kind.KECAMATAN).values_list("name", "keywords")
    for name, keywords in rows:
        short = _kecamatan_name(name)
        kecamatan[short.lower()] = short
        for keyword in re.split(r"[,\n]", keywords or ""):
            keyword = keyword.strip().lower()
            if keyword.isalpha() and keyword != short.lower():
                villages.setdefault(keyword, short)
    return Gazetteer(kecamatan=kecamatan, villages=villages)


# --- the report -----------------------------------------------------------------------


@dataclass
class Topic:
    term: str  # as the complaints spell it
    count: int
    previous: int
    growth: float
    agencies: list[tuple[str, int]] = field(default_factory=list)
    kecamatan: list[tuple[str, int]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    key: str = ""  # the normalised words

    @property
    def rising(self) -> bool:
        return self.count >= MIN_COUNT and self.growth >= RISING_GROWTH

    @property
    def change(self) -> int:
        return self.count - self.previous

    @property
    def decrease(self) -> int:
        return max(0, self.previous - self.count)

    @property
    def top_agency(self) -> tuple[str, int] | None:
        return self.agencies[0] if self.agencies else None

    @property
    def top_kecamatan(self) -> tuple[str, int] | None:
        return self.kecamatan[0] if self.kecamatan else None


@dataclass
class _Document:
    number: str
    agency: str
    kecamatan: str
    reading: Reading


def _rows(start: dt.datetime, end: dt.datetime, agency_id: int | None):
    rows = Complaint.objects.filter(created_at__gte=start, created_at__lt=end).exclude(
        status="archived"
    )
    if agency_id:
        # An agency reads only what it may open (policy.AGENCY_VISIBLE_STATES): not the numbers
        # of complaints it returned or that went elsewhere.
        rows = rows.filter(agency_id=agency_id, status__in=sorted(policy.AGENCY_VISIBLE_STATES))
    return rows.order_by("-created_at", "-id").values_list(
        "tracking_number",
        "public_text",
        "location_text",
        "agency__short_name",
        "agency__kind",
        "agency__name",
        "reporter__name",
        "reporter__address",
    )


def _documents(rows, places: frozenset[str], where: Gazetteer | None) -> Iterator[_Document]:
    rows = list(rows)
    # Every reporter's name is dropped from every complaint of the period, not only from
    # their own: a neighbour naming them is as personal. This is the name masking of
    # public_copy, word by word, for all of them at once (so public_copy is asked only for
    # the rest of the last privacy pass: NIK, phone numbers, e-mail, the address).
    names = frozenset(
        word.lower()
        for row in rows
        for word in name_variants([row[6]])
        if " " not in word and word.lower() not in vocabulary().words
    )
    for number, text, location, agency, kind, agency_name, name, address in rows:
        public = text or ""
        if address or _MAYBE_PERSONAL.search(public):
            reporter = SimpleNamespace(name=name or "", address=address or "")
            public = public_copy(public, reporter=reporter, anonymous=False)
        yield _Document(
            number=number,
            agency=agency or "",
            kecamatan=where.locate(location, kind, agency_name) if where else "",
            reading=read(public, names=names, places=places),
        )


def _npmi(pair: int, left: int, right: int, pairs: int, words: int) -> float:
    if not pair:
        return -1.0
    joint = pair / pairs
    if joint >= 1:
        return 1.0
    return math.log(joint / ((left / words) * (right / words))) / -math.log(joint)


def _pick(candidates: Iterable[tuple[str, ...]], documents, limit: int) -> list[tuple[str, ...]]:
    """One topic per group of complaints, in the given order."""
    chosen: list[tuple[str, ...]] = []
    for key in candidates:
        mine = documents[key]
        if any(len(mine & documents[other]) >= SUBSUME * len(mine) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) == limit:
            break
    return chosen


def _spelling(key, occurrences, docs: list[_Document]) -> str:
    """The spelling most complaints used (the shorter at a tie: "jalan rusak" before "jalan
    yang rusak")."""
    counted = Counter(
        docs[index].reading.spelling(run[i : i + n]) for index, run, i, n in occurrences
    )
    lower = Counter()
    for text, n in counted.items():
        lower[text.lower()] += n
    best = min(lower, key=lambda t: (-lower[t], len(t), t))
    return max((t for t in counted if t.lower() == best), key=lambda t: (counted[t], t))


def strategic_issues(
    start: dt.datetime, end: dt.datetime, *, agency_id: int | None = None, limit: int = 15
) -> dict:
    """Top topics of [start, end) and the rising ones against the same length before, with
    where they concentrate, and the main topics of the busiest agencies and kecamatan."""
    before = start - (end - start)
    where = gazetteer()
    places = where.places
    docs = list(_documents(_rows(start, end, agency_id), places, where))

    # Counts: complaints per candidate topic, and words and adjacent pairs for the PMI.
    frequency: Counter[tuple[str, ...]] = Counter()
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        for run in doc.reading.runs:
            keys = [t[0] for t in run]
            words.update(keys)
            pairs.update(pairwise(keys))
        frequency.update(_keys(doc.reading))
    total_words, total_pairs = max(1, sum(words.values())), max(1, sum(pairs.values()))

    def associated(a: str, b: str) -> bool:
        return _npmi(pairs[a, b], words[a], words[b], total_pairs, total_words) >= MIN_NPMI

    candidates = {
        key
        for key, count in frequency.items()
        if count >= MIN_COUNT and all(associated(a, b) for a, b in pairwise(key))
    }
    # Where each candidate occurs: complaints and the words' first occurrence in each.
    occurrences: dict[tuple[str, ...], list[tuple[int, list, int, int]]] = defaultdict(list)
    for index, doc in enumerate(docs):
        seen = set()
        for key, run, i, n in phrases(doc.reading):
            if key in candidates and key not in seen:
                seen.add(key)
                occurrences[key].append((index, run, i, n))
    documents = {key: {found[0] for found in where} for key, where in occurrences.items()}

    # A longer phrase replaces a shorter one it nearly always extends ("lampu" → "lampu PJU").
    longer: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in candidates:
        for n in range(1, len(key)):
            for i in range(len(key) - n + 1):
                longer[key[i : i + n]].append(key)
    kept = [
        key
        for key in candidates
        if not any(frequency[o] >= SUBSUME * frequency[key] for o in longer.get(key, ()))
    ]
    by_weight = sorted(
        kept, key=lambda k: (-frequency[k] * (WORD_WEIGHT if len(k) == 1 else 1), -len(k), k)
    )

    previous: Counter[tuple[str, ...]] = Counter()
    for doc in _documents(_rows(before, start, agency_id), places, None):
        previous.update(_keys(doc.reading) & candidates)

    made: dict[tuple[str, ...], Topic] = {}

    def topic(key: tuple[str, ...]) -> Topic:
        if key not in made:
            found = occurrences[key]
            count, before_count = frequency[key], previous.get(key, 0)
            made[key] = Topic(
                term=_spelling(key, found, docs),
                key=" ".join(key),
                count=count,
                previous=before_count,
                growth=round((count + 2) / (before_count + 2), 2),
                agencies=Counter(
                    docs[i].agency for i, *_where in found if docs[i].agency
                ).most_common(3),
                kecamatan=Counter(
                    docs[i].kecamatan for i, *_where in found if docs[i].kecamatan
                ).most_common(3),
                examples=[docs[i].number for i, *_where in found[:5]],
            )
        return made[key]

    pool = _pick(by_weight, documents, max(limit, POOL))
    growth = {k: (frequency[k] + 2) / (previous.get(k, 0) + 2) for k in kept}
    rising_keys = _pick(
        sorted(
            (k for k in kept if frequency[k] >= MIN_COUNT and growth[k] >= RISING_GROWTH),
            key=lambda k: (-growth[k] * math.log(frequency[k] + 1), -len(k), k),
        ),
        documents,
        limit,
    )

    def groups(label_of) -> list[dict]:
        members: dict[str, set[int]] = defaultdict(set)
        for index, doc in enumerate(docs):
            label = label_of(doc)
            if label:
                members[label].add(index)
        out = []
        for label, mine in sorted(members.items(), key=lambda g: (-len(g[1]), g[0]))[:GROUPS]:
            ranked = sorted(pool, key=lambda k: -len(documents[k] & mine))
            listed: list[tuple[str, ...]] = []
            for key in ranked:
                here = documents[key] & mine
                if len(here) < 2 or len(listed) == GROUP_TOPICS:
                    break
                if any(len(here & documents[o]) >= SUBSUME * len(here) for o in listed):
                    continue
                listed.append(key)
            out.append(
                {
                    "name": label,
                    "complaints": len(mine),
                    "topics": [(topic(k), len(documents[k] & mine)) for k in listed],
                }
            )
        return out

    return {
        "start": start,
        "end": end,
        "complaints": len(docs),
        "top": sorted((topic(k) for k in pool[:limit]), key=lambda t: -t.count),
        "rising": [topic(k) for k in rising_keys],
        "by_agency": groups(lambda d: d.agency),
        "by_kecamatan": groups(lambda d: d.kecamatan),
    }
