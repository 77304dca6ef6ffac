"""Read one raw source file (text dump or scraped HTML page) into a SourceText.

This is the only place that touches raw bytes. It refuses files that cannot be
used (binary, empty, too big, not a regular file), works out the encoding
without silently mangling text, normalises newlines and odd characters while
keeping line N of the result equal to line N of the file, and reads strict
``Key: value`` header metadata. Every problem becomes a warning naming the file.
"""
from __future__ import annotations

import codecs
import datetime as dt
import html as htmllib
import logging
import os
import pathlib
import re
import stat

import charset_normalizer

from .datefind import parse_date_line, parse_header_date
from .fieldrecords import read_records
from .htmltext import html_to_lines, page_metadata
from .markdowntext import is_markdown, plain_line
from .model import SourceText
from .sanitize import clean_text_counted

log = logging.getLogger(__name__)

SOURCE_EXTENSIONS: tuple[str, ...] = ("txt", "text", "html", "htm")
HTML_EXTENSIONS = frozenset({"html", "htm"})
META_KEYS = ("date", "title", "topic", "tags", "slug")
LONG_LINE_CHARS = 10_000
# Share of C0 control bytes (other than tab/newline/CR/FF/VT) that marks a file as binary.
BINARY_CONTROL_SHARE = 0.10

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),   # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_ESCAPED = re.compile("[\udc00-\udcff]")
_ESCAPED_RUN = re.compile("[\udc00-\udcff]+")
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TITLE_ELEMENT = re.compile(r"<title[^>]*>([^<]{1,300})</title>", re.I)
# The separators between the parts of a page title: "Section | Site — Date".
_TITLE_PARTS = re.compile(r"\s+[|\u2014\u2013\u00b7-]\s+|\s*\|\s*")
_LOOKS_HTML = re.compile(r"\s*(<!doctype\s+html|<html[\s>])", re.I)
MAIL_HEADERS = ("from", "to", "cc", "bcc", "reply-to", "subject", "date", "sent", "message-id",
                "list-id", "list-unsubscribe")
MIN_MAIL_HEADERS = 2
_MAIL_LINE = re.compile(rf"({'|'.join(MAIL_HEADERS)}):[ \t]*(\S.*?)\s*$", re.I)
_META_LINE = re.compile(rf"({'|'.join(META_KEYS)})[ \t]*:[ \t]*(\S.*?)\s*$", re.I)
_FILENAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[-_. ]|$)")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));?")


def _escape_bytes(err: UnicodeError) -> tuple[str, int]:
    """Decode error handler: keep each bad byte as a lone surrogate U+DC00+byte."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return "".join(chr(0xDC00 + b) for b in err.object[err.start:err.end]), err.end


codecs.register_error("digest.escape", _escape_bytes)


class _Reader:
    """Collects warnings for one file, each logged and prefixed with its name."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.warnings: list[str] = []
        self.notes: list[str] = []

    def warn(self, message: str) -> None:
        text = f"{self.rel}: {message}"
        log.warning(text)
        self.warnings.append(text)

    def note(self, message: str) -> None:
        """Something the editor should see in the report, but not worth failing a strict build."""
        text = f"{self.rel}: {message}"
        log.info(text)
        self.notes.append(text)


def date_from_filename(rel: str) -> dt.date | None:
    """The date in a ``YYYY-MM-DD-`` file name prefix, e.g. "2024-05-06-news.txt"."""
    m = _FILENAME_DATE.match(pathlib.PurePosixPath(rel).name)
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _inside_content_root(path: pathlib.Path, rel: str) -> bool:
    root = path.absolute()
    for _ in pathlib.PurePosixPath(rel).parts:
        root = root.parent
    return path.resolve().is_relative_to(root.resolve())


