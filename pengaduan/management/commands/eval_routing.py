import csv
import json
import random
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from pengaduan.routing import Router, keyword_profiles


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
        for text, label in test:
            ranked = [s.label for s in router.suggest(text, limit=3)]
            top1 += bool(ranked) and ranked[0] == label
            top3 += label in ranked
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
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        for key, value in result.items():
            self.stdout.write(f"{key:<14} {value}")
