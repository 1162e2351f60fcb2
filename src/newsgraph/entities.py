"""Entities: the actors an article mentions, each with all its mentions (docs/CONTRACT.md).

Registered as the spaCy component ``newsgraph_entities``; results in ``doc._.ng_entities``
(the list of :class:`Entity`) and ``doc._.ng_mentions`` (the :class:`ArticleEntities`
registry, which the statements component uses to resolve speakers and to add the
entities it finds, such as unnamed sources).

Entities start from the named-entity recogniser (PERSON, ORG, GPE, NORP, LOC, FAC). A
person's mention is widened over the titles written before the name ("French President
Emmanuel Macron", role "French President"), and mentions are grouped without any
coreference model: a surname joins the most recent person of that name ("Putin" ->
"Vladimir Putin"), an acronym the organisation whose initials it spells ("SDF" ->
"Syrian Democratic Forces", "U.S." -> "United States"), a name written with or without
"the" or accents joins the same entity. The entity's name is its most complete mention.
When the actor knowledge base (:mod:`newsgraph.actors`) knows a name, its kind, code,
sector and role are used.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import default_kb
from .cues import words
from .model import Entity, EntityKind, Mention

#: NER labels that name actors, and the entity kind each gives.
NER_KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "state",
    "NORP": "group",
    "LOC": "location",
    "FAC": "location",
}

#: Words of a title written before a person's name ("Foreign Minister", "Gen.").
TITLE_WORDS = words("""
    president vice prime minister foreign defence defense interior finance home state
    secretary chancellor general director senator sen sen. rep rep. representative governor
    mayor king queen prince princess sheikh ayatollah pope chief commissioner ambassador
    spokesman spokeswoman spokesperson judge justice dr dr. mr mr. mrs mrs. ms ms. miss lord
    lady sir gen gen. col col. lt lt. sgt sgt. colonel lieutenant captain admiral emir
    sultan premier deputy acting former supreme leader constable police crime head ceo
    chairman chairwoman chair president-elect secretary-general minister-president
    cardinal archbishop bishop rabbi imam reverend rev rev. father sister brother professor
    prof prof. attorney counsel marshal commander officer envoy consul speaker whip
    congressman congresswoman assemblyman councillor councilor alderman crown grand
    dame duke duchess earl baron baroness senior junior assistant associate executive
    managing first lady opposition party labour labor conservative democratic republican
    democrat chief-of-staff staff special national security adviser advisor
    """)

_FEMALE_TITLES = frozenset(
    {
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "queen",
        "princess",
        "lady",
        "dame",
        "duchess",
        "baroness",
        "sister",
        "congresswoman",
        "chairwoman",
        "spokeswoman",
    }
)
_MALE_TITLES = frozenset(
    {
        "mr",
        "mr.",
        "king",
        "prince",
        "lord",
        "sir",
        "duke",
        "earl",
        "baron",
        "father",
        "brother",
        "congressman",
        "chairman",
        "spokesman",
        "sheikh",
        "emir",
        "sultan",
    }
)

_NAME_STOPWORDS = frozenset(
    {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "in", "on", "&"}
)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case without accents, dots or possessive: the key names are compared by."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace(".", "")
    if text.endswith("'s"):
        text = text[:-2]
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def initials(name: str) -> str:
    """The acronym a name spells ("United States" -> "us", "Syrian Democratic Forces" -> "sdf")."""
    words = [w for w in fold(name).replace("-", " ").split() if w not in _NAME_STOPWORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def is_acronym(text: str) -> bool:
    """Whether ``text`` is written as an acronym ("SDF", "U.S.", "NATO")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


@dataclass
class EntityState:
    """An entity and what resolution needs to know about it."""

    entity: Entity
    keys: set[str] = field(default_factory=set)
    name_tokens: tuple[str, ...] = ()
    titles: set[str] = field(default_factory=set)
    nationality: set[str] = field(default_factory=set)
    gender: str | None = None
    plural: bool = False
    mention_tokens: list[tuple[int, int]] = field(default_factory=list)
    subject_tokens: set[int] = field(default_factory=set)
    name_counts: dict[str, int] = field(default_factory=dict)
    animate: bool = True  # False for documents and things that speak only as sources
    known_name: str | None = None  # the actor knowledge base's full name, when it knows the entity

    @property
    def kind(self) -> EntityKind:
        return self.entity.kind


