"""Classify a post into one primary topic (plus secondary ones) from a weighted term taxonomy.

The classifier is a pure function of (title, text, taxonomy): a post's topic never depends on
other posts. Text is tokenised into lowercase words with a light plural folding, so a term
such as "self-driving" matches "self driving", "Self-Driving" and "self-driving cars", and
"chip" matches "chips". Each taxonomy term may carry a weight ("robotaxi:2.0"; default 1.0).

Score of a topic = TITLE_WEIGHT * (sum of weights of its terms found in the headline)
                 + (sum over its terms found in the body of weight * (1 + ln count)) / length factor,
where the length factor grows with the square root of the body length, so a long article does
not outscore a short one just by repeating words. The best topic is primary when it reaches
``min_score``; other topics scoring at least SECONDARY_FRACTION of the best are secondary.
Ties go to the topic listed first in the taxonomy.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

OTHER = "Other"
TITLE_WEIGHT = 3.0          # a headline match counts this many times a single body match
LENGTH_UNIT = 250           # body tokens before the length damping starts
SECONDARY_FRACTION = 0.5    # secondary topics score at least this share of the best
MAX_SECONDARY = 2
MIN_SCORE = 2.5

DEFAULT_TAXONOMY: dict[str, list[str]] = {
    "AI": [
        "ai:1.5", "artificial intelligence:2", "generative ai:2", "genai:2", "agi:2",
        "artificial general intelligence:2", "large language model:2", "llm:2",
        "language model:1.5", "foundation model:1.5", "chatbot:1.5", "chatgpt:1.5", "openai",
        "machine learning:1.5", "deep learning:1.5", "neural network:1.5", "computer vision:1.5",
        "facial recognition:1.5", "face recognition:1.5", "image recognition",
        "speech recognition", "natural language processing", "text-to-image:1.5",
        "image generator:1.5", "image generation:1.5", "generative art:1.5", "diffusion model",
        "ai model:1.5", "ai startup:1.5", "algorithm:0.5", "training data", "prompt",
        "computing power", "autonomous agent",
    ],
    "Chips & hardware": [
        "chip:2", "chipmaker:2", "chipset:2", "semiconductor:2", "memory chip:2", "microchip",
        "integrated circuit:2", "wafer:1.5", "foundry:1.5", "fab", "lithography:2",
        "processor:1.5", "gpu:1.5", "cpu:1.5", "dram:2", "nand:2", "memory:0.5", "soc",
        "chip design:2", "chip designer:2", "eda", "modem", "smartphone", "handset",
        "phone maker", "consumer electronics", "hardware", "device:0.5", "5g", "server",
    ],
    "EVs & autonomy": [
        "electric vehicle:2", "ev:2", "electric car:2", "new energy vehicle:2", "nev:2",
        "automaker:2", "carmaker:2", "car maker:2", "autonomous driving:2", "self-driving:2",
        "driverless:2", "robotaxi:2", "autonomous vehicle:2", "lidar:1.5", "adas:1.5",
        "autopilot", "battery:1.5", "charging", "sedan:1.5", "suv:1.5", "vehicle", "car",
        "driving", "deliveries:0.5", "ride-hailing", "mobility", "gigafactory:1.5",
    ],
    "Fintech & crypto": [
        "fintech:2", "crypto:2", "cryptocurrency:2", "bitcoin:2", "blockchain:1.5",
        "stablecoin:2", "defi:2", "nft:1.5", "token", "digital currency:2", "digital yuan:2",
        "e-cny:2", "cbdc:2", "mining:0.5", "payment:1.5", "mobile payment:2", "wallet",
        "lending:1.5", "loan:1.5", "borrow:1.5", "borrower:1.5", "credit:1.5",
        "consumer credit:2", "microlending:2", "bank", "banking", "insurance", "wealth management",
        "financial services", "financial", "trading:0.5", "exchange:0.5", "crypto exchange:2",
    ],
    "E-commerce & consumer": [
        "e-commerce:2", "ecommerce:2", "online shopping:2", "online retail:2", "retail:1.5",
        "retailer:1.5", "marketplace:1.5", "shopping:1.5", "shopper", "consumer", "brand",
        "fashion:1.5", "apparel", "clothing", "food delivery:2", "grocery", "livestream", "live commerce:2",
        "social commerce:2", "merchant", "seller", "store", "short video", "social media",
        "gaming", "video game", "streaming", "app store", "super app", "influencer",
    ],
    "Policy & geopolitics": [
        "regulation:1.5", "regulator:1.5", "regulatory", "crackdown:2", "antitrust:2",
        "techlash:2", "government", "policy", "policymaker", "lawmaker", "legislation",
        "law", "sanction:2", "sanctioned:2", "blacklist:2", "blacklisted:2", "blacklisting:2",
        "entity list:2", "human rights:1.5",
        "export control:2", "ban:1.5", "banned:1.5", "banning:1.5", "national security:2", "trade war:2", "tech war:2",
        "decoupling:2", "tariff:1.5", "geopolitical:1.5", "geopolitics:1.5", "tension",
        "communist party:1.5", "xi jinping:1.5", "state council", "ministry", "commerce department",
        "congress", "white house", "biden", "trump", "beijing", "washington", "probe",
        "cybersecurity:1.5", "data security:1.5", "privacy", "security review:2", "censorship:1.5",
        "competition", "rivalry",
    ],
    "Robotics": [
        "robot:2", "robotic:2", "robotics:2", "humanoid:2", "industrial robot:2",
        "robot arm:2", "robotic arm:2", "cobot:2", "automation:1.5", "drone:1.5",
        "unmanned:1.5", "exoskeleton:2", "autonomous machine", "warehouse automation:2",
        "agricultural machinery", "manual labor", "labor shortage",
    ],
    "Funding & markets": [
        "funding:1.5", "funding round:2", "raise:1.5", "raised:1.5", "raising", "series a:2", "series b:2", "series c:2",
        "series d:2", "seed round:2", "pre-ipo", "investor:1.5", "venture capital:2", "vc",
        "valuation:2", "valued", "unicorn:2", "ipo:2", "initial public offering:2",
        "listing:1.5", "listed", "go public:2", "went public:2", "stock exchange:1.5", "share", "stock", "nasdaq", "nyse",
        "market cap", "market value", "acquisition:1.5", "acquire", "acquired", "merger", "earnings",
        "revenue", "profit", "quarterly", "invest", "investment", "round", "led by",
    ],
    "Going global": [
        "overseas:2", "abroad:2", "go global:2", "going global:2", "global expansion:2",
        "international expansion:2", "expand globally:2", "expand overseas:2",
        "foreign market:2", "overseas market:2", "international market:2", "western market:2",
        "global market", "international", "localization:1.5", "localisation:1.5",
        "joint venture:1.5", "re-enter:1.5", "enter the market", "europe", "southeast asia",
        "middle east", "latin america", "africa", "india", "the west", "western",
    ],
}


@dataclass
class TopicResult:
    """A post's primary topic, secondary topics and the terms behind each score."""

    primary: str
    secondary: list[str] = field(default_factory=list)
    terms: dict[str, list[str]] = field(default_factory=dict)  # topic -> matched terms
    scores: dict[str, float] = field(default_factory=dict)     # topic -> score, for reports


