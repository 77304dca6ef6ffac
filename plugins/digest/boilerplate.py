"""Recognise boilerplate lines in raw dumps: site chrome that is not article text.

Each check looks at general signals only: the shape of a line (length,
punctuation, case, a bare number), stopword density and language, stock
phrases of web chrome (share bars, cookie banners, promos, credits, footers),
and repetition within a file and across the corpus. Every check returns a
short drop reason such as "boilerplate:promo", or None when the line may be
article text.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from . import langscore
from .textnorm import (
    RULE_LINE, ends_sentence, fold, normalize_line, stopword_ratio, word_count, word_total, words,
)

SHORT_WORDS = 10          # a "short line" for repetition purposes
TEMPLATE_MAX_WORDS = 30   # a templated line (same wording, other names) is at most this long
TEMPLATE_MIN_FIXED = 4    # ... and keeps at least this many fixed words
TEMPLATE_FIXED_SHARE = 0.6
INTRO_WORDS = 60          # a newsletter's (or a live blog's) greeting paragraph
META_FIELD_WORDS = 7      # a field of a post's metadata bar

_I = re.IGNORECASE
# words that open a sentence after "By" ("By Monday, ...", "By contrast, ..."), not a name
_NOT_NAMES = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
             "july|august|september|october|november|december|the|then|now|contrast|comparison|law|far")
# a bare job title under an author's name: "Senior reporter", "Gadgets editor"
_JOB_TITLE = re.compile(
    r"^(\w+\s+){0,2}(reporter|writer|editor|correspondent|columnist|contributor|journalist)s?$", _I)
# a button to follow a writer or a site: "Follow", "+ Follow", "Follow publication"
FOLLOW_BUTTON = re.compile(r"^\+?\s*(follow|following|unfollow)( (author|publication|writer|us))?$", _I)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("boilerplate:counter", re.compile(
        r"^[\W_]*\d[\d,.\s]*[km]?[\W_]*$|^[\W_]*(no|\d[\d,.]*[km]?)\s+(comments?|replies|responses|shares|likes|views|"
        r"points?|votes?|upvotes?|reactions?)\b.{0,3}$"
        r"|^(comments?|replies|views|shares|likes)\s*[:(]?\s*\d+\)?$", _I)),
    ("boilerplate:credit", re.compile(
        r"^[(\[]?(image|photo|picture|video|graphic|illustration|header image|featured image)s?\s*"
        r"(credits?|courtesy|source|by)?\s*[:\-|]|^(credits?|courtesy|photograph)\s*:|"
        r"\b(getty images|shutterstock|istock(photo)?|reuters/|afp via|ap photo)\b"
        r"|^\(?(photo(graph)?|illustration|graphic|image|picture)s? by\b"
        # a caption ending in its credit: "... at the lab in Hangzhou. Photo: Qiantang Micro"
        r"|(^|[.!?]\s+|\()(photo(graph)?|illustration|graphic|image|picture)s?\s*(credit)?\s*:\s*[^.!?:]{1,60}\)?$", _I)),
    ("boilerplate:byline", re.compile(
        r"^(?i:by|written by|words by|story by|text by|article by|reporting by|posted by|author:)\s+"
        r"(?!(?i:%s)\b)[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3}"
        r"(\s+(?i:staff|reporters?|correspondents?|writers?|team|desk))?"     # "By Lantern staff"
        r"(\s*(,|\||-|\u00b7|\u2022|and|&|on|in|for)\s*.{0,60}(?<![.!?]))?$" % _NOT_NAMES)),
    # a user name with pipe- or dot-separated post metadata: "Posted by jdoe_99 | 4 comments | Share",
    # or with the post's age: "submitted 5 days ago by u/jdoe · flair: Fintech"
    ("boilerplate:byline", re.compile(
        r"^(posted|submitted|shared) by\s+@?[\w.\-]+(\s*[|\u00b7\u2022]\s*[^|\u00b7\u2022]{1,30}){1,4}$"
        r"|^(posted|submitted|shared)\s+(\d+|an?)\s+(mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago"
        r"\s+by\s+@?[\w./\-]+(\s*[|\u00b7\u2022]\s*[^|\u00b7\u2022]{1,30}){0,4}$", _I)),
    # a forum post's header: "Post by jdoe » Tue Oct 18, 2022 8:42 am", "Reply by jdoe | 3 hours ago"
    ("boilerplate:byline", re.compile(
        r"^(post|posted|reply|replied|message|comment)\s+by\s+@?[\w.\-]+\s*[\u00bb\u203a|\u00b7\u2022>-]\s*"
        r"[^.!?]{0,40}(\d|\bago\b|yesterday|today)[^.!?]{0,20}$", _I)),
    # a reposter's note on the text that follows: "Pasting the article text since the site is
    # behind a paywall:", "Full text below, original link in the first comment.", "(my own translation)"
    ("boilerplate:repost-note", re.compile(
        r"^(pasting|copying|posting|reposting)\s+(the\s+)?(full\s+|whole\s+)?(article|story|text)\b[^.!?]{0,60}"
        r"(:$|\b(since|because|below|here)\b)"
        r"|^(the\s+)?(full|whole|article)\s+text\s+(is\s+)?below\b"
        r"|\b(original|source)\s+(link|url)\b[^.!?]{0,30}\bcomments?\b"
        r"|^\(?(my|our)\s+(own\s+)?(rough\s+|quick\s+|machine\s+)?translation\b", _I)),
    # a name and an agency or outlet, or a social handle: "Jane Doe / Harbor Wire", "Jane Doe @jdoe"
    ("boilerplate:byline", re.compile(
        r"^[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){1,3}\s*([/|]\s*[A-Z][\w&.'\-]*(\s+[A-Z][\w&.'\-]*){0,3}|@\w+)$")),
    # a name and a job title: "Jane Doe, Staff Writer"
    ("boilerplate:byline", re.compile(
        r"^[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){1,3},\s+(?i:(\w+\s+){0,2}(reporter|writer|editor|correspondent|"
        r"columnist|contributor|journalist)s?)$")),
    # credit for the text at its end, or where it first ran
    ("boilerplate:byline", re.compile(
        r"^[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){1,3}((,\s*|\s+and\s+)[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){1,3})*\s+"
        r"contributed (reporting|research|to this (report|story|article))\.?$"
        r"|^(?i:(this|a version of this) (article|story|post|piece)\s+(was |has been |is )?(originally |first )?"
        r"(appeared|published|ran|posted))\b"
        r"|^(?i:(originally|first) (published|appeared|ran|posted) (in|on|at|by))\b[^.!?]{0,80}\.?$")),
    # who asked the questions, and how the text was edited: "Interview by Jane Doe. Edited for length."
    ("boilerplate:byline", re.compile(
        r"^(?i:(interview|interviewed|conversation|translated|translation|transcribed)\s+by)\s+"
        r"[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3}\.?(\s+[^.!?]{0,60}\bfor\s+(?i:length|clarity|brevity)\.?)?$"
        r"|^(?i:(this (interview|conversation|transcript) (has been|was|is) )?(lightly )?(edited|condensed)"
        r"( and (edited|condensed))? for (length|clarity|brevity)( and (length|clarity|brevity))?)\.?$")),
    # a labelled credit line for the text: "Words: Jane Doe", "Source: Harbor Post | Jane Doe"
    ("boilerplate:byline", re.compile(
        r"^(words|text|author|writer|reporter|story)\s*:\s*[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3}"
        r"(\s*(,|and|&)\s*[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3})*$|^source\s*:\s*\S.{0,80}$", _I)),
    ("boilerplate:byline", _JOB_TITLE),
    # a newsletter's colophon: "The Byte Route is written in Osaka and Singapore by Jane Doe and …"
    ("boilerplate:byline", re.compile(
        r"^(The\s+)?([A-Z][\w'\u2019&\-]*\s+){1,4}is\s+(written|edited|produced|compiled|curated|put together)"
        r"\b[^.!?]{0,80}\bby\s+[A-Z][^.!?]{0,80}\.?$")),
    # "From our Seoul correspondent", "Our technology desk"
    ("boilerplate:byline", re.compile(
        r"^(from\s+)?(our|a)\s+(\w+\s+){0,2}(correspondents?|reporters?|bureau|desk|staff)$", _I)),
    # a sign-off under a story: a dash and the writer's initials or name ("— mk", "-- Jane Doe")
    ("boilerplate:byline", re.compile(r"^(-{1,2}|\u2014|\u2013)\s*[^\W\d_][\w.'\u2019\-]*(\s+[^\W\d_][\w.'\u2019\-]*){0,2}$")),
    ("boilerplate:byline", re.compile(
        r"^[(\[-]*\s*((additional|editing|writing)\s+)?(reporting|writing|editing|edited|compiled|research)\s+by\s+"
        r"[A-Z][^()\[\]]{0,150}[)\]]?$|^[(\[]?\s*(reporting|editing) by\b.*[;,]\s*(additional reporting|editing|"
        r"writing) by\b", _I)),
    # a chat export's message stamp: "[14.02.2025 08:01] Asia Tech Brief:", "[3/4/24, 9:15 PM] Jane Doe:"
    ("boilerplate:timestamp", re.compile(
        r"^\[\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?\]\s*[^.!?]{0,60}:?$", _I)),
    # a bare time stamp, as above each entry of a live blog: "16:42 HKT", "9.05am"
    ("boilerplate:timestamp", re.compile(r"^\d{1,2}[:.]\d\d\s*([ap]\.?m\.?)?\s*([A-Z]{2,5})?$", _I)),
    ("boilerplate:timestamp", re.compile(
        r"^(published|updated|posted|last updated|first published|modified|last modified|archived|captured|"
        r"retrieved|accessed|saved|scraped|crawled|fetched)\b\s*:?\s*(on\s+|at\s+)?"
        r".{0,60}?(\d{1,2}[:.]\d{2}|\b\d{4}\b|\bago\b|\b(today|yesterday)\b)", _I)),
    ("boilerplate:comment-meta", re.compile(
        r"^\S+(\s+\S+){0,2}\s*([\u00b7\u2022|]\s*(\d+\s*(mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)|"
        r"an? (minute|hour|day|week|month|year))|\s\d+(s|m|h|d|w|mo|y))\s+ago$"
        r"|^\S+(\s+\S+){0,3}\s*[\u00b7\u2022|]\s*\d[\d,.]*[km]?\s+(points?|votes?|upvotes?|likes?)$"
        r"|^(\[[-+\u2013]\]\s*)?\S+\s+\d[\d,.]*[km]?\s+(points?|votes?|upvotes?|likes?)\s+"   # "[–] u/jdoe  642 points
        r"(\d+\s*(mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)|an? (minute|hour|day|week|month|year))"
        r"\s+ago$", _I)),                                                          #  5 days ago"
    ("boilerplate:tags", re.compile(
        r"^(tags?|tagged( with| in| as)?|topics?|filed (under|in)|posted in|categor(y|ies)|keywords|labels?)\s*:\s*\S",
        _I)),
    ("boilerplate:separator", RULE_LINE),
    ("boilerplate:newsletter", re.compile(
        r"\b(unsubscribe|you are receiving this|update (your )?(email |subscription )?preferences|"
        r"manage (your )?(subscriptions?|newsletters?|alerts)|view (this email )?in (your )?browser|"
        r"forward (this|it) to (a|your) "
        r"(friend|colleague)|that'?s (it|all) for (this|today|now)|delivered (straight )?to your inbox|"
        r"enter your email( address)?$|"
        r"(live (blog|coverage)|this blog) (has|is) (now )?(ended|closed|closing|over)|"   # a live blog's status
        r"(our|the|this) (live )?(blog|coverage) (returns|will return|resumes|will resume))", _I)),
    ("boilerplate:share", re.compile(
        r"^(share( this)?( article| story| post| on)?|tweet|email|print|copy link|pin it|whatsapp)\b.{0,60}$"
        rf"|{FOLLOW_BUTTON.pattern}"
        r"|^click to (share|email|print)\b|^(save|bookmark)( (this|the))?( (article|story|for later))?$"
        r"|^((facebook|twitter|linkedin|reddit|whatsapp|email|pinterest|telegram|x)\W*){2,}$", _I)),
    ("boilerplate:cookie", re.compile(
        r"\b(we use cookies|(site|website|page) uses cookies|accept (all )?cookies|cookie (policy|settings|"
        r"preferences|consent))\b|^(accept( all)?( cookies)?|reject all|manage (cookies|preferences)|"
        r"got it|i agree)\W*$", _I)),
    ("boilerplate:ad", re.compile(
        r"^(advertisement|advertising|sponsored( content)?|ad|promoted|paid (post|content)|"
        r"(story )?continues? (below|after) (the )?(advertisement|ad)|scroll to continue.*)\W*$"
        r"|^((presented|brought to you|sponsored|supported|underwritten) by|in (partnership|association) with)"
        r"\s+[^.!?]{1,50}$|^(advertisement|advertising|ad)\s*[-\u00b7|:]\s*(scroll|continue|story continues)[^.]{0,40}$"
        r"|^(sponsored|promoted|partner|paid|brand(ed)?)\s+(content|post|story|partnership|message|feature)\W*$"
        r"|^(ad feedback|report (this|an) ad)$", _I)),
    ("boilerplate:promo", re.compile(
        r"^(related|see also|read (more|also|next))( articles?| stories| posts| reading| coverage)?\s*:|"
        r"^(read (more|next|also|the full)|see also|in (this|today'?s) (issue|edition)|"
        r"subscribe|sign up|click here|follow us|download (our|the) app|join (our|the) (newsletter|"
        r"mailing list)|get (our|the) (newsletter|latest)|don'?t miss|recommended( for you)?$|"
        r"(you (might|may) (also )?like)|most (read|popular|viewed|shared)|trending( now| stories)?$|"
        r"more (from|stories|news|on this)|popular (posts|stories)|top stories$|latest (news|stories)$|"
        r"continue reading|view (all|more)|load more|show more|also read|editors'? picks|recommended reading|"
        r"already (a )?(subscriber|member)|contact the (author|reporter|writer))\b"
        r"|^(read|see|view|watch|listen to|download|get|visit|open)\b.{0,80}\s(\u2192|\u00bb|\u203a|>)$", _I)),
    # an offer to subscribe, whatever its length: "Meridian Pro: unlimited articles … First month $1."
    ("boilerplate:subscription", re.compile(
        r"\bunlimited (digital )?(access|articles|reading|stories)\b"
        r"|\bfirst (week|month|year|\d+ (days|weeks|months))\s+(for\s+)?([$\u00a3\u20ac\u00a5]\s?\d|free)\b", _I)),
    # the sender asking readers to write in: "Got a question? Reply to this email and …"
    ("boilerplate:reader-prompt", re.compile(
        r"(^|[.!?]\s+)(just\s+|simply\s+)?(hit\s+)?reply to (this|the|our) (email|e-mail|newsletter|message)\b"
        r"|\breply to this (email|e-mail|newsletter)\b|^(got|have) a (question|tip|story idea)\b[^.!?]{0,20}\?"
        r"\s*(reply|write|email|e-mail|send|drop|get in touch|let us know)\b", _I)),
    # an editor's note on the post itself: "This post has been updated to correct …"
    ("boilerplate:editor-note", re.compile(
        r"^this (post|article|story|report|piece|entry) (has been|was|is being) (updated|corrected|amended)\b"
        r"|^(an earlier|a previous) version of this (post|article|story|report|piece)\b", _I)),
    ("boilerplate:comment-prompt", re.compile(
        r"^(leave a (reply|comment)|post a comment|add (a|your) comment|join the (conversation|discussion)|"
        r"comments?( are)? closed|write a comment|your email address will not be published|"
        r"(user|reader)s? reviews?|rate this( article)?|sending|submit|(log|sign) ?in to (reply|comment|post|join))\b",
        _I)),
    ("boilerplate:widget", re.compile(
        r"\b(rating|ratings|reviews?)\b.*\d|^\d+(\.\d+)?\s*/\s*\d+$|^(like|dislike|reply|report)$"
        r"|^listen to (this|the) (article|story)\b|\b\d+\s*-?\s*(min|mins|minutes?)\s+(read|listen)$"
        r"|^(estimated )?(reading|read) time\s*:?\s*\d", _I)),
    # an entry of a table of contents: a headline with its reading time, "Kirinada's subsidy (4 min)"
    ("boilerplate:contents", re.compile(r"\(\s*\d{1,2}\s*-?\s*(min|mins|minutes?)(\s+read)?\s*\)$", _I)),
    ("boilerplate:footer", re.compile(
        r"(©|\(c\)\s*\d{4}|^copyright\b|all rights reserved|^(powered|created|designed|built) by\b|"
        r"^(terms (of (use|service))?|privacy( policy)?|contact us|about us|sitemap|imprint)\b.{0,40}$)", _I)),
    ("boilerplate:navigation", re.compile(
        r"^page \d+ of \d+\b.{0,40}$|^.{0,30}[|\u00b7\u2022]\s*page \d+ of \d+$"     # "« Previous page | Page 2 of 2"
        r"|^[\u00ab\u2039<\u2190]\s*(previous|prev|next|older|newer) (page|article|post|story)\b.{0,40}$", _I)),
    # a video or audio player: "Watch: Inside the plant 0:45", "▶ Listen to this story"
    ("boilerplate:widget", re.compile(
        r"^(watch|video|listen|audio|play)\s*:.{1,120}\s\(?\d{1,2}:\d\d\)?$|^[\u25b6\u25ba\u23f5]", _I)),
    ("boilerplate:navigation", re.compile(
        r"^(home|news|menu|search|skip to (main )?content|back to top|next (article|post|story)|"
        r"previous (article|post|story)|(older|newer) posts?)\W*$|^(\w[\w ]{0,20}\s*(›|»|>|/|\|)\s*){2,}\w[\w ]{0,20}$", _I)),
]

_ROLE = re.compile(
    r"\b(founder|co-?founder|ceo|cto|cfo|coo|chief|president|chairman|chairwoman|chair|director|"
    r"partner|head|vice|vp|executive|officer|manager|minister|professor|secretary|spokes(man|woman|person)|"
    r"analyst|editor|reporter|engineer|scientist|researcher|governor|senator|mayor|at|of)\b", _I)
_CAPTION_LEAD = re.compile(r"^(?:[A-Z][\w.'\-]*\s+){1,3}[A-Z][\w.'\-]*\s*,\s+\S")
_BIO = re.compile(
    r"^[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s+(is|was|has been|covers|writes)\s+.{0,80}\b"
    r"(reporter|writer|editor|journalist|correspondent|columnist|contributor|author|"
    r"freelance|staff|bureau chief|covers|blogger)\b", _I)


# Phrase families that are whole-line by nature: they count in a line of any length.
_ANY_LENGTH = frozenset({"boilerplate:cookie", "boilerplate:footer", "boilerplate:separator"})
LONG_LINE_WORDS = 25      # longer lines are checked for those families only
# Families that a full sentence of more than SENTENCE_WORDS words is not (unless it ends in ":").
_NOT_SENTENCES = frozenset({"boilerplate:contents", "boilerplate:promo", "boilerplate:share", "boilerplate:widget", "boilerplate:tags",
                            "boilerplate:comment-prompt", "boilerplate:timestamp", "boilerplate:newsletter",
                            "boilerplate:repost-note"})
SENTENCE_WORDS = 14
_LONG_PATTERNS = [(r, p) for r, p in _PATTERNS if r in _ANY_LENGTH]
_SENTENCE_PATTERNS = [(r, p) for r, p in _PATTERNS if r not in _NOT_SENTENCES]
# Lowercase strings one of which every match of a family contains: anywhere in the line (the
# first tuple) or at its start (the second; the family's patterns anchored there). A line holding
# none of them skips that family's regex (the any-length families would scan whole paragraphs).
_NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "boilerplate:cookie": (("cookie",), ("accept", "reject all", "manage", "got it", "i agree")),
    "boilerplate:footer": (("\u00a9", "(c)", "all rights reserved"),
                           ("copyright", "powered by", "created by", "designed by", "built by", "terms",
                            "privacy", "contact us", "about us", "sitemap", "imprint")),
}
# The characters other than ASCII letters that IGNORECASE matches to an ASCII letter and that
# fold() leaves alone, where lowercasing does not give that letter alone.
_CASE_ODD = ("\u0130", "\u0131")   # dotted capital I, dotless small i


def pattern_reason(text: str) -> str | None:
    """Reason for a line that matches a stock chrome phrase or shape, else None.

    Long lines are only checked for the families that count at any length, a
    full sentence skips the families a sentence is not, and a family whose
    necessary words (``_NEEDS``) are all missing skips its regex.
    """
    s = fold(text)
    if not s:
        return None
    n = word_total(text)
    if n > LONG_LINE_WORDS:
        patterns = _LONG_PATTERNS
    elif n > SENTENCE_WORDS and ends_sentence(s) and not s.endswith(":"):
        patterns = _SENTENCE_PATTERNS
    else:
        patterns = _PATTERNS
    low = None if any(map(s.__contains__, _CASE_ODD)) else s.lower()
    for reason, pat in patterns:
        needs = _NEEDS.get(reason)
        if (needs is not None and low is not None
                and not (any(map(low.__contains__, needs[0])) or low.startswith(needs[1]))):
            continue
        if pat.search(s):
            return reason
    if is_metadata_bar(s):
        return "boilerplate:meta"
    return "boilerplate:navigation" if is_menu_bar(s) else None


MENU_ITEMS = 3          # a menu bar has at least this many items ...
MENU_ITEM_WORDS = 3     # ... of at most this many words, each capitalised


def is_menu_bar(text: str) -> bool:
    """A site's menu: a row of capitalised labels split by bars, dots or runs of spaces,
    none a sentence ("Menu   Search   Subscribe   Log in", "Latest · Markets · Podcasts")."""
    if not ("  " in text or any(map(text.__contains__, _META_MARKS))):
        return False
    items = [t for t in _MENU_SPLIT.split(text.strip()) if t]
    return len(items) >= MENU_ITEMS and all(
        t[0].isupper() and len(t.split()) <= MENU_ITEM_WORDS and not ends_sentence(t) for t in items)


_META_MARKS = ("|", "\u00b7", "\u2022")
_META_SPLIT = re.compile(r"\s*[|\u00b7\u2022]\s*")
_SPACED_SPLIT = re.compile(r"\s{2,}")
_MENU_SPLIT = re.compile(rf"{_META_SPLIT.pattern}|\s{{2,}}")
_META_FIELD = re.compile(
    r"\b\d[\d,.]*[km]?\s+(comments?|points?|votes?|upvotes?|views?|shares?|likes?|replies|min(ute)?s? read)\b"
    r"|\bago$|^(share|reply|report|save|hide|flag|permalink|like|edit|parent|context)$"
    r"|^showing\s+\d", _I)
# a labelled field of a listing's filter bar: "Category: Technology", "Region: Asia-Pacific"
_LABEL_FIELD = re.compile(r"^[^\W\d_][\w&/\- ]{0,20}:\s*\S")


def is_metadata_bar(text: str) -> bool:
    """A row of short fields split by bars or dots (or, three fields at least, by runs of
    spaces), one of them a counter, an age or a post action: "120 points by jdoe 4 hours ago |
    hide | 87 comments", "431 comments   share   save   report"."""
    s = fold(text)
    if any(map(s.__contains__, _META_MARKS)):
        fields = [f for f in _META_SPLIT.split(s) if f]
    elif "  " in s:
        fields = [f for f in _SPACED_SPLIT.split(s.strip()) if f]
        if len(fields) < MENU_ITEMS:
            return False
    else:
        return False                    # one field at most
    return (len(fields) >= 2 and all(len(f.split()) <= META_FIELD_WORDS for f in fields)
            and not ends_sentence(s) and (any(_META_FIELD.search(f) for f in fields)
                                          or sum(bool(_LABEL_FIELD.match(f)) for f in fields) >= 2))


