"""The deployment files in deploy/ and the Procfile stay in step with the code (docs/deploy.md)."""

import configparser
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands
from honcho.environ import parse_procfile

from .test_setup import run_settings

ROOT = Path(__file__).resolve().parent.parent
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))


def env_example() -> dict[str, str]:
    lines = (ROOT / "deploy" / "env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return dict(pairs)


def manage_command(argv: list[str]) -> str | None:
    if "manage.py" in argv:
        return argv[argv.index("manage.py") + 1]
    return None


def test_the_procfile_runs_web_worker_and_scheduler():
    procfile = parse_procfile((ROOT / "Procfile").read_text())
    assert set(procfile.processes) == {"web", "worker", "scheduler"}
    commands = get_commands()
    for name, command in procfile.processes.items():
        argv = shlex.split(command)
        sub = manage_command(argv)
        if sub:
            assert sub in commands, f"{name}: manage.py {sub} does not exist"
        else:
            assert argv[:2] == ["gunicorn", "sambat_site.wsgi"]


@pytest.mark.parametrize("unit", UNITS, ids=lambda path: path.name)
def test_each_systemd_unit_parses_and_runs_a_real_command(unit):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(unit.read_text())
    assert set(parser.sections()) == {"Unit", "Service", "Install"}
    service = parser["Service"]
    assert service["EnvironmentFile"] == "/etc/sambat/env"
    assert service["Restart"] == "always"
    argv = shlex.split(service["ExecStart"])
    assert argv[0].startswith("/srv/sambat/app/.venv/bin/")
    sub = manage_command(argv)
    if sub:
        assert sub in get_commands()
    else:
        assert Path(argv[0]).name == "gunicorn" and argv[1] == "sambat_site.wsgi"
    # Every ${VARIABLE} the unit expands must come from the environment file.
    for word in argv:
        if word.startswith("${"):
            assert word[2:-1] in env_example(), f"{unit.name}: {word} is not in env.example"


def test_the_three_processes_have_units():
    names = {unit.name for unit in UNITS}
    assert names == {"sambat-web.service", "sambat-worker@.service", "sambat-scheduler.service"}


def test_the_example_environment_starts_production():
    env = env_example()
    # The example's hosts are placeholders; the check needs services that answer here.
    env.update(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        REDIS_URL="redis://127.0.0.1:6379/0",
        SECRET_KEY="x" * 60 + "-example-environment",
    )
    result = run_settings(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_proxy_sets_the_client_address_itself():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    # One trusted hop: the proxy overwrites X-Forwarded-For instead of appending to it.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "$proxy_add_x_forwarded_for" not in conf