def _read_bytes(path: pathlib.Path, rel: str, max_bytes: int, r: _Reader) -> bytes | None:
    if path.is_symlink() and not _inside_content_root(path, rel):
        r.warn("symbolic link pointing outside the content folder skipped")
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        r.warn(f"cannot open ({e.strerror}), skipped")
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            r.warn("not a regular file, skipped")
            return None
        data = f.read(max_bytes + 1) if info.st_size <= max_bytes else b""
    if info.st_size > max_bytes or len(data) > max_bytes:
        r.warn(f"file too large ({max(info.st_size, len(data))} bytes, limit {max_bytes}), skipped")
        return None
    return data


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes alternate like UTF-16 text, else None."""
    sample = data[:65536]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nul = sample[0::2].count(0) / half
    odd_nul = sample[1::2].count(0) / half
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _line_of(text: str, index: int) -> int:
    head = text[:index]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _first_bad_offset(data: bytes, encoding: str) -> int:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as e:
        return e.start
    return 0


def _decode_escaped(data: bytes, encoding: str, r: _Reader, *, offset: int = 0,
                    fallback_cp1252: bool = False) -> str:
    """Decode; bad bytes become U+FFFD (or their cp1252 reading) with one warning."""
    text = data.decode(encoding, errors="digest.escape")
    first = _ESCAPED.search(text)
    if first is None:
        return text
    count = len(_ESCAPED.findall(text))
    first_offset = _first_bad_offset(data, encoding)
    line = _line_of(text, first.start())
    if fallback_cp1252:
        text = _ESCAPED.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text)
        r.warn(f"{count} byte(s) not valid UTF-8, first at offset {offset + first_offset} "
               f"(line {line}), read as cp1252")
    else:
        text = _ESCAPED.sub("\ufffd", text)
        r.warn(f"{count} undecodable byte(s) replaced, first at offset {offset + first_offset} "
               f"(line {line}) (decoded as {encoding})")
    return text


def _is_mostly_utf8_with_strays(data: bytes) -> bool:
    """UTF-8 text with stray bytes from a legacy 8-bit encoding: real UTF-8 characters
    decode, and the bad bytes are either fewer or stand alone (not CJK-like runs)."""
    text = data.decode("utf-8", errors="digest.escape")
    escaped = len(_ESCAPED.findall(text))
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - escaped
    if valid < 1:
        return False
    short_runs = sum(len(m.group()) for m in _ESCAPED_RUN.finditer(text) if len(m.group()) <= 2)
    return valid >= escaped or short_runs >= 0.8 * escaped


def _looks_western(data: bytes) -> bool:
    """High bytes mostly alone or in pairs between ASCII: an 8-bit Western text (cp1252).

    Accented letters and smart punctuation in Western text rarely touch each
    other, while CJK double-byte text and Cyrillic/Greek words make long runs.
    """
    runs = [len(m.group()) for m in _HIGH_RUN.finditer(data)]
    total = sum(runs)
    return total > 0 and sum(n for n in runs if n <= 2) >= 0.7 * total


def _detected_encoding(data: bytes) -> str | None:
    for match in charset_normalizer.from_bytes(data):
        name = codecs.lookup(match.encoding).name
        if not name.startswith(("utf-16", "utf-32")):   # those are only taken with a BOM or NULs
            return name
    return None


def _declared_html_charset(data: bytes) -> str | None:
    m = _HTML_CHARSET.search(data[:4096])
    if m is None:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except LookupError:
        return None


def _decode(data: bytes, is_html: bool, r: _Reader) -> tuple[str, str] | None:
    """(text, encoding name), or None for a binary file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            name = "utf-8-sig" if encoding == "utf-8" else encoding
            return _decode_escaped(data[len(bom):], encoding, r, offset=len(bom)), name
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            return None
        return _decode_escaped(data, encoding, r), encoding
    if len(data) - len(data.translate(None, _CONTROL_BYTES)) > BINARY_CONTROL_SHARE * len(data):
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _is_mostly_utf8_with_strays(data):
        return _decode_escaped(data, "utf-8", r, fallback_cp1252=True), "utf-8"
    declared = _declared_html_charset(data) if is_html else None
    if declared is not None and declared != "utf-8":
        return _decode_escaped(data, declared, r), declared
    western = _looks_western(data)
    encoding = "cp1252" if western else _detected_encoding(data)
    if encoding is None:
        r.warn("encoding not recognised; decoded as cp1252")
        encoding = "cp1252"
    elif western:
        # a clean legacy Western file: told in the report; replaced bytes, if any, still warn
        r.note(f"not UTF-8; decoded as {encoding}")
    else:
        r.warn(f"not UTF-8; decoded as {encoding} (guessed)")
    return _decode_escaped(data, encoding, r), encoding


def _drop_control_char_refs(html: str) -> tuple[str, int]:
    """Remove numeric character references to control or XML-invalid characters
    (``&#1;``, ``&#xFFFE;``) and count them: the main-text extractor's XML tree
    cannot hold them and gives up on the whole page. References that HTML maps to
    other characters (``&#0;``, ``&#150;``, surrogates, out of range) are left to the parser."""
    removed = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal removed
        code = int(m[1], 16) if m[1] else int(m[2])
        if code == 0 or 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            return m.group()
        cleaned, controls = clean_text_counted(chr(code))
        if not controls:
            return m.group()
        removed += 1
        return cleaned

    return _CHAR_REF.sub(replace, html), removed


def _header_metadata(lines: list[str], r: _Reader) -> tuple[dict[str, str], list[int]]:
    """Strict ``Key: value`` lines at the very top, ended by a blank line.

    Only the known keys count, every line of the first block must be one, no key
    may repeat, and a date must parse; otherwise the block is body text.
    """
    meta: dict[str, str] = {}
    used: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        m = _META_LINE.match(line)
        if m is None or m[1].lower() in meta:
            return {}, []
        meta[m[1].lower()] = m[2]
        used.append(number)
    else:
        return {}, []     # no blank line ends the block
    if "date" in meta:
        date = parse_header_date(meta["date"])
        if date is None:
            r.warn(f"header date {meta['date']!r} not understood; header lines kept as text")
            return {}, []
        meta["date"] = date.isoformat()
    return meta, used


