"""The digest's own Pelican generator: roundup issues, feeds, email editions and the report.

It runs after the articles generator, so ``context["articles"]`` holds every
post. ``generate_context`` groups posts into issues and links related posts
(visible to every template); ``generate_output`` writes the issue pages, the
issue archive, the about and 404 pages, the email editions, the Atom feeds,
the sitemap and robots.txt, the Pagefind search index, and the build report
beside the output folder.
"""
from __future__ import annotations

import datetime as dt
import heapq
import logging
import pathlib
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from . import settings as conf
from .cache import cache_for
from .feeds import Feed, FeedItem, write_feeds
from .issues import RoundupIssue, build_issues
from .pagewriter import DigestWriter
from .report import build_report, write_report
from .search import SearchDoc, doc_key, update_search_index
from .slugs import slugify
from .topics import OTHER
from .writing import inside, write_if_changed

log = logging.getLogger(__name__)

RELATED_POSTS = 3
MAX_RELATED_TAG_POSTS = 200


def _aware(stamp: dt.datetime, tz: str) -> dt.datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=ZoneInfo(tz))


def link_related(articles: list[Any]) -> None:
    """Give each post up to three related posts: the posts sharing most of its companies
    (a shared topic counts as one more), then the newest, then by slug. A company on more
    than MAX_RELATED_TAG_POSTS posts does not tell posts apart and is not counted.

    Posts are handled by index, each with its place in the (newest, slug) order. Candidates
    sharing two or more companies come from intersecting the companies' post sets; of those
    sharing one, only the newest three of each company with the post's topic, and the newest
    three without, can rank in the top three, so each company's posts are kept newest first
    (also per topic) and only their heads are read."""
    n = len(articles)
    newest_first = sorted(range(n), key=lambda i: (-articles[i].date.timestamp(), articles[i].slug))
    rank = [0] * n
    for place, i in enumerate(newest_first):
        rank[i] = place
    topic = [a.category.slug for a in articles]     # categories are equal when their slugs are
    tag_names = [list(dict.fromkeys(tag.name for tag in getattr(a, "tags", []))) for a in articles]
    members: dict[str, list[int]] = defaultdict(list)           # newest first
    for i in newest_first:
        for name in tag_names[i]:
            members[name].append(i)
    members = {name: posts for name, posts in members.items() if len(posts) <= MAX_RELATED_TAG_POSTS}
    member_sets = {name: set(posts) for name, posts in members.items()}
    by_topic: dict[tuple[str, str], list[int]] = defaultdict(list)    # newest first
    for name, posts in members.items():
        for j in posts:
            by_topic[name, topic[j]].append(j)
    for i, a in enumerate(articles):
        names = [name for name in tag_names[i] if name in members]
        several: set[int] = set()
        for x, first in enumerate(names):
            for second in names[x + 1:]:
                several |= member_sets[first] & member_sets[second]
        several.discard(i)
        shared = {j: sum(j in member_sets[name] for name in names) for j in several}
        for name in names:
            for heads in (by_topic.get((name, topic[i]), ()), (j for j in members[name] if topic[j] != topic[i])):
                found = 0
                for j in heads:
                    if found == RELATED_POSTS:
                        break
                    if j != i and j not in several:
                        shared[j] = 1
                        found += 1
        # one integer per candidate: more shared (companies + same topic) first, then newest, then slug
        keys = [rank[j] - (count + (topic[j] == topic[i])) * n for j, count in shared.items()]
        a.related_posts = [articles[newest_first[k % n]] for k in heapq.nsmallest(RELATED_POSTS, keys)]


