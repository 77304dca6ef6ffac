"""Settings for the benchmark's reference build: plain Pelican 4.12, its default
Markdown reader, no plugins, our theme, feeds off, the same URL layout as the site.

Context our plugin provides (issues, topic feeds, per-post word counts) gets
harmless defaults through JINJA_GLOBALS and DEFAULT_METADATA, so the templates
render unchanged."""

AUTHOR = "The Digest desk"
SITENAME = "China Tech Digest"
SITEURL = ""
RELATIVE_URLS = True
THEME = "../theme"
THEME_STATIC_DIR = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
PLUGINS: list[str] = []
ARTICLE_PATHS = [""]
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
WITH_FUTURE_DATES = True
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

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

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

JINJA_GLOBALS = {"issues": [], "latest_issue": None, "topic_feeds": []}
# Per-post fields our plugin sets that the templates read (JSON-LD needs defined values).
DEFAULT_METADATA = {"words": 0, "reading_time": 0}
