"""Reading raw sources: encodings, hostile bytes, numbering, metadata, HTML."""
from __future__ import annotations

import datetime as dt
import logging
import pathlib
import time

import pytest

from digest.sources import SOURCE_EXTENSIONS, date_from_filename, read_source

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "bad"
SEEDS = pathlib.Path("/work/shared/seeds")
XML_INVALID = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}


def _write(tmp_path: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _read(tmp_path: pathlib.Path, name: str, data: bytes):
    return read_source(_write(tmp_path, name, data), name)


def test_extensions():
    assert set(SOURCE_EXTENSIONS) == {"txt", "text", "html", "htm"}


def test_binary_file_skipped_with_warning(tmp_path, caplog):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    with caplog.at_level(logging.WARNING):
        assert _read(tmp_path, "image.txt", data) is None
    assert "image.txt: binary file skipped" in caplog.text


def test_control_heavy_file_without_nul_is_binary(tmp_path, caplog):
    data = bytes([1, 2, 3, 65, 4, 5, 66, 6, 7, 14, 15, 16]) * 200
    with caplog.at_level(logging.WARNING):
        assert _read(tmp_path, "blob.txt", data) is None
    assert "binary file skipped" in caplog.text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u00a0\u200b\n \n".encode()])
def test_empty_or_blank_skipped(tmp_path, caplog, data):
    with caplog.at_level(logging.WARNING):
        assert _read(tmp_path, "empty.txt", data) is None
    assert "empty.txt: empty source skipped" in caplog.text


def test_too_big_skipped(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert read_source(_write(tmp_path, "big.txt", b"word " * 100), "big.txt", max_bytes=100) is None
    assert "big.txt: file too large" in caplog.text


def test_utf8_bom_is_not_a_line(tmp_path):
    src = _read(tmp_path, "bom.txt", b"\xef\xbb\xbfFirst line\nSecond line\n")
    assert src.lines == ["First line", "Second line", ""]
    assert src.encoding == "utf-8-sig"
    assert src.warnings == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    text = "\ufeffCaf\u00e9 \u201cquoted\u201d\r\nZweite Zeile \u00fc\r\n"
    src = _read(tmp_path, "wide.txt", text.encode(codec))
    assert src.encoding == codec
    assert src.lines == ["Caf\u00e9 \u201cquoted\u201d", "Zweite Zeile \u00fc", ""]


def test_utf16_without_bom_detected_from_nuls(tmp_path):
    src = _read(tmp_path, "wide.txt", "Plain words in wide text\nline two\n".encode("utf-16-le"))
    assert src.encoding == "utf-16-le"
    assert src.lines[:2] == ["Plain words in wide text", "line two"]


def test_cp1252_smart_quotes_and_accents(tmp_path):
    data = b"The caf\xe9 owner said \x93we are open\x94 \x96 again.\r\nSecond line\r\n"
    src = _read(tmp_path, "legacy.txt", data)
    assert src.encoding == "cp1252"
    assert src.lines == ["The caf\u00e9 owner said \u201cwe are open\u201d \u2013 again.", "Second line", ""]
    # a clean Western legacy file is noted for the report, not a strict-build warning
    assert any("not UTF-8" in n and "cp1252" in n for n in src.notes)
    assert src.warnings == []


def test_latin1_accents(tmp_path):
    src = _read(tmp_path, "fr.txt", "Cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte, na\u00efve.\n".encode("latin-1"))
    assert src.lines[0] == "Cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte, na\u00efve."


def test_gbk_chinese_stays_intact(tmp_path):
    text = "人工智能公司在北京发布了新的大型语言模型，引起了业内广泛关注。\n第二段：投资者表示乐观。\n"
    src = _read(tmp_path, "zh.txt", text.encode("gbk"))
    assert src.lines == text.split("\n")
    assert src.encoding in {"gbk", "gb18030", "gb2312"}


def test_utf8_with_stray_cp1252_bytes_keeps_both(tmp_path):
    data = "Na\u00efve caf\u00e9 \u2014 fine\n".encode() + b"He said \x93hi\x94\n"
    src = _read(tmp_path, "mixed.txt", data)
    assert src.lines[:2] == ["Na\u00efve caf\u00e9 \u2014 fine", "He said \u201chi\u201d"]
    assert any("line 2" in w and "cp1252" in w for w in src.warnings)


def test_undecodable_bytes_replaced_and_offset_warned(tmp_path, caplog):
    data = b"Caf\xe9 owner \x93quoted\x94 then \x81 odd byte\n"
    with caplog.at_level(logging.WARNING):
        src = _read(tmp_path, "odd.txt", data)
    assert src.lines[0] == "Caf\u00e9 owner \u201cquoted\u201d then \ufffd odd byte"
    offset = data.index(b"\x81")
    assert f"odd.txt: 1 undecodable byte(s) replaced, first at offset {offset} (line 1)" in caplog.text


@pytest.mark.parametrize("data", [b"one\r\ntwo\r\n\r\nfour", b"one\rtwo\r\rfour", b"one\r\ntwo\r\rfour"])
def test_crlf_and_cr_keep_line_numbering(tmp_path, data):
    src = _read(tmp_path, "nl.txt", data)
    assert src.lines == ["one", "two", "", "four"]


def test_control_and_xml_invalid_chars_removed_with_one_warning(tmp_path):
    data = "Clean\x01 text\x1b here.\nSecond\u00a0line\u200b with\x7f junk\ufffe.\nThird\x0cline\n".encode()
    src = _read(tmp_path, "ctrl.txt", data)
    assert src.lines == ["Clean text here.", "Second line with junk.", "Third line", ""]
    assert not any(ch in XML_INVALID for line in src.lines for ch in line)
    assert [w for w in src.warnings if "control" in w] == ["ctrl.txt: 5 control or XML-invalid character(s) removed"]


def test_nul_in_utf8_text_is_binary(tmp_path):
    assert _read(tmp_path, "nul.txt", b"some text\x00 with a nul\n" * 3) is None


def test_three_megabyte_single_line_is_fast(tmp_path):
    data = ("A very long sentence without any break. " * 80_000).encode()
    start = time.perf_counter()
    src = _read(tmp_path, "long.txt", data)
    elapsed = time.perf_counter() - start
    assert len(src.lines) == 1 and len(src.lines[0]) == len(data)
    assert any("very long line 1 (" in w for w in src.warnings)
    assert elapsed < 2.0


def test_non_ascii_file_name(tmp_path):
    name = "2024-05-06-новости-北京-café.txt"
    src = read_source(_write(tmp_path, name, "Body text.\n".encode()), name)
    assert src.path == name and src.lines[0] == "Body text."


def test_header_metadata_parsed():
    src = read_source(FIXTURES / "header_meta.txt", "header_meta.txt")
    assert src.meta == {"title": "Imaginary Robotics raises a Series A", "date": "2024-05-06",
                        "topic": "robotics", "tags": "funding, drones"}
    assert src.meta_lines == [1, 2, 3, 4]
    assert src.lines[0].startswith("Title:")   # metadata lines are not blanked
    assert src.lines[7].startswith("Newsline:")


def test_body_label_lines_are_not_metadata():
    src = read_source(FIXTURES / "label_lines.txt", "label_lines.txt")
    assert src.meta == {} and src.meta_lines == []


def test_header_with_unparseable_date_is_kept_as_text():
    src = read_source(FIXTURES / "bad_header_date.txt", "bad_header_date.txt")
    assert src.meta == {} and src.meta_lines == []
    assert any("header date" in w for w in src.warnings)


def test_header_needs_blank_line_and_top_position(tmp_path):
    assert _read(tmp_path, "a.txt", b"Title: Not a header\nbecause body follows\n").meta == {}
    assert _read(tmp_path, "b.txt", b"\nTitle: Not at the top\n\nBody\n").meta == {}


def test_header_date_with_month_name(tmp_path):
    src = _read(tmp_path, "d.txt", b"date: May 6, 2024\n\nBody\n")
    assert src.meta == {"date": "2024-05-06"} and src.meta_lines == [1]


def test_mail_headers_at_the_top_date_the_mail(tmp_path):
    src = _read(tmp_path, "m.txt", b"From: Lake Notes <hi@lake.example>\nSubject: Issue 12\n"
                                   b"Date: Thu, 14 Nov 2024 07:00:05 +0900\nView this email in your browser\n\nBody\n")
    assert src.meta == {"date": "2024-11-14"} and src.meta_lines == [1, 2, 3]
    assert any("read as an e-mail" in note for note in src.notes)
    # one "From:" line in a story, or header-like lines without From or Subject, are text
    assert _read(tmp_path, "n.txt", b"From: the editor\n\nBody\n").meta_lines == []
    assert _read(tmp_path, "o.txt", b"To: all staff\nCc: board\n\nBody\n").meta_lines == []


def test_hostile_html_yields_only_article_text():
    src = read_source(FIXTURES / "hostile.html", "hostile.html")
    assert src.kind == "html"
    text = "\n".join(src.lines)
    for leak in ("SCRIPTTEXT", "STYLETEXT", "NOSCRIPTTEXT", "IFRAMETEXT", "steal(", "javascript", "alert", "<"):
        assert leak not in text
    assert "Acme Drones opens a lab in Lisbon" in src.lines
    assert "Why Portugal" in src.lines
    assert "• Forty engineers in the first year" in src.lines
    assert any(line.startswith("The company said the city offers") for line in src.lines)
    assert "Sign in" not in text and "All rights reserved" not in text


def test_text_file_holding_html_is_extracted(tmp_path):
    html = (FIXTURES / "hostile.html").read_bytes()
    src = _read(tmp_path, "saved.txt", html)
    assert src.kind == "html" and "SCRIPTTEXT" not in "\n".join(src.lines)
    assert any("HTML page" in w for w in src.warnings)


def test_html_with_declared_legacy_charset(tmp_path):
    page = ('<html><head><meta charset="windows-1252"><title>T</title></head><body>'
            '<p>Le caf\u00e9 a ouvert \u201caujourd\u2019hui\u201d, selon un communiqu\u00e9 fictif '
            'publi\u00e9 par une entreprise imaginaire.</p></body></html>')
    src = _read(tmp_path, "fr.html", page.encode("cp1252"))
    assert src.encoding == "cp1252"
    assert any("caf\u00e9 a ouvert \u201caujourd\u2019hui\u201d" in line for line in src.lines)


def test_symlink_outside_content_refused(tmp_path, caplog):
    outside = _write(tmp_path, "secret.txt", b"secret\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "link.txt").symlink_to(outside)
    with caplog.at_level(logging.WARNING):
        assert read_source(content / "link.txt", "link.txt") is None
    assert "outside the content folder" in caplog.text


def test_fifo_is_not_read(tmp_path):
    import os
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_source(fifo, "pipe.txt") is None


@pytest.mark.parametrize("rel, expected", [
    ("2024-05-06-anything.txt", dt.date(2024, 5, 6)),
    ("news/2023-12-31_roundup.html", dt.date(2023, 12, 31)),
    ("2024-02-30-bad.txt", None),
    ("notes-2024-05-06.txt", None),
    ("20240506-x.txt", None),
])
def test_date_from_filename(rel, expected):
    assert date_from_filename(rel) == expected


@pytest.mark.skipif(not SEEDS.is_dir(), reason="/work/shared seeds not available")
def test_seeds_keep_exact_line_count():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for path in seeds:
        raw = path.read_bytes()
        src = read_source(path, path.name)
        assert len(src.lines) == len(raw.decode("utf-8").split("\n")), path.name


LISTING_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Transport | The Lakeland Courier &mdash; Thursday, 13 August 2020</title></head><body><main>
<article><h2>Ferry operator orders two electric boats for the lake crossing</h2>
<div class="meta"><span>By Jane Roe</span> &middot; <time>Tuesday</time></div>
<p>LAKELAND &mdash; The Lakeland ferry operator said on Tuesday it had ordered two battery-powered
boats from a yard in the north, to replace its oldest diesel ships on the main crossing next spring.</p>
<p>The boats will carry 300 passengers each and charge at the pier in ten minutes between trips, the
operator said, adding that fares would not change.</p></article>
<article><h2>Council approves a second cycle bridge over the river</h2>
<div class="meta"><span>By Tomas Berg</span> &middot; <time>Wednesday</time></div>
<p>LAKELAND &mdash; The town council on Wednesday approved a second bridge for cyclists and walkers
over the river, three years after the first one opened and quickly became crowded at rush hour.</p>
<p>Construction is due to start in the autumn and take about a year, the council said.</p></article>
</main></body></html>"""


def test_a_listing_page_dates_its_stories_by_the_date_in_its_title(tmp_path):
    """The <title> date is the page's day, not each story's: "on Tuesday" and "on Wednesday"
    place the stories before it."""
    from digest.dating import date_articles
    from digest.segment import split_source
    src = _read(tmp_path, "listing.txt", LISTING_PAGE.encode())
    assert src.meta.get("page_date") == "2020-08-13" and "date" not in src.meta
    split = split_source(src)
    date_articles(split.articles, src, dt.date(2024, 1, 1), "mtime")
    assert [(a.title[:14], a.date) for a in split.articles] == [
        ("Ferry operator", dt.date(2020, 8, 11)), ("Council approv", dt.date(2020, 8, 12))]
