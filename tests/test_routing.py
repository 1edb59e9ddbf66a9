"""Agency suggestion: learned from past dispositions and imported history, plus keywords."""

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from pengaduan.models import RoutingExample, RoutingModel
from pengaduan.routing import Router, retrain, suggest
from workflow.states import Status

from .factories import AgencyFactory

LABELLED = Path(__file__).resolve().parent.parent / "pengaduan" / "data" / "routing_labelled.csv"


@pytest.fixture
def agencies(db):
    return {
        name: AgencyFactory(short_name=name, name=f"Dinas {name}", keywords=keywords)
        for name, keywords in [
            ("DPUTR", "jalan, jembatan, berlubang"),
            ("DLH", "sampah, limbah"),
            ("DISHUB", "lampu jalan, parkir liar"),
            ("DINKES", ""),
        ]
    }


def write_csv(path, rows, header="isi,opd"):
    path.write_text(
        header + "\n" + "\n".join(f'"{t}",{a}' for t, a in rows) + "\n", encoding="utf-8"
    )
    return path


def test_import_complaints_maps_columns_and_is_idempotent(agencies, tmp_path):
    path = write_csv(
        tmp_path / "riwayat.csv",
        [
            ("Jalan desa berlubang dalam sekali", "DPUTR"),
            ("Sampah menumpuk di pinggir sungai", "dinas dlh"),
            ("Antrean puskesmas lama sekali", "dinkes"),
        ],
    )
    out = StringIO()
    call_command("import_complaints", str(path), "--columns", "text=isi,agency=opd", stdout=out)
    assert "3 contoh baru" in out.getvalue()
    call_command("import_complaints", str(path), "--columns", "text=isi,agency=opd", stdout=out)
    assert RoutingExample.objects.count() == 3
    assert RoutingExample.objects.filter(agency=agencies["DLH"]).count() == 1


