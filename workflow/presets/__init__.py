"""SOP presets: one regency's SOP as settings, applied in one step (issue 11).

A preset is a small declarative file in this package (``lumajang_2025.py`` …) holding a
``PRESET`` with its title, the seed it comes from and the values it sets. Every preset owns
the same knobs (``KNOBS``): a knob a preset does not name takes its default, so applying
X, then Y, then X again leaves exactly X — nothing of Y stays behind. Presets change only
settings (SlaPolicy, InstallationSettings, IntakeSettings), never complaints, agencies or the
branding (names, logo, colour, number, domain).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field

from django.db import transaction

# Knob "setting.field" → the settings model it lives on.
MODELS = {
    "sla": "workflow.SlaPolicy",
    "installation": "workflow.InstallationSettings",
    "intake": "pengaduan.IntakeSettings",
}
_SLA_FIELDS = (
    "office_start",
    "office_end",
    "working_weekdays",
    "verify_minutes",
    "verify_working_days",
    "response_hours",
    "response_working_days",
    "reminder_interval_minutes",
    "escalate_after",
    "max_reminders",
    "quiet_start",
    "quiet_end",
    "follow_up_urgent_days",
    "follow_up_normal_days",
    "follow_up_information_days",
    "follow_up_no_inspection_days",
    "follow_up_field_inspection_days",
    "auto_close_working_days",
    "reporter_completion_working_days",
    "digest_time",
)
_INSTALLATION_FIELDS = (
    "time_zone",
    "sms_keyword",
    "sms_short_code",
    "channel_whatsapp",
    "channel_webchat",
    "channel_sms",
    "channel_open311",
    "channel_lapor_import",
    "response_approval_required",
    "report_monthly",
    "report_daily",
    "report_annual",
)
KNOBS: tuple[str, ...] = (
    *(f"sla.{name}" for name in _SLA_FIELDS),
    *(f"installation.{name}" for name in _INSTALLATION_FIELDS),
    "intake.require_nik",
)


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    source: str
    description: str
    values: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def __post_init__(self):
        unknown = set(self.values) - set(KNOBS)
        if unknown:
            raise ValueError(f"Preset {self.name} sets unknown knobs: {sorted(unknown)}")


@dataclass(frozen=True)
class Change:
    knob: str
    label: str
    old: object
    new: object


def _model(prefix: str):
    from django.apps import apps

    return apps.get_model(MODELS[prefix])


def _field(knob: str):
    prefix, name = knob.split(".", 1)
    return _model(prefix)._meta.get_field(name)


def default(knob: str):
    return _field(knob).get_default()


def label(knob: str) -> str:
    prefix, _name = knob.split(".", 1)
    model = _model(prefix)
    return f"{model._meta.verbose_name}: {_field(knob).verbose_name}"


def all_presets() -> dict[str, Preset]:
    """Every preset file in this package, by name."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        preset = getattr(module, "PRESET", None)
        if preset is not None:
            found[preset.name] = preset
    return dict(sorted(found.items()))


def get(name: str) -> Preset:
    presets = all_presets()
    if name not in presets:
        raise KeyError(name)
    return presets[name]


def target_values(preset: Preset) -> dict:
    """Every knob's value under ``preset``: its own values, the defaults for the rest."""
    return {knob: preset.values.get(knob, default(knob)) for knob in KNOBS}


def _current() -> dict:
    rows = {prefix: _model(prefix).load() for prefix in MODELS}
    return {knob: getattr(rows[knob.split(".")[0]], knob.split(".", 1)[1]) for knob in KNOBS}


def plan(preset: Preset) -> list[Change]:
    """What applying ``preset`` would change, knob by knob (empty: already applied)."""
    now = _current()
    return [
        Change(knob, str(label(knob)), now[knob], new)
        for knob, new in target_values(preset).items()
        if now[knob] != new
    ]


@transaction.atomic
def apply(preset: Preset) -> list[Change]:
    """Apply ``preset``; idempotent. Returns what changed."""
    changes = plan(preset)
    by_model: dict[str, list[Change]] = {}
    for change in changes:
        by_model.setdefault(change.knob.split(".")[0], []).append(change)
    for prefix, items in by_model.items():
        row = _model(prefix).load()
        for change in items:
            setattr(row, change.knob.split(".", 1)[1], change.new)
        row.full_clean()
        row.save(update_fields=[c.knob.split(".", 1)[1] for c in items])
    return changes


def show(value) -> str:
    """A value as the operator reads it in the diff."""
    if value is True:
        return "ya"
    if value is False:
        return "tidak"
    if value in ("", None):
        return "(kosong)"
    if hasattr(value, "strftime"):
        return value.strftime("%H:%M")
    return str(value)
