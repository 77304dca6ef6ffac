"""Page-key fingerprints: stable for what can be described, unique per build for what cannot."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest


@pytest.fixture
def fingerprinter() -> type:
    # Imported when the tests run: importing Pelican while tests are collected would make every
    # logger created after it (digest.pipeline's...) drop repeated messages (Pelican's LimitFilter),
    # which tests/test_hostile_build.py's repeated error messages do not expect.
    from digest.fingerprint import Fingerprinter
    return Fingerprinter


class _Opaque:
    """An object with no attributes to describe."""

    __slots__ = ()


class _Holder:
    def __init__(self, **attrs: object) -> None:
        self.__dict__.update(attrs)


def test_describable_values_have_the_same_fingerprint_in_every_build(fingerprinter: type) -> None:
    def value() -> _Holder:
        return _Holder(title="A", when=dt.datetime(2024, 5, 1, tzinfo=ZoneInfo("UTC")),
                       zone=ZoneInfo("Europe/Paris"), tags=["x", "y"], meta={"k": 1})
    assert fingerprinter().of(value()) == fingerprinter().of(value())


def test_time_zones_count_by_name(fingerprinter: type) -> None:
    fp = fingerprinter()
    assert fp.of(_Holder(zone=ZoneInfo("UTC"))) != fp.of(_Holder(zone=ZoneInfo("Asia/Shanghai")))


def test_an_undescribable_value_never_matches_another_build(fingerprinter: type) -> None:
    opaque = _Holder(thing=_Opaque())
    assert fingerprinter().of(opaque) != fingerprinter().of(opaque)