def test_import_complaints_refuses_the_whole_file_on_a_bad_row(agencies, tmp_path):
    path = write_csv(
        tmp_path / "salah.csv",
        [("Jalan rusak", "DPUTR"), ("Tidak jelas", "DINAS-ANTAH")],
        header="text,agency",
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("import_complaints", str(path))
    assert "baris 3: OPD 'DINAS-ANTAH' tidak dikenal" in str(excinfo.value)
    assert not RoutingExample.objects.exists()


def test_suggestions_learn_from_accepted_dispositions(agencies, make_complaint):
    # DINKES has no keywords: only what its past complaints say can point to it.
    for text in [
        "Antrean pasien di puskesmas sangat lama, dokter datang siang.",
        "Puskesmas tutup padahal jam layanan, pasien terlantar.",
        "Petugas puskesmas kasar kepada pasien lansia.",
    ]:
        make_complaint(Status.RESPONDED, to_agency=agencies["DINKES"], text=text)
    retrain()
    [(top, suggestion), *_rest] = suggest("Pasien puskesmas menunggu dokter berjam-jam")
    assert top == agencies["DINKES"]
    assert "aduan serupa" in suggestion.reason


def test_keywords_alone_route_when_there_is_no_history(agencies):
    [(top, suggestion), *_] = suggest("Jembatan di dusun kami berlubang dan hampir putus")
    assert top == agencies["DPUTR"]
    assert "kata kunci" in suggestion.reason


def test_a_disposition_the_agency_returned_is_not_learned(agencies, make_complaint):
    make_complaint(
        Status.RETURNED_BY_AGENCY,
        to_agency=agencies["DINKES"],
        text="Lampu jalan mati total di desa",
    )
    retrain()
    assert RoutingModel.objects.get().examples == 0


def test_the_router_round_trips_through_json():
    router = Router.train(
        [("jalan rusak berlubang", "DPUTR"), ("sampah menumpuk", "DLH")], {"DLH": ["sampah"]}
    )
    again = Router.from_json(json.loads(json.dumps(router.to_json())))
    assert [s.label for s in again.suggest("sampah di jalan menumpuk")] == [
        s.label for s in router.suggest("sampah di jalan menumpuk")
    ]


def test_suggest_agency_command(agencies):
    out = StringIO()
    call_command("suggest_agency", "parkir liar di depan pasar", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows[0]["agency"] == "DISHUB"
    assert len(rows) <= 3


def test_eval_routing_beats_the_majority_baseline_without_writing(db):
    out = StringIO()
    call_command("eval_routing", str(LABELLED), "--seed", "7", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["test"] >= 100
    assert result["top1"] >= 0.6
    assert result["top3"] >= 0.8
    assert result["top1"] > result["majority_top1"] + 0.4
    assert not RoutingModel.objects.exists()
    assert not RoutingExample.objects.exists()


def test_the_dispatch_form_shows_and_preselects_the_suggestion(
    client, admin_user, agencies, make_complaint
):
    complaint = make_complaint(text="Jalan menuju pasar berlubang besar, motor sering jatuh.")
    client.force_login(admin_user)
    page = client.get(
        reverse(
            "wagtailsnippets_pengaduan_complaint:action", args=["verify_and_dispatch", complaint.pk]
        )
    )
    body = page.content.decode()
    assert "Saran OPD" in body
    assert f'<option value="{agencies["DPUTR"].pk}" selected>' in body


def test_retraining_is_scheduled():
    from dramatiq_crontab import scheduler

    import pengaduan.tasks  # noqa: F401 - registers the jobs

    assert "retrain_routing" in {job.name for job in scheduler.get_jobs()}


def test_character_ngrams_route_a_spelling_no_word_shares():
    from pengaduan.routing_linear import LinearModel

    pairs = [
        ("jalan berlubang dalam sekali", "DPUTR"),
        ("aspal berlubang di tikungan desa", "DPUTR"),
        ("jembatan retak dan berlubang", "DPUTR"),
        ("sampah menumpuk di pasar", "DLH"),
        ("bau sampah busuk dari TPS", "DLH"),
        ("tumpukan sampah liar di sungai", "DLH"),
    ]
    router = Router.train(pairs, {}, choose_blend=False)
    # "berlobang" stems to a word no example has: only its letters point to DPUTR.
    assert router.evidence("berlobang parah").votes == {}
    decision = LinearModel.from_json(json.loads(json.dumps(router.linear.to_json()))).decision(
        "berlobang parah"
    )
    assert max(decision, key=decision.get) == "DPUTR"
    assert router.suggest("berlobang parah")[0].label == "DPUTR"


def test_the_blend_is_chosen_by_cross_validation_on_the_training_data():
    from pengaduan.routing import BLEND_GRID, TEMPERATURES

    with open(LABELLED, encoding="utf-8") as handle:
        rows = [(r["text"], r["agency"]) for r in csv.DictReader(handle)]
    router = Router.train(rows[:200], {})
    assert router.blend["linear"] in BLEND_GRID["linear"]
    assert router.blend["keywords"] in BLEND_GRID["keywords"]
    assert router.blend["temperature"] in TEMPERATURES
    again = Router.from_json(json.loads(json.dumps(router.to_json())))
    assert again.blend == router.blend
    sample = rows[250][0]
    assert [s.label for s in again.suggest(sample)] == [s.label for s in router.suggest(sample)]


def test_eval_routing_reports_recall_per_agency_and_territorial_complaints(db, tmp_path):
    rows = [(f"Jalan desa nomor {i} berlubang", "DPUTR") for i in range(12)]
    rows += [(f"Sampah menumpuk di blok {i}", "DLH") for i in range(12)]
    rows += [
        (f"Surat pengantar RT di kantor kelurahan lambat {i}", "Kelurahan Jogoyudan")
        for i in range(8)
    ]
    path = write_csv(tmp_path / "riwayat.csv", rows, header="text,agency")
    out = StringIO()
    call_command("eval_routing", str(path), "--no-keywords", "--json", stdout=out)
    result = json.loads(out.getvalue())
    recall = result["per_agency_recall"]
    assert set(recall) <= {"DPUTR", "DLH", "Kelurahan Jogoyudan"}
    assert sum(row["n"] for row in recall.values()) == result["test"]
    kinds = result["kinds"]
    assert set(kinds) <= {"sectoral", "territorial"}
    territorial = sum(row["n"] for label, row in recall.items() if label.startswith("Kelurahan"))
    assert kinds.get("territorial", {"share": 0})["share"] == round(territorial / result["test"], 3)


def test_a_category_keyword_points_to_the_category_agency(agencies):
    from pengaduan.models import Category

    Category.objects.create(
        code="drainase", name="Saluran air", agency=agencies["DPUTR"], keywords="gorong-gorong"
    )
    [(top, suggestion), *_] = suggest("Gorong-gorong depan sekolah mampet total")
    assert top == agencies["DPUTR"]
    assert "gorong" in suggestion.reason
