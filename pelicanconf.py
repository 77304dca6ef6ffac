"""Pelican settings for the digest (local builds). Digest settings and their
defaults are documented in plugins/digest/settings.py; override them here."""

AUTHOR = "The Digest desk"
SITENAME = "China Tech Digest"
SITESUBTITLE = "Weekly roundups of China's tech news, cleaned up from the raw feeds"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
THEME_STATIC_DIR = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# The digest plugin reads the raw dumps itself (Pelican's readers give one
# article per file). Pelican's HTML reader is off so scraped pages reach it.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["digest.plugin"]
READERS = {"html": None, "htm": None}
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
WITH_FUTURE_DATES = True
# The digest writer removes stale files itself (and cleans the folder when it has no record of it),
# so unchanged pages need not be written again.
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = [".git"]

# Stable URLs: posts by slug, issues by period (written by the plugin).
ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
CATEGORY_URL = "topics/{slug}/"
CATEGORY_SAVE_AS = "topics/{slug}/index.html"
CATEGORIES_SAVE_AS = "topics/index.html"
TAG_URL = "companies/{slug}/"
TAG_SAVE_AS = "companies/{slug}/index.html"
TAGS_SAVE_AS = "companies/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]
DEFAULT_PAGINATION = False

# Feeds are written by the plugin with feedgen; Pelican's own are off.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# Digest settings (defaults in plugins/digest/settings.py).
ROUNDUP_PERIOD = "week"
DIGEST_TAG_AUTHORITY = "digest.example.org,2024"