class ArticleEntities:
    """The entities of one article: built from NER, then extended by the statements component."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.states: list[EntityState] = []
        self._token_entity: dict[int, EntityState] = {}
        self._kb = default_kb()
        self._sorted_mentions: list[tuple[int, EntityState]] | None = None
        self._sorted_starts: list[int] = []
        self._date = doc._.ng_date if Doc.has_extension("ng_date") else None

    # ------------------------------------------------------------------ lookup

    @property
    def entities(self) -> list[Entity]:
        return [s.entity for s in self.states]

    def at(self, token_index: int) -> EntityState | None:
        """The entity a name mention covering the token refers to, if any."""
        return self._token_entity.get(token_index)

    def state_of(self, entity_id: str) -> EntityState | None:
        for state in self.states:
            if state.entity.id == entity_id:
                return state
        return None

    def mentions_before(self, token_index: int) -> list[tuple[int, EntityState]]:
        """(first token of mention, entity) for mentions starting before ``token_index``, latest first."""
        if self._sorted_mentions is None:
            pairs = [(start, s) for s in self.states for start, _end in s.mention_tokens]
            pairs.sort(key=lambda pair: pair[0])
            self._sorted_mentions = pairs
            self._sorted_starts = [start for start, _ in pairs]
        cut = bisect.bisect_left(self._sorted_starts, token_index)
        return self._sorted_mentions[cut - 1 :: -1] if cut else []

    # ------------------------------------------------------------------ building

    def new_entity(self, name: str, kind: EntityKind) -> EntityState:
        """Register a new entity; the knowledge base fills in what it knows about ``name``."""
        info = self._kb.lookup(name, self._date)
        entity = Entity(id=f"e{len(self.states) + 1}", name=name, kind=kind)
        if info is not None:
            entity.kind = info.kind
            entity.code, entity.sector, entity.role = info.code, info.sector, info.role
            if info.name and len(info.name) >= len(name):
                entity.name = info.name
        state = EntityState(entity=entity, keys={fold(name)}, known_name=info.name if info else None)
        self.states.append(state)
        return state

    def add_mention(self, state: EntityState, span: Span) -> None:
        """Record that ``span`` refers to the entity (once per span)."""
        if (span.start, span.end) in state.mention_tokens:
            return
        state.mention_tokens.append((span.start, span.end))
        if self._sorted_mentions is not None:
            at = bisect.bisect_right(self._sorted_starts, span.start)
            self._sorted_starts.insert(at, span.start)
            self._sorted_mentions.insert(at, (span.start, state))
        state.entity.mentions.append(Mention(text=span.text, start=span.start_char, end=span.end_char))
        for token in span:
            self._token_entity.setdefault(token.i, state)
        if span.root.dep_ in ("nsubj", "nsubjpass"):
            state.subject_tokens.add(span.start)

    def finish(self) -> None:
        """Sort every entity's mentions by position."""
        for state in self.states:
            state.entity.mentions.sort(key=lambda m: m.start)
            state.mention_tokens.sort()


# ---------------------------------------------------------------------- mentions from NER


def _strip_span(span: Span) -> Span:
    """The name without a leading "the", trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _extends_title(doc: Doc, i: int, name_start: int) -> bool:
    """Whether the token before ``i`` belongs to the title in front of the name at ``name_start``."""
    prev = doc[i - 1]
    word = prev.lower_
    if word in TITLE_WORDS and (
        prev.is_title or prev.is_upper or word in ("former", "acting", "deputy", "vice")
    ):
        return True
    if i == name_start:
        return False  # a title starts right before the name
    if prev.ent_type_ == "NORP" and prev.pos_ in ("ADJ", "PROPN"):
        return True  # "French President"
    return word in ("-", "of") and i >= 2 and doc[i - 2].lower_ in TITLE_WORDS


def _office_of(doc: Doc, i: int) -> int | None:
    """``Ambassador to the United Nations | Nikki Haley``: where a title naming its organisation
    or country starts, when the words before ``i`` are that name and a linking word after a
    title word; else None."""
    j = i
    named = 0
    while j > 0 and i - j < 8:
        prev = doc[j - 1]
        if prev.ent_type_ in ("ORG", "GPE", "NORP", "LOC"):
            named += 1
        elif prev.lower_ == "the":
            pass
        elif (
            prev.lower_ in ("to", "of", "for", "at") and named and j >= 2 and doc[j - 2].lower_ in TITLE_WORDS
        ):
            return j - 2
        else:
            return None
        j -= 1
    return None


def _title_start(span: Span) -> int:
    """Where a person's mention starts once the titles written before the name are included."""
    doc = span.doc
    i = span.start
    while i > 0:
        if _extends_title(doc, i, span.start):
            i -= 1
            continue
        office = _office_of(doc, i)
        if office is None:
            break
        i = office
    # A title must end right before the name; a lone nationality is not a title.
    while (
        i < span.start
        and doc[i].ent_type_ == "NORP"
        and all(doc[j].ent_type_ == "NORP" for j in range(i, span.start))
    ):
        i += 1
    return i


