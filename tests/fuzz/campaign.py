"""A long, reproducible fuzz campaign: N inputs per target, each under a watchdog, in workers.

Run it as a script (pytest does not collect it)::

    python tests/fuzz/campaign.py --inputs 100000 --seed 1 --out /tmp/fuzz-out

Every input is made from ``(seed, target, index)`` alone (seeded random mutations of the test
fixtures and generated pieces), so any input is reproduced with ``--replay TARGET INDEX``. The
inputs run in one worker subprocess at a time; the parent gives each input
:data:`LIMIT_SECONDS` of wall-clock time (``--limit``) and kills the worker when it takes longer:
that input is a *hang* and is saved to the output folder. An exception that the target does not
document (anything but ``ReaderError``/``ParseError`` from ``parse``, ``ReportError`` from
``loads``, nothing from ``validate`` and the command line) or a broken promise (a lone surrogate
in a document, an exit status other than 0, 1 or 2, output that is not UTF-8 JSON) is *foreign*,
and saved with its traceback. One input in :data:`SAMPLE_EVERY` runs under ``tracemalloc``; its
peak must stay within :func:`memory_bound` of its size.

The last lines printed are a table of counts per target: inputs, foreign exceptions, hangs,
memory-bound violations, the slowest input's seconds and the largest peak per input byte.
The exit status is 1 when anything foreign, hung or over the bound was found.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

#: The campaign's wall-clock limit per input, in seconds: far below the library's own limits
#: (``MAX_PARSE_SECONDS``, ``MAX_PDF_SECONDS``), since every input here is small.
LIMIT_SECONDS = 10.0
#: An input slower than this is named in the log (not counted as a hang).
SLOW_SECONDS = 1.0
#: One input in this many runs under tracemalloc (tracing slows a call about threefold).
SAMPLE_EVERY = 20
#: The memory bound: a peak of at most ``BASE_BYTES + PER_BYTE * input bytes``.
BASE_BYTES = 32 * 1024 * 1024
PER_BYTE = 200
#: The peak per input byte is reported for inputs of at least this size (below it, the fixed
#: cost of a call dominates and the ratio says nothing).
PER_BYTE_FROM = 4096

#: The targets and their share of the inputs (the binary formats cost more per input).
WEIGHTS: dict[str, float] = {
    "loads": 0.17,
    "validate": 0.17,
    "parse-text": 0.2,
    "parse-html": 0.15,
    "parse-pdf": 0.12,
    "parse-docx": 0.12,
    "cli": 0.07,
}
TARGETS = tuple(WEIGHTS)
#: Inputs a worker runs before it is replaced (so that a slow leak shows, and stays bounded).
WORKER_INPUTS = 2000


def memory_bound(size: int) -> int:
    """The largest tracemalloc peak allowed for an input of ``size`` bytes."""
    return BASE_BYTES + PER_BYTE * size


def counts(total: int) -> dict[str, int]:
    """How many of ``total`` inputs each target gets, by :data:`WEIGHTS` (at least one each)."""
    share = {t: max(1, int(total * w)) for t, w in WEIGHTS.items()}
    share["parse-text"] += max(0, total - sum(share.values()))
    return share


# -- Inputs -----------------------------------------------------------------------------------

#: The options of ``parse`` the command-line inputs combine at random.
PARSE_OPTIONS = [
    "--jsonl",
    "--validate",
    "--provenance",
    "--quiet",
    "--lang=zh",
    "--lang=en",
    "--input-format=html",
    "--input-format=text",
]

PIECES = (
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "<td colspan=99999>",
    "<th rowspan='7'>",
    "</td>",
    "<div>",
    "</div>",
    "<p>",
    "<br>",
    "<script>",
    "</script>",
    'document.write("',
    '\\"',
    "\\u003c",
    "\\ud800",
    "&#xD800;",
    "&#55296;",
    "&nbsp;",
    "<meta charset='rot13'>",
    "<!--",
    "-->",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "（一）",
    "（二）",
    "|",
    "｜",
    "1",
    "约5",
    "-",
    "\n",
    " ",
    "\t",
    "年度报告",
    "2023年",
    "2023年1月1日至2023年12月31日",
    "<table",
    ">",
    "<",
    "\x00",
    "\udcc4",
    "1-2-3-4-5",
    "1,2,3,4",
    "1.5",
    "99999999999999999999",
    "—",
    "/",
    "自然人",
    "商业企业",
    "总计",
    "本年新收政府信息公开申请数量",
    "联系电话：0571-12345678",
    "某市某局",
    "人民政府办公室",
    "收费",
    "元",
    "件",
    "%",
    "１２３",
    "二〇二三年",
)
#: Characters that regexes repeat: long runs of them probe back-tracking.
RUNS = (
    "|",
    "｜",
    " ",
    "1",
    "1-",
    "1,",
    "1.",
    "-",
    "—",
    "（一）",
    "<table",
    "<td>",
    '\\"',
    "一",
    "年",
    "0571-",
    "&nbsp;",
    "<",
    "\n",
    "\n|",
    "约",
)


def _fixtures(suffix: str) -> list[str]:
    root = ROOT / "tests" / "fixtures" / "parse"
    return [p.read_text("utf-8", "replace") for p in sorted(root.glob(f"*/source{suffix}"))]


def _json_fixtures() -> list[str]:
    root = ROOT / "tests" / "fixtures" / "parse"
    return [p.read_text("utf-8") for p in sorted(root.glob("*/expected.json"))][:20]


def mutate_text(rng: random.Random, text: str, pieces: tuple[str, ...], cap: int) -> str:
    """``text`` after 1 to 8 random edits (inserts, cuts, copies, long runs), at most ``cap``."""
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.3:
            text = text[:at] + rng.choice(pieces) + text[at:]
        elif op < 0.45 and text:
            end = min(len(text), at + rng.randint(1, 200))
            text = text[:at] + text[end:]
        elif op < 0.6 and text:
            end = min(len(text), at + rng.randint(1, 100))
            text = text[:at] + text[at:end] * rng.randint(2, 20) + text[at:]
        elif op < 0.75:
            run = rng.choice(RUNS) * rng.randint(50, 3000)
            text = text[:at] + run + rng.choice(("", "x", "|a", "年", "\n")) + text[at:]
        elif op < 0.9:
            text = (
                text[:at]
                + chr(
                    rng.choice(
                        (
                            rng.randint(0, 0x2FFF),
                            rng.randint(0x4E00, 0x9FFF),
                            rng.randint(0xD800, 0xDFFF),
                            rng.randint(0xE000, 0x10FFFF),
                        )
                    )
                )
                + text[at:]
            )
        else:
            text = (
                text[:at]
                + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
                + text[at:]
            )
        if len(text) > cap:
            start = rng.randint(0, len(text) - cap)
            text = text[start : start + cap]
    return text


def glued(rng: random.Random, pieces: tuple[str, ...], count: int) -> str:
    """Random pieces glued together."""
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, count)))


def window(rng: random.Random, text: str, size: int) -> str:
    """A random stretch of ``text`` of at most ``size`` characters (all of it, sometimes)."""
    if len(text) <= size or rng.random() < 0.1:
        return text
    start = rng.randint(0, len(text) - size)
    return text[start : start + size]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    """``data`` with 1 to 20 bytes overwritten and, sometimes, cut short."""
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if damaged:
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    if damaged and rng.random() < 0.3:
        del damaged[rng.randrange(len(damaged)) :]
    return bytes(damaged)


# -- PDF: the fixtures' PDFs, with plain (uncompressed) content streams to mutate -------------

_OBJ = re.compile(rb"(\d+) 0 obj\n(.*?)endobj\n", re.S)
_STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", re.S)
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")


def _plain(body: bytes) -> bytes:
    """An object with its ASCII85/Flate stream decoded and stored plainly."""
    m = _STREAM.search(body)
    if m is None or b"FlateDecode" not in m.group(1):
        return body
    raw = m.group(2).strip()
    try:
        data = zlib.decompress(base64.a85decode(raw, adobe=raw.startswith(b"<~")))
    except ValueError:
        try:
            data = zlib.decompress(
                base64.a85decode(raw + (b"" if raw.endswith(b"~>") else b"~>"), adobe=False)
            )
        except (ValueError, zlib.error):
            return body
    except zlib.error:
        return body
    return b"<< /Length %d >>\nstream\n%s\nendstream\n" % (len(data) + 1, data)


def pdf_objects(pdf: bytes) -> tuple[dict[int, bytes], bytes]:
    """The objects of a reportlab PDF (streams decoded) and its trailer dictionary."""
    objects = {int(m.group(1)): _plain(m.group(2)) for m in _OBJ.finditer(pdf)}
    start = pdf.rfind(b"trailer")
    trailer = pdf[start + len(b"trailer") : pdf.rfind(b"startxref")].strip()
    return objects, trailer


def pdf_build(objects: dict[int, bytes], trailer: bytes) -> bytes:
    """A PDF of ``objects`` with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\x93\x8c\x8b\x9e\n")
    size = max(objects, default=0) + 1
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%sendobj\n" % (number, objects[number]))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        at = offsets.get(number)
        out.write(b"%010d 00000 n \n" % at if at is not None else b"0000000000 65535 f \n")
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer)
    out.write(b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))
    return out.getvalue()


