"""Every command and option is documented in the README (as datasette and sqlite-utils do)."""

import re
from pathlib import Path

import click
import pytest

from trucewatch.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name):
    assert f"trucewatch {name}" in README


@pytest.mark.parametrize(
    "name, option",
    [
        (name, opt)
        for name in COMMANDS
        for param in cli.commands[name].params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--")
    ],
)
def test_option_is_documented(name, option):
    row = next(
        (line for line in README.splitlines() if line.startswith(f"| `trucewatch {name}")), ""
    )
    assert option in row, f"{option} of {name} missing from the README's command table"


def test_settings_are_documented():
    source = (
        Path(__file__).resolve().parent.parent / "src" / "trucewatch" / "config.py"
    ).read_text("utf-8")
    for variable in set(re.findall(r"TRUCEWATCH_[A-Z_]+", source)):
        assert f"`{variable}`" in README, variable


def test_error_codes_are_documented():
    from trucewatch import errors

    for name in dir(errors):
        cls = getattr(errors, name)
        if (
            isinstance(cls, type)
            and issubclass(cls, errors.InputError)
            and cls is not errors.InputError
        ):
            assert cls.code in README, cls.__name__
