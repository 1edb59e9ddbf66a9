"""Indonesian text normalisation for retrieval and routing, all offline.

WhatsApp Indonesian is abbreviated and informal ("gmn cara ngurus kk yg ilang"): tokens are
lowercased, split on anything that is not a letter or digit, expanded through a slang and
abbreviation dictionary, stripped of stop words and stemmed with Sastrawi (memoised — the
stemmer is slow per word and the vocabulary of complaints is small).
"""

from __future__ import annotations

import re
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Informal spellings and abbreviations seen in WhatsApp messages → the standard word(s).
SLANG = {
    "gmn": "bagaimana", "gimana": "bagaimana", "bgmn": "bagaimana", "gmna": "bagaimana",
    "piye": "bagaimana", "pripun": "bagaimana", "caranya": "cara", "gimane": "bagaimana",
    "sy": "saya", "aku": "saya", "sya": "saya", "q": "saya", "kula": "saya",
    "gk": "tidak", "ga": "tidak", "gak": "tidak", "nggak": "tidak", "ngga": "tidak",
    "enggak": "tidak", "tdk": "tidak", "tak": "tidak", "ndak": "tidak", "ora": "tidak",
    "udh": "sudah", "udah": "sudah", "sdh": "sudah", "dah": "sudah", "wes": "sudah",
    "uwis": "sudah", "blm": "belum", "blum": "belum", "durung": "belum",
    "yg": "yang", "dg": "dengan", "dgn": "dengan", "utk": "untuk", "untk": "untuk",
    "krn": "karena", "karna": "karena", "soale": "karena", "tp": "tapi", "tpi": "tapi",
    "dmn": "dimana", "dmna": "dimana", "endi": "dimana", "kpn": "kapan", "kapn": "kapan",
    "brp": "berapa", "pira": "berapa", "knp": "kenapa", "napa": "kenapa", "opo": "apa",
    "apa2": "apa", "org": "orang", "jln": "jalan", "jl": "jalan", "jl.": "jalan",
    "ktp": "ktp", "e-ktp": "ktp", "ektp": "ktp", "ktpel": "ktp", "kk": "kartu keluarga",
    "akte": "akta", "lhr": "lahir", "kelahiran": "lahir", "bpjs": "bpjs",
    "mo": "mau", "pengen": "ingin", "pingin": "ingin", "pgn": "ingin", "kepingin": "ingin",
    "ngurus": "urus", "ngurusin": "urus", "bikin": "buat", "bkin": "buat", "gawe": "buat",
    "ilang": "hilang", "ilank": "hilang", "rusak2": "rusak", "bolong": "lubang",
    "jeglongan": "lubang", "gede": "besar", "bgt": "sekali", "banget": "sekali",
    "lwt": "lewat", "lewt": "lewat", "lg": "lagi", "lgi": "lagi", "jg": "juga", "aja": "saja",
    "aj": "saja", "sj": "saja",
    "tlg": "tolong", "tolongin": "tolong", "mhn": "mohon", "min": "admin", "mas": "",
    "pak": "", "bu": "", "kak": "", "ya": "", "yah": "", "dong": "", "sih": "", "nih": "",
    "kalo": "kalau", "klo": "kalau", "kl": "kalau", "kalu": "kalau", "bs": "bisa",
    "bsa": "bisa", "isa": "bisa", "iso": "bisa", "sm": "sama", "ama": "sama", "dr": "dari",
    "dri": "dari", "d": "di", "skrg": "sekarang", "skr": "sekarang", "saiki": "sekarang",
    "hrs": "harus", "wkt": "waktu", "hr": "hari", "bln": "bulan", "thn": "tahun",
    "byr": "bayar", "bayare": "bayar", "duit": "uang", "biaya2": "biaya", "gratis": "gratis",
    "daftar2": "daftar", "sklh": "sekolah", "sekolahan": "sekolah", "rs": "rumah sakit",
    "pkm": "puskesmas", "posyandu": "posyandu", "lampu2": "lampu", "pju": "lampu jalan",
    "wa": "whatsapp", "wasap": "whatsapp", "whatsap": "whatsapp", "hp": "telepon",
    "no": "nomor", "nmr": "nomor", "nomer": "nomor", "lapor2": "lapor", "ngadu": "adu",
    "ngelapor": "lapor", "lapur": "lapor", "gas3kg": "gas", "elpiji": "lpg", "melon": "lpg",
    "pbb": "pbb", "sppt": "sppt", "imb": "pbg", "dtks": "dtks", "dtsen": "dtks",
}  # fmt: skip

# Kept although Sastrawi lists them: they carry the meaning of a question.
_KEEP = {
    "cara",
    "kapan",
    "dimana",
    "berapa",
    "syarat",
    "biaya",
    "tidak",
    "belum",
    "baru",
    "hilang",
    "rusak",
    "lama",
}
STOP_WORDS = frozenset(StopWordRemoverFactory().get_stop_words()) - _KEEP | {
    "admin", "tolong", "mohon", "ingin", "mau", "halo", "hai", "assalamualaikum",
    "terima", "kasih", "trims", "makasih", "selamat", "pagi", "siang", "sore", "malam",
}  # fmt: skip

_stemmer = StemmerFactory().create_stemmer()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stem(word)


def words(text: str) -> list[str]:
    """Lowercased words with slang expanded (no stemming, no stop-word removal)."""
    out = []
    for raw in _TOKEN.findall((text or "").lower()):
        expanded = SLANG.get(raw, raw)
        out.extend(expanded.split())
    return out


def tokens(text: str) -> list[str]:
    """Search tokens: expanded, stop words removed, stemmed."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS and len(word) > 1]
