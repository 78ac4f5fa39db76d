"""Errors cross process boundaries whole: an edition built in another process fails with
the same place, message and fix as one built in the command's own."""

from __future__ import annotations

import pickle
from pathlib import Path

from toolkit.errors import FormatError, FormatErrors, Location, StageError, ToolkitError
from toolkit.render.build import BuildRefused


def test_an_error_keeps_its_place_and_fix_through_pickle() -> None:
    where = Location(Path("translations/w/en.md"), 3, 7)
    for error in (
        ToolkitError("bad", where=where, fix="mend it"),
        StageError("pandoc failed", fix="report it"),
        FormatError("no such state", where=where, fix="use auto"),
    ):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert (again.message, again.where, again.fix) == (error.message, error.where, error.fix)
        assert str(again) == str(error)


def test_errors_with_arguments_of_their_own_survive_too() -> None:
    where = Location(Path("w/en.align"), 2)
    many = FormatErrors(Path("w/en.align"), [FormatError("one", where=where, fix="f")])
    again = pickle.loads(pickle.dumps(many))
    assert str(again) == str(many) and len(again.errors) == 1
    refused = BuildRefused([])
    assert str(pickle.loads(pickle.dumps(refused))) == str(refused)