def _mail_header(lines: list[str], r: _Reader) -> tuple[dict[str, str], list[int]]:
    """An e-mail's header lines at the very top (a newsletter saved as text): at least
    ``MIN_MAIL_HEADERS`` lines in a row from the first, each a mail header ("From:",
    "Subject:", "Date:"...), one of them From or Subject. Its Date, when it parses, is the
    date of every story the mail holds (an edition's date); the lines are used up."""
    used: list[int] = []
    keys: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        m = _MAIL_LINE.match(line)
        if m is None:
            break
        keys.setdefault(m[1].lower(), m[2])
        used.append(number)
    if len(used) < MIN_MAIL_HEADERS or not {"from", "subject"} & set(keys):
        return {}, []
    date = parse_header_date(keys.get("date", ""))
    if "date" in keys and date is None:
        r.warn(f"mail date {keys['date']!r} not understood")
    r.note(f"read as an e-mail: {len(used)} header line(s) used up")
    return ({"date": date.isoformat()} if date else {}), used


def _html_date(html: str) -> str | None:
    """The date the page's metadata gives it (the date of its story)."""
    meta = page_metadata(html)
    date = parse_header_date(meta.date) if meta is not None and meta.date else None
    return date.isoformat() if date else None


def _title_date(html: str) -> str | None:
    """A part of the page's <title> that is a date ("Business | The Riverside Post — Thursday,
    13 August 2020"): the day the page was made, which its stories are not newer than."""
    title = _TITLE_ELEMENT.search(html)
    if title is None:
        return None
    parts = _TITLE_PARTS.split(htmllib.unescape(title.group(1)).strip())
    date = next(filter(None, map(parse_date_line, parts)), None)
    return date.isoformat() if date else None


def read_source(path: pathlib.Path, rel: str, max_bytes: int = 20_000_000) -> SourceText | None:
    """Read and decode one source file; None (with a logged warning) when it is unusable.

    Text sources keep raw numbering: line N of ``lines`` is line N of the file
    after CRLF/CR become LF (a BOM is not a line); a dump written in Markdown loses
    its markup line by line (``markdowntext``). HTML sources get the lines of
    their extracted main text. Problems are logged and listed in ``warnings``.
    """
    r = _Reader(rel)
    data = _read_bytes(path, rel, max_bytes, r)
    if data is None:
        return None
    is_html = pathlib.PurePosixPath(rel).suffix.lower().lstrip(".") in HTML_EXTENSIONS
    decoded = _decode(data, is_html, r)
    if decoded is None:
        r.warn("binary file skipped")
        return None
    raw, encoding = decoded
    text, controls = clean_text_counted(raw.replace("\r\n", "\n").replace("\r", "\n"))
    if controls:
        r.warn(f"{controls} control or XML-invalid character(s) removed")
    if not text.strip():
        r.warn("empty source skipped")
        return None
    if not is_html and _LOOKS_HTML.match(text):
        r.warn("text file contains an HTML page; its main text was extracted")
        is_html = True
    meta: dict[str, str] = {}
    meta_lines: list[int] = []
    records = None
    if is_html:
        text, refs = _drop_control_char_refs(text)
        if refs:
            r.warn(f"{refs} character reference(s) to control or XML-invalid characters removed")
        lines, html_warnings = html_to_lines(text)
        for w in html_warnings:
            r.warn(w)
        if not any(line.strip() for line in lines):
            r.warn("empty source skipped (no text found in the HTML page)")
            return None
        story_date = _html_date(text)
        if story_date:
            meta["date"] = story_date
        elif page_date := _title_date(text):
            meta["page_date"] = page_date
    else:
        lines = text.split("\n")
        if is_markdown(lines):
            plain = [plain_line(line) for line in lines]
            changed = sum(a != b for a, b in zip(lines, plain))
            r.note(f"read as Markdown: markup taken out of {changed} line(s) (images became 'Image:' lines)")
            lines = plain
        records = read_records(lines)
        if records is not None:
            lines = records.lines
            r.note(f"read as {len(records.records)} records of labelled fields (headline field "
                   f"{records.title_key!r}); {len(records.drops)} field line(s) dropped")
        else:
            meta, meta_lines = _header_metadata(lines, r)
            if not meta_lines:
                meta, meta_lines = _mail_header(lines, r)
    for number, line in enumerate(lines, start=1):
        if len(line) > LONG_LINE_CHARS:
            r.warn(f"very long line {number} ({len(line)} chars)")
    return SourceText(path=rel, lines=lines, encoding=encoding, kind="html" if is_html else "text",
                      meta=meta, meta_lines=meta_lines, warnings=r.warnings, notes=r.notes,
                      field_drops=records.drops if records else {}, records=records.records if records else [])
