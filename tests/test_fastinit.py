"""The positional makers build exactly what the attrs classes' own ``__init__`` builds."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure._fastinit import maker
from govdisclosure.parse.api import Provenance
from govdisclosure.parse.tables.tokenize import Token
from govdisclosure.readers.document import Cell, Location, new_cell, new_location

_ints = st.none() | st.integers(min_value=0, max_value=10**6)
_locations = st.builds(Location, line=_ints, page=_ints, table=_ints, row=_ints, column=_ints)


@given(_locations)
def test_location_maker_equals_init(loc: Location) -> None:
    """``new_location`` with a location's fields gives an equal, equally hashed location."""
    made = new_location(loc.line, loc.page, loc.table, loc.row, loc.column)
    assert type(made) is Location
    assert made == loc
    assert hash(made) == hash(loc)
    assert repr(made) == repr(loc)


@given(st.text(max_size=20), st.integers(1, 99), st.integers(1, 99), _locations)
def test_cell_maker_equals_init(text: str, rowspan: int, colspan: int, loc: Location) -> None:
    """``new_cell`` builds the cell ``Cell(...)`` does, and fills the defaults alike."""
    assert new_cell(text, rowspan, colspan, loc) == Cell(
        text=text, rowspan=rowspan, colspan=colspan, location=loc
    )
    assert new_cell(text) == Cell(text=text)


@given(st.text(max_size=20), _locations, st.booleans())
def test_token_and_provenance_makers(text: str, loc: Location, value: bool) -> None:
    """The makers of classes with required fields take them in declaration order."""
    assert maker(Token)(text, loc, value) == Token(text, loc, value)
    assert maker(Provenance)(text, loc) == Provenance(text, loc)


def test_made_objects_stay_frozen() -> None:
    """An object from a maker refuses assignment like any other instance of its class."""
    loc = new_location(3)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        loc.line = 4  # type: ignore[misc]  # the point: a frozen field


def test_refuses_classes_it_cannot_build_exactly() -> None:
    """A validator, a converter, a factory default or a dict class is refused, not ignored."""

    @attrs.frozen
    class Validated:
        x: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.frozen
    class Converted:
        x: int = attrs.field(converter=int)

    @attrs.frozen
    class Factory:
        x: list[int] = attrs.Factory(list)

    @attrs.frozen(slots=False)
    class Unslotted:
        x: int

    for cls in (Validated, Converted, Factory, Unslotted):
        with pytest.raises(TypeError):
            maker(cls)
