"""Stage 1's items: the positional constructor builds what ``Item(...)`` builds."""

from __future__ import annotations

from govdisclosure.parse.items import Item, new_item
from govdisclosure.parse.metadata import Meta
from govdisclosure.readers.document import Location


def test_new_item_equals_the_attrs_constructor() -> None:
    """A paragraph item and a meta item equal the ones ``Item`` builds, field for field."""
    loc = Location(line=3)
    assert new_item("para", "正文", loc) == Item("para", "正文", loc)
    metas = [Meta("/agency/name", "某局", True)]
    made = new_item("meta", "机关名称：某局", loc, metas)
    assert made == Item("meta", "机关名称：某局", loc, metas=metas)
    assert made.metas is metas


def test_new_items_share_no_list() -> None:
    """Each item gets lists of its own, as the attrs factories give."""
    a = new_item("para", "x", Location())
    b = new_item("para", "x", Location())
    a.tokens.append("t")  # type: ignore[arg-type]  # any object shows the list is shared
    a.rows.append([])
    a.metas.append(Meta("/x", "y", False))
    assert (b.tokens, b.rows, b.metas) == ([], [], [])