def _best_person_name(counts: dict[str, int]) -> str:
    """The most complete name: the full name written most often, then the longest.

    Counting guards against a recogniser that once swallows a word before the name
    ("Crooked Hillary Clinton" once, "Hillary Clinton" four times).
    """
    full = {n: c for n, c in counts.items() if len(n.split()) >= 2}
    pool = full or counts
    return max(pool, key=lambda n: (pool[n], len(n.split()), len(n)))


def _completed_name(written: str, known: str | None) -> str:
    """The written name, or the knowledge base's fuller one when the article gives only part of it.

    "Putin" alone in an article about Russia is Vladimir Putin; a written full name that
    differs from the known one (another person with that surname) is kept as written.
    """
    if not known:
        return written
    written_tokens = [fold(w) for w in written.split()]
    known_tokens = [fold(w) for w in known.split()]
    if len(written_tokens) < len(known_tokens) and written_tokens == known_tokens[-len(written_tokens) :]:
        return known
    return written


def _name_tokens_of(name: str, fallback: tuple[str, ...]) -> tuple[str, ...]:
    tokens = tuple(fold(w) for w in name.split() if fold(w))
    return tokens or fallback


def _person_gender(titles: set[str]) -> str | None:
    if titles & _FEMALE_TITLES:
        return "female"
    if titles & _MALE_TITLES:
        return "male"
    return None


def _name_tokens(span: Span) -> tuple[str, ...]:
    return tuple(fold(t.text) for t in span if not t.is_punct and fold(t.text))


def _same_person(tokens: tuple[str, ...], state: EntityState) -> bool:
    known = state.name_tokens
    if not tokens or not known:
        return False
    if tokens == known:
        return True
    if len(tokens) == 1:
        return tokens[0] == known[-1] or (len(known) > 1 and tokens[0] == known[0] and len(tokens[0]) > 2)
    shorter, longer = (tokens, known) if len(tokens) <= len(known) else (known, tokens)
    return shorter[-1] == longer[-1] and set(shorter) <= set(longer)


class GroupIndex:
    """Organisations and places seen so far, found by name key or by acronym in constant time."""

    def __init__(self) -> None:
        self.by_key: dict[str, EntityState] = {}
        self.by_initials: dict[str, EntityState] = {}  # "sdf" -> Syrian Democratic Forces
        self.by_acronym: dict[str, EntityState] = {}  # "sdf" -> the entity written "SDF"

    def find(self, key: str, text: str) -> EntityState | None:
        """The entity a name (``key`` is its :func:`fold`) refers to, if already seen."""
        state = self.by_key.get(key)
        if state is not None:
            return state
        if is_acronym(text):
            return self.by_initials.get(key.replace(" ", ""))
        spelled = initials(text)
        return self.by_acronym.get(spelled) if spelled else None

    def add(self, state: EntityState, key: str, text: str) -> None:
        """Index ``state`` under one more of its names."""
        state.keys.add(key)
        self.by_key.setdefault(key, state)
        if is_acronym(text):
            self.by_acronym.setdefault(key.replace(" ", ""), state)
        else:
            spelled = initials(text)
            if spelled:
                self.by_initials.setdefault(spelled, state)


def _parenthetical_acronym(span: Span) -> Span | None:
    """``Syrian Democratic Forces (SDF)``: the acronym in brackets right after a name."""
    doc = span.doc
    end = span.end
    if (
        end + 2 < len(doc)
        and doc[end].text == "("
        and doc[end + 2].text == ")"
        and is_acronym(doc[end + 1].text)
    ):
        return doc[end + 1 : end + 2]
    return None


def build_entities(doc: Doc) -> ArticleEntities:
    """Entities from the NER mentions, grouped by name, surname and acronym."""
    registry = ArticleEntities(doc)
    persons: list[EntityState] = []
    groups = GroupIndex()
    named: list[tuple[EntityKind, Span]] = []
    for ent in doc.ents:
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        name_span = _strip_span(ent)
        if len(name_span) == 0 or not any(t.is_alpha for t in name_span):
            continue
        if kind == "group" and ent.root.dep_ in ("amod", "compound") and not ent.root.text.endswith("s"):
            continue  # "Russian troops": a nationality, not a mention of a group
        named.append((kind, name_span))
    # People first, so that a surname the recogniser took for a place or an organisation
    # ("Lavrov arrived ...") finds the person even when the full name comes later.
    for kind, name_span in named:
        if kind == "person":
            _add_person(registry, persons, name_span)
    for kind, name_span in named:
        if kind != "person":
            _add_group(registry, persons, groups, name_span, kind)
    registry.finish()
    return registry