_GREETING = re.compile(r"^(good (morning|afternoon|evening)|hello|hi|hey|greetings|welcome)\b", _I)
_SELF_REFERENCE = re.compile(
    r"\b(this (newsletter|email|issue|edition|briefing)|today'?s (newsletter|issue|edition|briefing|email)|"
    r"(stories|items|things|links|reads) (for you )?(today|this week)|"
    r"our (live )?(coverage|blog|newsletter|briefing|roundup)|stay (with us|tuned)|hit reply)\b", _I)


def is_newsletter_intro(text: str) -> bool:
    """A short greeting that talks about the newsletter or live blog itself ("Good morning. Three
    stories today ...", "Welcome to our live coverage ... Stay with us"): the sender addressing
    readers, not a news story."""
    s = fold(text)
    return word_total(text) <= INTRO_WORDS and bool(_GREETING.match(s)) and bool(_SELF_REFERENCE.search(s))


def template_key(text: str) -> str | None:
    """The wording of a line with its names, numbers and user handles masked, for lines a site
    stamps out from one template ("This story first ran in <Outlet>", "Filed under: <Topic> ·
    <n> min read"); None when too little of the line is fixed wording to call it a template."""
    if not 2 <= word_total(text) <= TEMPLATE_MAX_WORDS:
        return None
    toks = fold(text).split()
    out: list[str] = []
    fixed = 0
    for k, tok in enumerate(toks):
        core = tok.strip("\"'()[],;:.!?")
        if any(map(str.isdigit, core)) or "_" in core or "@" in core or (k > 0 and core[:1].isupper()):
            if not out or out[-1] != "#":       # a run of masked tokens is one slot
                out.append("#")
            continue
        out.append(tok.lower())
        fixed += any(map(str.isalpha, core))
    if fixed < TEMPLATE_MIN_FIXED or fixed < TEMPLATE_FIXED_SHARE * len(toks):
        return None
    return " ".join(out)