class DigestGenerator(Generator):
    """Writes the pages and files that Pelican's own generators do not know about."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.issues: list[RoundupIssue] = []
        self._writer: Any = None

    # ------------------------------------------------------------------ context
    def generate_context(self) -> None:
        articles = list(self.context.get("articles", []))
        taxonomy = conf.get(self.settings, "DIGEST_TOPICS")
        self.issues = build_issues(
            articles, conf.get(self.settings, "ROUNDUP_PERIOD"), [*taxonomy, OTHER],
            day_of=lambda a: a.date.date(), topic_of=lambda a: a.category.name,
            weight_of=lambda a: a.words, title_of=lambda a: a.title)
        for issue in self.issues:
            issue.url = f"issues/{issue.slug}/"
            issue.save_as = f"{issue.url}index.html"
            for post in issue.posts:
                post.issue = issue
        ordered = sorted(articles, key=lambda a: (a.date, a.slug))
        for older, newer in zip(ordered, ordered[1:]):
            older.next_post, newer.prev_post = newer, older
        link_related(articles)
        self.context["issues"] = list(reversed(self.issues))
        self.context["latest_issue"] = self.issues[-1] if self.issues else None
        # Every topic of the taxonomy has a feed from the first build on, so readers can
        # subscribe before a topic has posts and every page's feed links stay the same.
        self.context["topic_feeds"] = [
            (name, f"feeds/topics/{slugify(name)}.atom.xml")
            for name in sorted({*taxonomy, OTHER, *(a.category.name for a in articles)})]

    # ------------------------------------------------------------------ output
    def generate_output(self, writer: Any) -> None:
        self._writer = writer
        relative = self.settings["RELATIVE_URLS"]
        for issue in self.issues:
            writer.write_file(issue.save_as, self.get_template("issue"), self.context,
                              relative_urls=relative, issue=issue, page_name=issue.url)
        writer.write_file("issues/index.html", self.get_template("issues"), self.context,
                          relative_urls=relative, page_name="issues/")
        writer.write_file("about/index.html", self.get_template("about"), self.context,
                          relative_urls=relative, page_name="about/")
        writer.write_file("404.html", self.get_template("404"), self.context,
                          relative_urls=False, page_name="404")
        self._write_email_editions()
        self._write_feeds()
        self._write_sitemap()
        if isinstance(writer, DigestWriter):
            rendered, skipped = writer.finish()
            print(f"pages: {rendered} rendered, {skipped} unchanged", flush=True)
        self._write_search_index()
        self._write_report()

    def _write_search_index(self) -> None:
        if not conf.get(self.settings, "DIGEST_SEARCH_INDEX"):
            return
        docs = [SearchDoc(a.save_as, a.date.date(), doc_key(a.url, a.title, a.content))
                for a in self.context.get("articles", [])]
        cache = cache_for(self.settings)
        out = pathlib.Path(self.output_path)
        done = update_search_index(
            out, docs, conf.get(self.settings, "DIGEST_SEARCH_SHARD_PAGES"),
            getattr(self._writer, "site_key", ""),
            cache.directory if cache is not None else None,
            conf.get(self.settings, "DIGEST_SEARCH_JOBS"), conf.get(self.settings, "DIGEST_SEARCH_SPREAD_PAGES"))
        shards = done.built + done.kept
        if done.built:
            print(f"search index: built {done.built} of {shards} shards", flush=True)
        else:
            print(f"search index: unchanged ({shards} shards)", flush=True)

    def _write(self, rel: str, data: bytes) -> None:
        """Write a file under the output folder through the build's writer when it tracks files."""
        if isinstance(self._writer, DigestWriter):
            self._writer.write_bytes(rel, data)
        else:
            write_if_changed(inside(pathlib.Path(self.output_path), rel), data)

    def _absolute_base(self) -> str:
        return (self.settings.get("SITEURL") or self.settings.get("DIGEST_PREVIEW_URL")
                or "http://localhost:8000").rstrip("/")

    def _site_url(self) -> str:
        return (self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL") or "").rstrip("/")

    def _render(self, template: str, **kwargs: Any) -> str:
        return self.env.get_template(template).render({**self.context, **kwargs})

    def _write_email_editions(self) -> None:
        base = self._absolute_base()
        for issue in self.issues:
            for name, template in (("email.html", "email_issue.html"), ("email.txt", "email_issue.txt")):
                self._write_rendered(f"{issue.url}{name}", template, issue=issue, ABS_URL=base)

    def _write_rendered(self, rel: str, template: str, **kwargs: Any) -> None:
        """Write ``template`` rendered with the site's context and ``kwargs``: queued with the
        pages when the build's writer renders pages in parallel and skips unchanged ones."""
        if isinstance(self._writer, DigestWriter):
            self._writer.write_file(rel, self.env.get_template(template), self.context, **kwargs)
        else:
            self._write(rel, self._render(template, **kwargs).encode("utf-8"))

    def _post_item(self, a: Any, base: str, tz: str) -> FeedItem:
        return FeedItem(tag_path=f"posts/{a.slug}", title=a.title, link=f"{base}/{a.url}",
                        published=_aware(a.date, tz), content_html=a.content, summary=a.summary,
                        categories=[a.category.name, *a.secondary_topics])

    def _write_feeds(self) -> None:
        articles = list(self.context.get("articles", []))
        base, tz = self._site_url(), self.settings["TIMEZONE"]
        limit = conf.get(self.settings, "DIGEST_FEED_MAX_ITEMS")
        newest = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
        feeds = [Feed("feeds/all.atom.xml", "all posts", "feeds/all",
                      [self._post_item(a, base, tz) for a in newest[:limit]])]
        issue_items = []
        for issue in reversed(self.issues[-limit:]):
            day = max(p.date for p in issue.posts)
            issue_items.append(FeedItem(
                tag_path=f"issues/{issue.slug}", title=issue.title, link=f"{base}/{issue.url}",
                published=_aware(day, tz),
                content_html=self._render("partials/issue_body.html", issue=issue, ABS_URL=base or ""),
                summary=issue.intro))
        feeds.append(Feed("feeds/issues.atom.xml", "roundup issues", "feeds/issues", issue_items))
        for name, save_as in self.context["topic_feeds"]:
            members = [a for a in newest if a.category.name == name][:limit]
            feeds.append(Feed(save_as, name, f"feeds/topics/{slugify(name)}",
                              [self._post_item(a, base, tz) for a in members]))
        write_feeds(pathlib.Path(self.output_path), feeds, base,
                    self.settings.get("SITENAME", "Digest"),
                    conf.get(self.settings, "DIGEST_TAG_AUTHORITY"), self._write)

    def _write_sitemap(self) -> None:
        base = self._absolute_base()
        urls = ["", "issues/", "archives/", "topics/", "companies/", "about/"]
        urls += [i.url for i in self.issues]
        urls += [a.url for a in sorted(self.context.get("articles", []), key=lambda a: a.slug)]
        body = "".join(f"<url><loc>{base}/{u}</loc></url>\n" for u in urls)
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")
        self._write("sitemap.xml", xml.encode("utf-8"))
        robots = f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"
        self._write("robots.txt", robots.encode("utf-8"))

    def _write_report(self) -> None:
        corpus = self.context.get("digest_corpus")
        if corpus is None:
            return
        issue_of = {a.slug: a.issue.slug for a in self.context.get("articles", [])
                    if getattr(a, "issue", None)}
        configured = conf.get(self.settings, "DIGEST_REPORT_PATH")
        out = pathlib.Path(self.output_path).resolve()
        path = pathlib.Path(configured) if configured else out.parent / f"{out.name}.report.json"
        write_report(path, build_report(corpus, issue_of))
        log.info("build report: %s", path)
