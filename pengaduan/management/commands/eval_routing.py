import csv
import json
import random
import re
from collections import Counter, defaultdict

from django.core.management.base import BaseCommand, CommandError

from pengaduan.routing import Router, keyword_profiles

# Complaints sent to a kelurahan/kecamatan (or desa) are told by place, not by topic.
TERRITORIAL = re.compile(r"\b(kel(urahan)?|kec(amatan)?|desa|camat|lurah)\b\.?", re.IGNORECASE)


def read(path, text_column, label_column):
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return [
                (row[text_column].strip(), row[label_column].strip())
                for row in csv.DictReader(handle)
                if row.get(text_column, "").strip() and row.get(label_column, "").strip()
            ]
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: {exc}") from exc


class Command(BaseCommand):
    help = (
        "Ukur ketepatan saran OPD pada berkas berlabel (kolom text,agency) tanpa menulis apa "
        "pun: top-1 dan top-3, dibandingkan dengan tebakan kelas terbanyak. Tanpa --train, "
        "berkas dibagi acak (tetap per --seed) menjadi data latih dan data uji."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV berlabel untuk diuji.")
        parser.add_argument("--train", help="CSV berlabel untuk melatih (selain itu: dibagi).")
        parser.add_argument("--test-size", type=float, default=0.25)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--text-column", default="text")
        parser.add_argument("--label-column", default="agency")
        parser.add_argument(
            "--no-keywords", action="store_true", help="Tanpa profil kata kunci OPD."
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, path, **options):
        rows = read(path, options["text_column"], options["label_column"])
        if options["train"]:
            train = read(options["train"], options["text_column"], options["label_column"])
            test = rows
        else:
            random.Random(options["seed"]).shuffle(rows)
            cut = int(len(rows) * (1 - options["test_size"]))
            train, test = rows[:cut], rows[cut:]
        if not train or not test:
            raise CommandError("Data latih atau data uji kosong.")
        keywords = {} if options["no_keywords"] else keyword_profiles()
        router = Router.train(train, keywords)
        top1 = top3 = 0
        per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, top1, top3
        by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for text, label in test:
            ranked = [s.label for s in router.suggest(text, limit=3)]
            first = bool(ranked) and ranked[0] == label
            top1 += first
            top3 += label in ranked
            kind = "territorial" if TERRITORIAL.search(label) else "sectoral"
            for row in (per_label[label], by_kind[kind]):
                row[0] += 1
                row[1] += first
                row[2] += label in ranked
        frequent = [label for label, _n in Counter(label for _t, label in train).most_common(3)]
        baseline1 = sum(label == frequent[0] for _t, label in test)
        baseline3 = sum(label in frequent for _t, label in test)
        result = {
            "train": len(train),
            "test": len(test),
            "labels": len({label for _t, label in train}),
            "top1": round(top1 / len(test), 3),
            "top3": round(top3 / len(test), 3),
            "majority_top1": round(baseline1 / len(test), 3),
            "majority_top3": round(baseline3 / len(test), 3),
            "keywords": not options["no_keywords"],
            "blend": router.blend,
            "kinds": {
                kind: {
                    "share": round(n / len(test), 3),
                    "top1": round(one / n, 3),
                    "top3": round(three / n, 3),
                }
                for kind, (n, one, three) in sorted(by_kind.items())
            },
            "per_agency_recall": {
                label: {"n": n, "top1": round(one / n, 3), "top3": round(three / n, 3)}
                for label, (n, one, three) in sorted(per_label.items(), key=lambda i: -i[1][0])
            },
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        for key, value in result.items():
            if key == "per_agency_recall":
                self.stdout.write("ketepatan per OPD (jumlah uji, top-1, top-3):")
                for label, row in value.items():
                    self.stdout.write(
                        f"  {label:<40} {row['n']:>5} {row['top1']:.3f} {row['top3']:.3f}"
                    )
            else:
                self.stdout.write(f"{key:<14} {value}")