_HUGE = (
    b"9" * 400,
    b"1e308",
    b"-99999999999999999999",
    b"0.000000000000000000001",
    b"340282366920938463463374607431768211457",
    b"NaN",
    b"-0",
    b"1" * 5000,
)
_OPERATORS = (
    b"q ",
    b"Q ",
    b"BT ",
    b"ET ",
    b"(x) Tj ",
    b"[(a) -99999 (b)] TJ ",
    b"1 0 0 1 0 0 cm ",
    b"/F2 99999 Tf ",
    b"0 -99999 Td ",
    b"T* ",
    b"re f ",
    b"0 0 m 1 1 l S ",
    b"<FEFF> Tj ",
    b"/F9 1 Tf ",
    b"9999 Tz ",
    b"0 0 99999 99999 re S ",
)


def mutate_pdf(
    rng: random.Random, seeds: list[tuple[dict[int, bytes], bytes]], raw: list[bytes]
) -> bytes:
    """A damaged PDF: spliced objects, huge numbers or operators in its content, flipped bytes."""
    op = rng.random()
    if op < 0.25:
        return flip_bytes(rng, rng.choice(raw))
    objects, trailer = rng.choice(seeds)
    objects = dict(objects)
    streams = [n for n, body in objects.items() if b"stream\n" in body and b"Filter" not in body]
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.35 and streams:
            n = rng.choice(streams)
            numbers = list(_NUMBER.finditer(objects[n]))
            if numbers:
                m = rng.choice(numbers)
                body = objects[n]
                objects[n] = body[: m.start()] + rng.choice(_HUGE) + body[m.end() :]
        elif kind < 0.6 and streams:
            n = rng.choice(streams)
            body = objects[n]
            at = (
                body.find(b"stream\n")
                + 7
                + rng.randint(0, max(0, body.find(b"endstream") - body.find(b"stream\n") - 7))
            )
            objects[n] = body[:at] + rng.choice(_OPERATORS) * rng.randint(1, 2000) + body[at:]
        elif kind < 0.85:
            donor, _ = rng.choice(seeds)
            objects[rng.choice(list(objects))] = rng.choice(list(donor.values()))
        else:
            objects.pop(rng.choice(list(objects)), None)
    data = pdf_build(objects, trailer)
    return flip_bytes(rng, data) if rng.random() < 0.2 else data