def is_job_title(text: str) -> bool:
    """A line that is only a journalist's job title ("Science correspondent")."""
    return bool(_JOB_TITLE.match(fold(text)))


def is_caption(text: str) -> bool:
    """A photo caption naming a person and role: "Jane Roe, founder of Acme" (no full stop)."""
    s = fold(text)
    n = word_total(text)
    if n > 14 or s.endswith((".", "?", "!", '"')) or not _CAPTION_LEAD.match(s):
        return False
    tail = s.split(",", 1)[1]
    return bool(_ROLE.search(tail)) and not re.search(r"\b(said|says|told|is|was|will|has)\b", s)


def is_alt_text(text: str) -> bool:
    """A short lowercase keyword string left from an image's alt attribute."""
    if not 1 <= word_total(text) <= 5:
        return False
    s = fold(text)
    ws = s.split()
    return (s == s.lower() and not ends_sentence(s)
            and all(re.fullmatch(r"[a-z0-9\-_]+", w) for w in ws) and any(c.isalpha() for c in s))


def is_bio(text: str) -> bool:
    """The opening of an author bio: "Jane Doe is a reporter who covers ..."."""
    return bool(_BIO.match(fold(text))) and len(words(text)) <= 90


def load_language_model() -> None:
    """Load the language-ID model now (it is loaded on first use otherwise): a parent process
    that forks workers loads it once for all of them instead of once in each."""
    langscore.load()