# bytes of the lowercased UTF-8 text: word characters ([a-z0-9]) kept, all others a space
_WORD_BYTES = bytes(c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """Fold simple English plurals so "chips" matches "chip" and "batteries" "battery"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    """The runs of [a-z0-9] in the lowercased text, split out with ``bytes.translate`` rather
    than a regex (every other character separates words)."""
    lowered = text.lower().encode("utf-8", "surrogatepass")
    return lowered.translate(_WORD_BYTES).decode("ascii").split()


def tokens(text: str) -> list[str]:
    """Lowercase folded word tokens; punctuation and hyphens separate words."""
    return list(map(_fold, _words(text)))


def _unfolded(word: str) -> list[str]:
    """The words that ``_fold`` turns into ``word``."""
    return [w for w in (word, word + "s", word[:-1] + "ies") if _fold(w) == word]


def _parse_term(spec: str) -> tuple[str, float]:
    """Split "phrase:2.0" into ("phrase", 2.0); a term without a weight weighs 1.0."""
    name, sep, weight = spec.rpartition(":")
    if sep:
        try:
            return name.strip(), float(weight)
        except ValueError:
            pass
    return spec.strip(), 1.0


@dataclass(frozen=True)
class _Index:
    """A taxonomy's terms as token n-grams."""

    grams: dict[tuple[str, ...], list[tuple[str, str, float]]]   # n-gram -> (topic, term, weight) entries
    # by each word (before folding) that folds into their word or first word:
    words: dict[str, tuple[str, ...]]           # one-word n-grams
    longer: dict[str, list[tuple[tuple[str, ...], list[frozenset[str]]]]]   # longer n-grams, with
    # the words (before folding) that fold into each of their further words


@lru_cache(maxsize=8)
def _index(frozen: tuple[tuple[str, tuple[str, ...]], ...]) -> _Index:
    """Map each term's token n-gram to the (topic, term, weight) entries that use it."""
    grams: dict[tuple[str, ...], list[tuple[str, str, float]]] = {}
    for topic, specs in frozen:
        for spec in specs:
            term, weight = _parse_term(spec)
            gram = tuple(tokens(term))
            if not gram:
                continue
            grams.setdefault(gram, []).append((topic, term, weight))
    words: dict[str, tuple[str, ...]] = {}
    longer: dict[str, list[tuple[tuple[str, ...], list[frozenset[str]]]]] = {}
    for gram in grams:
        for word in _unfolded(gram[0]):
            if len(gram) == 1:
                words[word] = gram
            else:
                longer.setdefault(word, []).append((gram, [frozenset(_unfolded(w)) for w in gram[1:]]))
    return _Index(grams, words, longer)


def _freeze(taxonomy: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((topic, tuple(terms)) for topic, terms in taxonomy.items() if topic != OTHER)


def _count(words: list[str], index: _Index) -> Counter[tuple[str, ...]]:
    """Count every term n-gram occurrence in ``words`` (overlapping terms all count), which
    are not folded: the index knows which words fold into each n-gram's words."""
    found: Counter[tuple[str, ...]] = Counter()
    for word, n in Counter(compress(words, map(index.words.__contains__, words))).items():
        found[index.words[word]] += n
    longer = index.longer
    for i in compress(range(len(words)), map(longer.__contains__, words)):
        for gram, further in longer[words[i]]:
            if i + len(gram) <= len(words) and all(map(frozenset.__contains__, further, words[i + 1:i + len(gram)])):
                found[gram] += 1
    return found


def score(title: str, text: str, taxonomy: dict[str, list[str]] = DEFAULT_TAXONOMY
          ) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Per-topic scores and matched terms, in taxonomy order."""
    index = _index(_freeze(taxonomy))
    body_words = _words(text)
    in_title = _count(_words(title), index)
    in_body = _count(body_words, index)
    length = math.sqrt(max(1.0, len(body_words) / LENGTH_UNIT))
    scores = {topic: 0.0 for topic in taxonomy if topic != OTHER}
    terms: dict[str, list[str]] = {}
    for gram in sorted(set(in_title) | set(in_body)):
        for topic, term, weight in index.grams[gram]:
            value = TITLE_WEIGHT * weight if gram in in_title else 0.0
            if gram in in_body:
                value += weight * (1.0 + math.log(in_body[gram])) / length
            scores[topic] += value
            terms.setdefault(topic, []).append(term)
    return scores, {t: terms[t] for t in scores if t in terms}


def classify(title: str, text: str, taxonomy: dict[str, list[str]] = DEFAULT_TAXONOMY,
             min_score: float = MIN_SCORE) -> TopicResult:
    """Pick the primary topic (OTHER below ``min_score``) and the close-scoring secondaries."""
    scores, terms = score(title, text, taxonomy)
    order = list(scores)
    ranked = sorted(order, key=lambda t: (-scores[t], order.index(t)))
    rounded = {t: round(s, 3) for t, s in scores.items() if s > 0}
    if not ranked or scores[ranked[0]] < min_score:
        return TopicResult(OTHER, [], terms, rounded)
    best = scores[ranked[0]]
    secondary = [t for t in ranked[1:] if scores[t] >= max(min_score, SECONDARY_FRACTION * best)]
    return TopicResult(ranked[0], secondary[:MAX_SECONDARY], terms, rounded)


_STOP = frozenset(
    "a an and are as at be been but by can could did do does for from had has have he her his "
    "how i if in into is it its just last like more most much new not now of on one or our out "
    "over said say says she so some than that the their them then there these they this those "
    "to two up us very was we were what when where which while who will with would year you "
    "also about after all any back because before being between both during each even first "
    "get got just made make many may might month next only other own per same should since "
    "still such take three through time under until way well week yet according told"
    .split()
)


def suggest_topics(texts_of_other_posts: list[str], top: int = 10) -> list[tuple[str, int]]:
    """Frequent distinctive words among posts that fell in OTHER, as (word, post count).

    A word counts once per post; stop words, numbers and short words are ignored, and only
    words found in at least two posts are suggested. Ties sort alphabetically.
    """
    seen: Counter[str] = Counter()
    for text in texts_of_other_posts:
        seen.update({w for w in tokens(text)
                     if len(w) > 2 and not w.isdigit() and w not in _STOP})
    ranked = sorted(((w, n) for w, n in seen.items() if n >= 2), key=lambda x: (-x[1], x[0]))
    return ranked[:top]
