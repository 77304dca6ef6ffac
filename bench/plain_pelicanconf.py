"""Settings for the benchmark's reference build: plain Pelican 4.12, its default
Markdown reader, no plugins, our theme, feeds off, the same URL layout as the site.

It starts from the site's own pelicanconf.py and changes only what a user
without our plugin would have. Context our plugin provides (issues, topic feeds,
per-post word counts) gets harmless defaults through JINJA_GLOBALS and
DEFAULT_METADATA, so the templates render unchanged."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pelicanconf import *  # noqa: E402,F403

THEME = "../theme"
PLUGINS: list[str] = []
PLUGIN_PATHS: list[str] = []
READERS: dict[str, None] = {}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

JINJA_GLOBALS = {"issues": [], "latest_issue": None, "topic_feeds": []}
# Per-post fields our plugin sets that the templates read (JSON-LD needs defined values).
DEFAULT_METADATA = {"words": 0, "reading_time": 0}