# The language IDs read as English: English, and Nigerian Pidgin, an English-lexified creole the
# model picks for short English lines made mostly of names ("Serimas buys rival Lumitek for RM800m").
ENGLISH_LABELS = frozenset({"en", "pcm"})
FOREIGN_WORDS = 8           # a paragraph this long (in words) can be told apart by language ...
FOREIGN_WIDE_CHARS = 20     # ... or with this many wide (CJK) characters


def _is_wide(text: str) -> bool:
    """A paragraph of a script written without spaces: ``FOREIGN_WIDE_CHARS`` wide characters."""
    return (len(text) >= FOREIGN_WIDE_CHARS and not text.isascii()
            and sum(unicodedata.east_asian_width(c) in "WF" for c in text) >= FOREIGN_WIDE_CHARS)


def are_foreign(texts: list[str]) -> list[bool]:
    """For each paragraph, whether it is not English: long enough to tell its language, low
    English stopword density and a language ID other than English (the paragraphs in doubt
    are identified together). Long enough is ``FOREIGN_WORDS`` words; a paragraph of a script
    written without spaces (``_is_wide``) is in doubt too where the file's paragraphs of words
    outnumber those (a promo in Japanese under English stories, not a story in Chinese)."""
    spaced = [word_count(text) >= FOREIGN_WORDS for text in texts]
    wide = [not long and _is_wide(text) for long, text in zip(spaced, texts)]
    if sum(wide) * 2 > sum(spaced):
        wide = [False] * len(texts)
    doubtful = [k for k, text in enumerate(texts)
                if (spaced[k] or wide[k]) and stopword_ratio(text) < 0.25]
    out = [False] * len(texts)
    for k, lang in zip(doubtful, langscore.classify_many([texts[k] for k in doubtful])):
        out[k] = lang not in ENGLISH_LABELS
    return out


def line_counts(lines: Iterable[str]) -> dict[str, int]:
    """How often each normalised non-blank line occurs."""
    counts: dict[str, int] = defaultdict(int)
    for s in lines:
        if s.strip():
            counts[normalize_line(s)] += 1
    return counts


def is_short(text: str) -> bool:
    """Short enough to be chrome when repeated (a few words)."""
    return word_total(text) <= SHORT_WORDS
