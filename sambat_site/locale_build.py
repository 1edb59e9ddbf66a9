"""Compile the project's translation catalogues (``locale/*/LC_MESSAGES/*.po``) to ``.mo``.

The install step runs ``python -m sambat_site.locale_build``; the quickstart and the test
session run it too, so a ``git pull`` that changed a catalogue never serves stale text.
It is plain Python (no GNU gettext ``msgfmt`` needed) and only rewrites a ``.mo`` that is
older than its ``.po``.

The catalogues hold the Indonesian text of the Wagtail and Django admin strings that their
own Indonesian catalogues leave in English (LOCALE_PATHS comes before every app's catalogue).
"""

from __future__ import annotations

import ast
import re
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")


@dataclass
class Entry:
    msgid: str
    msgstr: list[str]
    msgctxt: str | None = None
    msgid_plural: str | None = None
    fuzzy: bool = False

    @property
    def key(self) -> str:
        key = self.msgid if self.msgid_plural is None else f"{self.msgid}\0{self.msgid_plural}"
        return key if self.msgctxt is None else f"{self.msgctxt}\x04{key}"


class CatalogueError(ValueError):
    pass


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """The entries of a PO file, the header (msgid "") included. Obsolete (#~) entries are
    skipped; a syntax error names the line."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    last: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal fields, last, fuzzy
        if "msgid" in fields:
            strings = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr"))]
            entries.append(
                Entry(
                    msgid=fields["msgid"],
                    msgstr=strings,
                    msgctxt=fields.get("msgctxt"),
                    msgid_plural=fields.get("msgid_plural"),
                    fuzzy=fuzzy,
                )
            )
        elif fields:
            raise CatalogueError(f"{name}: an entry without msgid")
        fields, last, fuzzy = {}, None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if last is not None and last.startswith("msgstr"):
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        match = _KEYWORD.match(line)
        try:
            if match:
                keyword, value = match[1], ast.literal_eval(match[2])
                if (
                    keyword in ("msgctxt", "msgid")
                    and last is not None
                    and last.startswith("msgstr")
                ):
                    flush()
                fields[keyword] = value
                last = keyword
            elif line.startswith('"') and last is not None:
                fields[last] += ast.literal_eval(line)
            else:
                raise CatalogueError(f"{name}:{number}: cannot read {line[:40]!r}")
        except (SyntaxError, ValueError) as error:
            raise CatalogueError(f"{name}:{number}: {error}") from error
    flush()
    return entries


def write_mo(entries: list[Entry]) -> bytes:
    """The GNU .mo bytes of the translated, non-fuzzy entries (and the header)."""
    pairs = {}
    for entry in entries:
        if entry.fuzzy and entry.msgid:
            continue
        if entry.msgid and not any(entry.msgstr):
            continue
        pairs[entry.key.encode()] = "\0".join(entry.msgstr).encode()
    keys = sorted(pairs)
    ids = b"".join(key + b"\0" for key in keys)
    strs = b"".join(pairs[key] + b"\0" for key in keys)
    count = len(keys)
    ids_start = 7 * 4 + count * 16
    strs_start = ids_start + len(ids)
    offsets, id_pos, str_pos = [], 0, 0
    for key in keys:
        offsets.append((len(key), ids_start + id_pos, len(pairs[key]), strs_start + str_pos))
        id_pos += len(key) + 1
        str_pos += len(pairs[key]) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    table_ids = b"".join(struct.pack("<2I", length, offset) for length, offset, _, _ in offsets)
    table_strs = b"".join(struct.pack("<2I", length, offset) for _, _, length, offset in offsets)
    return header + table_ids + table_strs + ids + strs


def compile_all(locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Compile every stale catalogue under ``locale_dir``; the .mo files written."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        data = write_mo(parse_po(po.read_text(encoding="utf-8"), str(po)))
        temporary = mo.with_suffix(".mo.tmp")
        temporary.write_bytes(data)
        temporary.replace(mo)  # atomic: a running server never reads half a file
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all(force="--force" in sys.argv):
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
