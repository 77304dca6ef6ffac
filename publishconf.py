"""Settings for the hosted build: absolute URLs, feeds on. SITEURL comes from
the environment (the publish workflow sets it to the GitHub Pages address)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://digest.example.org").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