#: Words of a name that may follow its last part ("Martin Luther King Jr.").
_NAME_SUFFIXES = frozenset(words("jr jr. sr sr. ii iii iv"))
#: Small words a title may hold ("Ambassador to the United Nations") and a name does not.
_TITLE_LINKS = frozenset(words("of to the for and at on in"))


def name_part(span: Span) -> Span:
    """The name inside a person mention that swallowed its title.

    The recogniser sometimes labels "Former US Ambassador to the United Nations Nikki Haley"
    as one PERSON. The name is the run of capitalised words at the end that holds no title
    word and no small word; a run longer than three words ("United Nations Nikki Haley") is
    a title's last words followed by a first and last name, so the last two are kept.
    """
    end = span.end
    while end > span.start and span.doc[end - 1].lower_ in _NAME_SUFFIXES:
        end -= 1
    i = end
    while i > span.start:
        token = span.doc[i - 1]
        word = token.lower_
        joined = token.text in ("-", "'", "’") and not span.doc[i - 2].whitespace_  # "Mary-Kate"
        if not joined and (word in TITLE_WORDS or word in _TITLE_LINKS or not token.text[:1].isupper()):
            break
        i -= 1
    if i == end or not any(t.lower_ in TITLE_WORDS for t in span.doc[span.start : i]):
        return span  # no title inside ("de Gaulle"), or nothing but title words
    if len(span.doc[i:end].text.split()) > 3:
        # the last two words: step back to the token after the second-to-last space
        starts = [j for j in range(i, end) if j == i or span.doc[j - 1].whitespace_]
        i = starts[-2]
    return span.doc[i : span.end]


def _add_person(registry: ArticleEntities, persons: list[EntityState], name_span: Span) -> None:
    doc = name_span.doc
    if name_span[-1].tag_ == "POS":
        name_span = name_span[:-1]
    recognised = name_span
    name_span = name_part(recognised)
    tokens = _name_tokens(name_span)
    if not tokens:
        return
    start = _title_start(recognised) if recognised.start < name_span.start else _title_start(name_span)
    title_tokens = [t for t in doc[start : name_span.start] if t.ent_type_ != "NORP"]
    titles = {t.lower_ for t in title_tokens}
    nationality = {t.text for t in doc[start : name_span.start] if t.ent_type_ == "NORP"}
    state = next((s for s in reversed(persons) if _same_person(tokens, s)), None)
    if state is None:
        state = registry.new_entity(name_span.text, "person")
        state.name_tokens = tokens
        persons.append(state)
    state.keys.add(fold(name_span.text))
    state.name_counts[name_span.text] = state.name_counts.get(name_span.text, 0) + 1
    state.entity.name = _completed_name(_best_person_name(state.name_counts), state.known_name)
    state.name_tokens = _name_tokens_of(state.entity.name, state.name_tokens)
    if title_tokens:
        state.titles |= {t.lower_ for t in title_tokens}
        role = doc[start : name_span.start].text.strip()
        if state.entity.role is None or len(role) > len(state.entity.role):
            state.entity.role = role
    state.nationality |= nationality
    state.gender = state.gender or _person_gender(titles)
    registry.add_mention(state, doc[start : name_span.end])


def _add_group(
    registry: ArticleEntities,
    persons: list[EntityState],
    groups: GroupIndex,
    name_span: Span,
    kind: EntityKind,
) -> None:
    text = name_span.text
    key = fold(text)
    if not key:
        return
    # A surname the recogniser took for an organisation or place ("Lavrov said").
    if " " not in key:
        person = next((s for s in reversed(persons) if s.name_tokens and s.name_tokens[-1] == key), None)
        if person is not None:
            registry.add_mention(person, name_span)
            return
    state = groups.find(key, text)
    if state is None:
        state = registry.new_entity(text, kind)
        state.plural = kind == "group"
    elif not is_acronym(text) and (is_acronym(state.entity.name) or len(text) > len(state.entity.name)):
        state.entity.name = text
    groups.add(state, key, text)
    registry.add_mention(state, name_span)
    acronym = _parenthetical_acronym(name_span)
    if acronym is not None:
        groups.add(state, fold(acronym.text), acronym.text)
        registry.add_mention(state, acronym)


def head_entity(registry: ArticleEntities, token: Token) -> EntityState | None:
    """The entity a noun phrase headed by ``token`` names, if its head is part of a name mention."""
    return registry.at(token.i)


def find_entities(doc: Doc) -> list[Entity]:
    """The article's entities with their mentions (the registry goes to ``doc._.ng_mentions``)."""
    registry = build_entities(doc)
    doc._.ng_mentions = registry
    return registry.entities


@Language.component("newsgraph_entities")
def entities_component(doc: Doc) -> Doc:
    """Fill ``doc._.ng_entities`` and ``doc._.ng_mentions``."""
    doc._.ng_entities = find_entities(doc)
    return doc