# -- Word -------------------------------------------------------------------------------------

DOCX_PIECES = (
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>",
    "</w:t></w:r>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    '<w:gridSpan w:val="99999"/>',
    '<w:vMerge w:val="restart"/>',
    "<w:vMerge/>",
    "&#xD800;",
    "&#0;",
    "&amp;",
    "&undefined;",
    "<!DOCTYPE x [<!ENTITY e 'x'>]>",
    "]]>",
    "<![CDATA[",
    "一、总体情况",
    "1",
    "|",
    "<w:tcPr>",
    "</w:tcPr>",
    "<w:br/>",
    "<w:tab/>",
)


def mutate_docx(rng: random.Random, seeds: list[bytes]) -> bytes:
    """A damaged .docx: its XML edited and zipped again, members dropped, or bytes flipped."""
    data = rng.choice(seeds)
    if rng.random() < 0.2:
        return flip_bytes(rng, data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {name: z.read(name) for name in z.namelist()}
    if rng.random() < 0.1:
        members.pop(rng.choice(list(members)))
    name = "word/document.xml"
    if name in members:
        xml = members[name].decode("utf-8")
        members[name] = mutate_text(rng, xml, DOCX_PIECES, 200_000).encode("utf-8", "surrogatepass")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for member, content in members.items():
            z.writestr(member, content)
    return out.getvalue()


# -- JSON -------------------------------------------------------------------------------------

JSON_PIECES = (
    "{",
    "}",
    "[",
    "]",
    '"',
    ":",
    ",",
    "null",
    "1e999",
    "-0",
    "99999999999999999999999",
    '"\\ud800"',
    "NaN",
    "true",
    '"a"',
    "0.5",
    "-1",
    '"2023-02-30"',
    "[" * 50,
    '{"":',
)


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice((0, -1, 1, 2**53, 2**64, -(2**70), 10**400))
    if kind == 2:
        return rng.choice((0.5, -0.0, 1e300, 1.5))
    if kind == 3:
        return rng.choice(
            ("", "x", "2023-01-01", "2023-13-45", "\ud800", "一" * 1000, "2021", "county")
        )
    if kind == 4:
        return rng.choice((True, False))
    if kind in (5, 6):
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {
        rng.choice(("a", "year", "name", "value", "rows", "")): _random_value(rng, depth + 1)
        for _ in range(rng.randint(0, 4))
    }


def _edit(rng: random.Random, obj: Any) -> Any:
    """``obj`` with one value somewhere replaced by a random one."""
    if isinstance(obj, dict) and obj and rng.random() < 0.8:
        key = rng.choice(list(obj))
        obj[key] = _edit(rng, obj[key]) if rng.random() < 0.7 else _random_value(rng)
        return obj
    if isinstance(obj, list) and obj and rng.random() < 0.8:
        k = rng.randrange(len(obj))
        obj[k] = _edit(rng, obj[k]) if rng.random() < 0.7 else _random_value(rng)
        return obj
    return _random_value(rng)


def _dump(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")


def make_json(rng: random.Random, seeds: list[str]) -> bytes:
    """A report as JSON, damaged: values replaced, text edited, nested deep, or random bytes."""
    op = rng.random()
    if op < 0.5:
        obj = json.loads(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            obj = _edit(rng, obj)
        return _dump(obj)
    if op < 0.8:
        return mutate_text(rng, rng.choice(seeds), JSON_PIECES, 40_000).encode(
            "utf-8", "surrogatepass"
        )
    if op < 0.9:
        depth = rng.randint(10, 5000)
        return ("[" * depth + "1" + "]" * depth * rng.randint(0, 1)).encode()
    return rng.randbytes(rng.randint(0, 600))


# -- The targets ------------------------------------------------------------------------------


class Foreign(Exception):
    """A broken promise (not an exception the target raised)."""


@dataclass
class Corpus:
    """The seeds every input is made from (built once per worker)."""

    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    jsons: list[str] = field(default_factory=list)
    pdfs: list[bytes] = field(default_factory=list)
    pdf_objects: list[tuple[dict[int, bytes], bytes]] = field(default_factory=list)
    docxs: list[bytes] = field(default_factory=list)


def corpus() -> Corpus:
    """The seeds: the parse fixtures, the test PDFs and a Word report."""
    sys.path.insert(0, str(ROOT))
    from tests import _pdfgen as gen

    c = Corpus(
        texts=_fixtures(".txt") + _fixtures(".md"), htmls=_fixtures(".html"), jsons=_json_fixtures()
    )
    c.pdfs = [
        gen.ruled_pdf(),
        gen.text_pdf(),
        gen.text_pdf(staggered=True),
        gen.lines_pdf([[(100, "一、总体情况")], [(100, "1"), (300, "2")]]),
        gen.blank_pdf(),
    ]
    c.pdf_objects = [pdf_objects(p) for p in c.pdfs]
    try:
        from tests.test_docx import build_docx

        c.docxs = [build_docx()]
    except ImportError:  # python-docx not installed: the reader is skipped too
        c.docxs = []
    return c


def make_input(c: Corpus, target: str, rng: random.Random) -> tuple[Any, dict[str, Any]]:
    """The input for ``target`` drawn from ``rng``, and any options it runs with."""
    if target in ("loads", "validate"):
        return make_json(rng, c.jsons), {"as_object": rng.random() < 0.3}
    if target == "parse-text":
        if rng.random() < 0.15:
            return glued(rng, PIECES, 300), {}
        return mutate_text(rng, window(rng, rng.choice(c.texts), 6000), PIECES, 64_000), {}
    if target == "parse-html":
        if rng.random() < 0.15:
            return glued(rng, PIECES, 300), {}
        return mutate_text(rng, window(rng, rng.choice(c.htmls), 20_000), PIECES, 64_000), {}
    if target == "parse-pdf":
        return mutate_pdf(rng, c.pdf_objects, c.pdfs), {}
    if target == "parse-docx":
        return (mutate_docx(rng, c.docxs) if c.docxs else b""), {}
    # cli: 1 to 3 files of any kind, with random options, then validate of what parse wrote
    files = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("a.txt", "b.html", "c.json", "d.pdf", "e.docx", "f.doc", "g"))
        if kind == "d.pdf":
            content = mutate_pdf(rng, c.pdf_objects, c.pdfs)
        elif kind == "e.docx" and c.docxs:
            content = mutate_docx(rng, c.docxs)
        elif kind == "c.json":
            content = make_json(rng, c.jsons)
        else:
            content = mutate_text(
                rng, window(rng, rng.choice(c.texts + c.htmls), 3000), PIECES, 8000
            ).encode("utf-8", "surrogatepass")
        files.append((kind, content))
    options = rng.sample(PARSE_OPTIONS, rng.randint(0, 3))
    return files, {"options": options, "gbk": rng.random() < 0.3}


def size_of(payload: Any) -> int:
    """The input's size in bytes (the CLI's: all its files)."""
    if isinstance(payload, bytes):
        return len(payload)
    if isinstance(payload, str):
        return len(payload.encode("utf-8", "surrogatepass"))
    return sum(len(content) for _, content in payload)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_result(result: Any) -> None:
    import govdisclosure as g

    if result.report is not None:
        g.dumps(result.report).encode("utf-8")
    for f in result.findings:
        if _SURROGATE.search(f.message_zh + f.message_en):
            raise Foreign(f"a lone surrogate in a finding: {f.rule}")


def _run_cli(argv: list[str]) -> tuple[int, bytes]:
    from govdisclosure.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    wrappers = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")
    sys.stdout, sys.stderr = wrappers
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse
        status = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdout, sys.stderr = saved
        for wrapper in wrappers:
            wrapper.flush()
            wrapper.detach()
    if status not in (0, 1, 2):
        raise Foreign(f"exit status {status} for {argv}")
    return status, out.getvalue()


def _json_lines(out: bytes) -> None:
    text = out.decode("utf-8")  # valid UTF-8 whatever the file names
    if not text.strip():
        return
    if text.lstrip().startswith(("{", "[")) and "\n{" not in text:
        json.loads(text)
    else:
        for line in text.splitlines():
            json.loads(line)


def run_cli(payload: list[tuple[str, bytes]], options: dict[str, Any], scratch: Path) -> None:
    """``parse`` on the files, then ``validate`` and ``render`` on what it wrote."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    stem = b"\xc4\xea" if options["gbk"] else b"r"
    for k, (name, content) in enumerate(payload):
        with open(os.path.join(os.fsencode(scratch), stem + b"%d-" % k + name.encode()), "wb") as f:
            f.write(content)
    _, out = _run_cli(["parse", str(scratch), *options["options"]])
    _json_lines(out)
    if out.strip():
        records = scratch.parent / (scratch.name + "-records.jsonl")
        records.write_bytes(out)
        _, vout = _run_cli(["validate", str(records), "--format=json"])
        json.loads(vout)
        _run_cli(["render", str(records)])


def run_target(target: str, payload: Any, options: dict[str, Any], scratch: Path) -> None:
    """Run one input; raise only what is foreign (the documented errors are caught here)."""
    import govdisclosure as g
    from govdisclosure.findings import ReportError
    from govdisclosure.readers import ReaderError

    if target == "loads":
        with contextlib.suppress(ReportError):
            g.loads(payload)
    elif target == "validate":
        obj: Any = payload
        if options.get("as_object"):
            try:
                obj = json.loads(payload)
            except (ValueError, RecursionError):
                obj = payload
        g.validate(obj)
    elif target.startswith("parse-"):
        fmt = target.removeprefix("parse-")
        try:
            result = g.parse(payload, format=fmt)
        except (g.ParseError, ReaderError):
            return
        _check_result(result)
    else:
        run_cli(payload, options, scratch)


# -- The worker and the watchdog --------------------------------------------------------------


def rng_for(seed: int, target: str, index: int) -> random.Random:
    """The random source of one input: a function of ``(seed, target, index)`` alone."""
    return random.Random(f"{seed}/{target}/{index}")


def worker(seed: int) -> None:
    """Read ``target index`` lines on stdin; write one JSON result per line on the real stdout."""
    import resource
    import tracemalloc

    results = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nothing the targets print reaches the results
    c = corpus()
    scratch = Path(tempfile.mkdtemp(prefix="gd-fuzz-"))
    import govdisclosure  # noqa: F401 - imported before the clock starts

    try:
        for line in sys.stdin:
            target, index = line.split()
            rng = rng_for(seed, target, int(index))
            payload, options = make_input(c, target, rng)
            sampled = int(index) % SAMPLE_EVERY == 0
            if sampled:
                tracemalloc.start()
            error = None
            start = time.perf_counter()
            try:
                run_target(target, payload, options, scratch / "in")
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                error = "".join(traceback.format_exception(exc))
            seconds = time.perf_counter() - start
            peak = None
            if sampled:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            results.write(
                json.dumps(
                    {
                        "target": target,
                        "index": int(index),
                        "seconds": seconds,
                        "peak": peak,
                        "size": size_of(payload),
                        "error": error,
                        "rss": rss,
                    }
                )
                + "\n"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class Tally:
    """What one target's inputs did."""

    inputs: int = 0
    foreign: int = 0
    hangs: int = 0
    over_bound: int = 0
    max_seconds: float = 0.0
    max_peak: int = 0
    max_peak_per_byte: float = 0.0
    max_rss: int = 0
    sampled: int = 0


def save(out: Path, c: Corpus, seed: int, target: str, index: int, kind: str, note: str) -> Path:
    """Write the input (and what went wrong) to ``out``; the path of the input."""
    out.mkdir(parents=True, exist_ok=True)
    payload, options = make_input(c, target, rng_for(seed, target, index))
    stem = out / f"{kind}-{target}-{seed}-{index}"
    if isinstance(payload, list):
        with zipfile.ZipFile(stem.with_suffix(".zip"), "w") as z:
            for k, (name, content) in enumerate(payload):
                z.writestr(f"{k}-{name}", content)
    else:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass")
        stem.with_suffix(".bin").write_bytes(data)
    replay = f"python tests/fuzz/campaign.py --seed {seed} --replay {target} {index}"
    stem.with_suffix(".txt").write_text(f"{replay}\noptions: {options}\n\n{note}", "utf-8")
    return stem


class Worker:
    """A worker subprocess fed input indices; a watchdog on every result."""

    def __init__(self, seed: int) -> None:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--seed", str(seed)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
        self.pending = b""

    def send(self, tasks: list[tuple[str, int]]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("".join(f"{target} {i}\n" for target, i in tasks).encode())
        self.proc.stdin.flush()

    def result(self, timeout: float) -> dict[str, Any] | None:
        """The next result, or ``None`` after ``timeout`` seconds (or if the worker died).

        The pipe is read raw, lines split here: a buffered reader could hold a result that
        ``select`` no longer sees, and an answered input would look hung.
        """
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(0.0, left))
            if not ready:
                return None
            data = os.read(fd, 1 << 16)
            if not data:
                return None
            self.pending += data
        line, _, self.pending = self.pending.partition(b"\n")
        return dict(json.loads(line))

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def campaign(
    total: int,
    seed: int,
    out: Path,
    limit: float,
    targets: tuple[str, ...] = TARGETS,
    log: Callable[[str], None] = print,
) -> dict[str, Tally]:
    """Run ``total`` inputs over ``targets``; the tallies per target."""
    share = {t: n for t, n in counts(total).items() if t in targets}
    c: Corpus | None = None
    tallies = {t: Tally() for t in share}
    began = time.monotonic()
    todo = [(target, i) for target, n in share.items() for i in range(n)]
    done, planned = 0, len(todo)
    while todo:
        chunk, todo = todo[:WORKER_INPUTS], todo[WORKER_INPUTS:]
        w = Worker(seed)
        w.send(chunk)
        first = True
        while chunk:
            # The worker's start-up (imports, seeds) is not an input's time.
            got = w.result(limit + (60 if first else 0))
            first = False
            target, index = chunk.pop(0)
            tally = tallies[target]
            tally.inputs += 1
            done += 1
            if done % 2000 == 0:
                log(f"{done}/{planned} inputs ({time.monotonic() - began:.0f} s)")
            if got is None:
                w.kill()
                tally.hangs += 1
                c = c or corpus()
                path = save(out, c, seed, target, index, "hang", f"more than {limit:g} s")
                log(f"HANG {target} #{index}: {path}")
                if chunk:
                    w = Worker(seed)
                    w.send(chunk)
                    first = True
                continue
            if got["index"] != index or got["target"] != target:
                raise RuntimeError(f"worker answered {got['index']} for {index}")
            tally.max_seconds = max(tally.max_seconds, got["seconds"])
            tally.max_rss = max(tally.max_rss, got["rss"])
            if got["seconds"] > SLOW_SECONDS:
                log(f"SLOW {target} #{index}: {got['seconds']:.2f} s, {got['size']} bytes")
            if got["seconds"] > limit:
                tally.hangs += 1
                c = c or corpus()
                path = save(out, c, seed, target, index, "hang", f"{got['seconds']:.1f} s")
                log(f"HANG {target} #{index}: {path}")
            if got["error"] is not None:
                tally.foreign += 1
                c = c or corpus()
                path = save(out, c, seed, target, index, "foreign", got["error"])
                last = got["error"].strip().splitlines()[-1]
                log(f"FOREIGN {target} #{index}: {last} ({path})")
            if got["peak"] is not None:
                tally.sampled += 1
                tally.max_peak = max(tally.max_peak, got["peak"])
                if got["size"] >= PER_BYTE_FROM:
                    tally.max_peak_per_byte = max(
                        tally.max_peak_per_byte, got["peak"] / got["size"]
                    )
                if got["peak"] > memory_bound(got["size"]):
                    tally.over_bound += 1
                    c = c or corpus()
                    path = save(
                        out,
                        c,
                        seed,
                        target,
                        index,
                        "memory",
                        f"peak {got['peak']} bytes for {got['size']}",
                    )
                    log(f"MEMORY {target} #{index}: {path}")
        w.close()
    return tallies


def table(tallies: dict[str, Tally], seconds: float) -> str:
    """The counts, as printed at the end of a run (and copied into docs/cli.md)."""
    head = (
        "| target | inputs | foreign | hangs | over memory bound | max s/input | max peak MB "
        "| max peak B/byte |"
    )
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, t in [*tallies.items(), ("all", _total(tallies))]:
        lines.append(
            f"| {name} | {t.inputs} | {t.foreign} | {t.hangs} | {t.over_bound} "
            f"| {t.max_seconds:.2f} | {t.max_peak / 2**20:.1f} | {t.max_peak_per_byte:.0f} |"
        )
    rss = max((t.max_rss for t in tallies.values()), default=0)
    lines.append(f"wall-clock: {seconds:.0f} s; largest worker RSS: {rss / 2**20:.0f} MB")
    return "\n".join(lines)


def _total(tallies: dict[str, Tally]) -> Tally:
    total = Tally()
    for t in tallies.values():
        total.inputs += t.inputs
        total.foreign += t.foreign
        total.hangs += t.hangs
        total.over_bound += t.over_bound
        total.sampled += t.sampled
        total.max_seconds = max(total.max_seconds, t.max_seconds)
        total.max_peak = max(total.max_peak, t.max_peak)
        total.max_peak_per_byte = max(total.max_peak_per_byte, t.max_peak_per_byte)
    return total


def replay(seed: int, target: str, index: int) -> int:
    """Run one input in this process, printing its traceback; 1 if it is foreign."""
    c = corpus()
    payload, options = make_input(c, target, rng_for(seed, target, index))
    print(f"{target} #{index}: {size_of(payload)} bytes, options {options}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        try:
            run_target(target, payload, options, Path(scratch) / "in")
        except Exception:
            traceback.print_exc()
            return 1
    print(f"ok in {time.perf_counter() - start:.3f} s")
    return 0


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (the tests check that the documented command parses)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--inputs", type=int, default=100_000, help="inputs in all (default 100000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=Path("fuzz-out"), help="where bad inputs are saved")
    p.add_argument("--limit", type=float, default=LIMIT_SECONDS, help="seconds per input")
    p.add_argument("--targets", default=",".join(TARGETS), help="comma-separated targets")
    p.add_argument("--replay", nargs=2, metavar=("TARGET", "INDEX"))
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the campaign (or one worker, or one replay)."""
    args = arguments(argv)
    if args.worker:
        worker(args.seed)
        return 0
    if args.replay:
        return replay(args.seed, args.replay[0], int(args.replay[1]))
    targets = tuple(t for t in args.targets.split(",") if t)
    unknown = set(targets) - set(TARGETS)
    if unknown:
        raise SystemExit(f"unknown targets: {', '.join(sorted(unknown))}")
    start = time.monotonic()
    tallies = campaign(args.inputs, args.seed, args.out, args.limit, targets)
    print(table(tallies, time.monotonic() - start))
    total = _total(tallies)
    return 1 if total.foreign or total.hangs or total.over_bound else 0


if __name__ == "__main__":
    sys.exit(main())
