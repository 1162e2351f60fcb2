"""Events: who did what to whom, when, coded in PLOVER (docs/ANNOTATION.md, docs/events.md).

Registered as the spaCy component ``newsgraph_events``; results in ``doc._.ng_events``.

Each sentence is read from its dependency parse. A *trigger* is a verb or an event noun
from the lexicon (``data/event_lexicon.yaml``): "rejected", "warnings", "talks", "drills".
Its source comes from the subject (the ``by`` agent of a passive, the possessor or
modifier of a noun: "Moscow's warnings", "Turkish airstrikes"); its target from the
object and the prepositions that point at someone ("talks *with*", "attack *on*"), or
from the possessor inside the object ("rejected *Russia's* demand"). Conjunctions give
several actors ("The U.S. and NATO"). Actors are coded by :mod:`newsgraph.actors` from
the words of their noun phrase, from what the article said about a name before ("French
President Emmanuel Macron" codes every later "Macron"), and pronouns resolve to the
last fitting actor.

How the clause is said decides what is coded: a negated trigger is a negated event
("did not meet"), a refusal is REJECT ("refused to meet"), "if"/"unless" clauses and
questions are not events, a future or possible cooperative act is AGREE and a future
conflictual act THREATEN, and "X must/should do Y" in someone's statement is a REQUEST of
the speaker to X. Events inside statements carry ``attributed_to`` (the speaker).

Dates come from the trigger's own clause, else the clauses above it, else the last date
the same source acted on, else the last date of the paragraph (:mod:`newsgraph.dates`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .actors import ActorInfo, ActorKB, default_kb, normalise_name
from .dates import DateMention, date_matches, resolve_matches
from .model import PLOVER_CATEGORIES, ActorRef, Event, Location, Quantity
from .nlp import doc_text, lemma_lower_ids
from .places import lookup_place
from .places import preload as preload_places

# ---------------------------------------------------------------------- vocabulary

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICTUAL = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

#: Verbs that take over their complement's event: "refused to meet" is REJECT.
CONTROL_VERBS = {
    "refuse": "REJECT",
    "decline": "REJECT",
    "reject": "REJECT",
    "oppose": "REJECT",
    "threaten": "THREATEN",
    "warn": "THREATEN",
    "agree": "AGREE",
    "offer": "AGREE",
    "promise": "AGREE",
    "pledge": "AGREE",
    "commit": "AGREE",
    "invite": "AGREE",
    "volunteer": "AGREE",
    "urge": "REQUEST",
    "ask": "REQUEST",
    "demand": "REQUEST",
    "press": "REQUEST",
    "appeal": "REQUEST",
    "request": "REQUEST",
    "call": "REQUEST",
    "push": "REQUEST",
    "implore": "REQUEST",
    "beg": "REQUEST",
    "pressure": "REQUEST",
    "encourage": "REQUEST",
}
#: Verbs whose complement carries the event with the same actors ("began to withdraw").
TRANSPARENT_VERBS = frozenset(
    {
        "begin",
        "start",
        "continue",
        "resume",
        "try",
        "attempt",
        "manage",
        "seek",
        "move",
        "go",
        "proceed",
        "help",
        "keep",
        "repeat",
        "step",
        "undertake",
        "join",
        "remain",
        "get",
        "choose",
        "opt",
    }
)
#: Verbs (and adjectives with "be") that make their complement a future or intended act.
FUTURE_VERBS = frozenset(
    {
        "plan",
        "intend",
        "prepare",
        "decide",
        "aim",
        "want",
        "expect",
        "hope",
        "vow",
        "mean",
        "wish",
        "schedule",
        "announce",
        "resolve",
        "propose",
        "consider",
    }
)
FUTURE_ADJECTIVES = frozenset(
    {"ready", "willing", "prepared", "set", "due", "poised", "likely", "able", "eager"}
)
FAILURE_VERBS = frozenset({"fail", "neglect", "stop", "cease"})
#: Verbs whose "that" clause tells what the subject says did not happen ("denied that ...").
DENIAL_VERBS = frozenset({"deny", "dispute", "refute"})
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
POSSIBLE_MODALS = frozenset({"could", "may", "might", "can", "ca"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "announce",
        "state",
        "claim",
        "declare",
        "report",
        "add",
        "note",
        "write",
        "tweet",
        "insist",
        "stress",
        "reiterate",
        "confirm",
        "explain",
        "argue",
        "suggest",
        "assert",
        "warn",
        "maintain",
        "reply",
        "respond",
        "comment",
        "emphasize",
        "emphasise",
        "underline",
        "conclude",
        "deem",
        "reveal",
        "inform",
        "acknowledge",
        "admit",
        "predict",
        "quote",
        "continue",
        "remark",
        "allege",
        "accuse",
        "speak",
        "mention",
        "believe",
        "think",
        "charge",
        "complain",
        "describe",
    }
)
#: Prepositions that introduce the target, per category (first match wins).
TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "CONSULT": ("with", "to", "in", "at", "between"),
    "ASSAULT": ("on", "against", "in", "into", "at", "near", "outside"),
    "COERCE": ("on", "against", "in", "from"),
    "MOBILIZE": ("to", "into", "in", "near", "along", "on", "against"),
    "AID": ("to", "for", "with"),
    "REQUEST": ("on", "upon", "for", "to", "from", "of"),
    "SANCTION": ("on", "against", "to", "from", "with", "in"),
    "PROTEST": ("against", "at", "outside", "in"),
    "THREATEN": ("against", "on", "to", "with", "among", "for"),
    "ACCUSE": ("against", "of", "over", "about", "for", "to", "as"),
    "COOPERATE": ("with", "to", "between"),
    "AGREE": ("with", "to", "for", "in", "on"),
    "SUPPORT": ("with", "for", "to", "between"),
}
DEFAULT_TARGET_PREPS = ("to", "with", "against", "on", "for", "from")
#: Prepositions whose object is a place rather than a participant (targets only by location).
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "along"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
PERSONAL_PRONOUNS = {
    "he": "person",
    "him": "person",
    "his": "person",
    "himself": "person",
    "she": "person",
    "her": "person",
    "hers": "person",
    "herself": "person",
    "it": "thing",
    "its": "thing",
    "itself": "thing",
    "they": "plural",
    "them": "plural",
    "their": "plural",
    "themselves": "plural",
    "we": "self",
    "us": "self",
    "our": "self",
    "i": "self",
    "me": "self",
    "my": "self",
    "you": "addressee",
    "your": "addressee",
}
#: Nouns that refer back to an event already told ("the operation was condemned", "the
#: request was declined"), with the categories of the events they can refer to (None: any).
_ATTACKS = frozenset({"ASSAULT", "MOBILIZE", "COERCE"})
_DEALS = frozenset({"AGREE", "SUPPORT", "COOPERATE", "CONCEDE"})
_NOT_ACCUSATIONS = frozenset(PLOVER_CATEGORIES) - {"ACCUSE"}
EVENT_ANAPHORS: dict[str, frozenset[str] | None] = {
    "operation": _ATTACKS,
    "attack": _ATTACKS,
    "offensive": _ATTACKS,
    "invasion": _ATTACKS,
    "strike": _ATTACKS,
    "airstrike": _ATTACKS,
    "incursion": _ATTACKS,
    "deployment": _ATTACKS,
    "deal": _DEALS,
    "agreement": _DEALS,
    "accord": _DEALS,
    "memorandum": _DEALS,
    "memoranda": _DEALS,
    "demarcation": _DEALS,
    "proposal": _DEALS,
    "initiative": _DEALS,
    "plan": _DEALS,
    "offer": _DEALS,
    "request": frozenset({"REQUEST"}),
    "demand": frozenset({"REQUEST"}),
    "call": frozenset({"REQUEST"}),
    "appeal": frozenset({"REQUEST"}),
    "summit": frozenset({"CONSULT"}),
    "talks": frozenset({"CONSULT"}),
    "talk": frozenset({"CONSULT"}),
    "meeting": frozenset({"CONSULT"}),
    "conference": frozenset({"CONSULT"}),
    "negotiations": frozenset({"CONSULT"}),
    "statement": None,
    "remarks": None,
    "comments": None,
    "suggestion": None,
    "recommendation": None,
    # An accusation is what one says of a move, a decision or a policy, never one of them.
    "decision": _NOT_ACCUSATIONS,
    "move": _NOT_ACCUSATIONS,
    "policy": _NOT_ACCUSATIONS,
}
#: What calling someone something accuses them of ("named both groups as terrorists").
BLAME_WORDS = frozenset(
    {
        "terrorist",
        "terrorists",
        "criminal",
        "criminals",
        "aggressor",
        "aggressors",
        "enemy",
        "enemies",
        "threat",
        "aggression",
        "occupier",
        "occupiers",
        "war criminal",
        "dictator",
        "murderer",
        "murderers",
    }
)
#: Subjects that stand for both parties of a reported exchange ("the sides could continue dialogue").
RECIPROCAL_HEADS = frozenset({"side", "sides", "party", "parties"})
#: Verbs that make an agreement binding: "signed a treaty", "entered into an agreement" (SUPPORT).
SIGNING_VERBS = frozenset({"sign", "enter", "conclude", "ratify", "seal", "initial"})
#: Entity types whose words name a thing, not an event told ("the Paris Climate Accord", "G7 Summit").
NAMED_THING_TYPES = frozenset({"EVENT", "LAW", "ORG", "FAC", "WORK_OF_ART", "PRODUCT"})
#: Categories of material acts, which a noun can report on its own ("following Turkish airstrikes").
MATERIAL = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "SANCTION", "PROTEST", "AID"})
QUOTES = '"“”'


@dataclass(frozen=True)
class CategoryInfo:
    """A PLOVER category's CAMEO root, quad class and Goldstein score."""

    cameo: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True)
class ModeRule:
    """A PLOVER mode and the words that show it: the trigger's own ("kidnap" -> abduct),
    words of the clause that decide first ("suicide"), and words of the clause ("rifles")."""

    mode: str
    triggers: frozenset[str]
    strong: frozenset[str]
    clues: frozenset[str]


@dataclass
class Lexicon:
    """The trigger vocabulary of ``data/event_lexicon.yaml``."""

    categories: dict[str, CategoryInfo]
    cameo_goldstein: dict[str, float]
    verbs: dict[str, tuple[str, str | None]]
    nouns: dict[str, tuple[str, str | None]]
    phrasal: dict[str, str | None]
    light_verbs: frozenset[str]
    objects: dict[str, dict[str, tuple[str, str | None] | None]]
    #: Every verb lemma that can report an event one way or another (a quick first test).
    verb_lemmas: frozenset[str] = frozenset()
    #: Every word an event noun can end with ("strike" of "hunger strike").
    noun_heads: frozenset[str] = frozenset()
    #: PLOVER modes per category, in order of precedence.
    modes: dict[str, list[ModeRule]] = field(default_factory=dict)
    #: :func:`lexical_candidates`' answers per string id (ids are the same in every spaCy
    #: vocabulary, so they hold from one article to the next): is a lemma an event verb's, is
    #: a lemma or lower-case form an event noun's head? One table serves both forms for nouns:
    #: a lower-case word is tested alike either way, and only lemmas can hold capitals.
    verb_ids: dict[int, bool] = field(default_factory=dict, repr=False, compare=False)
    noun_ids: dict[int, bool] = field(default_factory=dict, repr=False, compare=False)

    def info(self, category: str, cameo: str | None) -> tuple[str, int, float]:
        """(cameo, quad_class, goldstein) for a category and an optional CAMEO override."""
        base = self.categories[category]
        if cameo is None:
            return base.cameo, base.quad_class, base.goldstein
        quad = 1 if cameo < "06" else 2 if cameo < "09" else 3 if cameo < "14" else 4
        return cameo, quad, self.cameo_goldstein.get(cameo, base.goldstein)


#: What one leaves when cutting relations ("withdrew from the treaty", "quit the talks").
RELATIONS_WORDS = frozenset(
    {
        "treaty",
        "agreement",
        "deal",
        "accord",
        "pact",
        "talks",
        "negotiations",
        "alliance",
        "organization",
        "organisation",
        "union",
        "bloc",
        "coalition",
        "convention",
        "protocol",
        "council",
        "summit",
    }
)
#: Verbs that report an event through a frame of their own in :func:`verb_trigger`.
SPECIAL_VERBS = frozenset(
    {
        "opposed",
        "oppose",
        "charge",
        "count",
        "rely",
        "help",
        "seek",
        "pull",
        "exit",
        "quit",
        "leave",
        "agree",
        "demonstrate",
        "march",
        "rally",
        "speak",
        "talk",
        "confer",
        "name",
        "describe",
        "call",
        "list",
        "brand",
        "label",
        "denounce",
        "order",
        "force",
        "compel",
    }
)

#: Verbs that make someone do what they are told ("ordered the station to ...").
COMPELLING_VERBS = frozenset({"order", "force", "compel"})
#: What one is made to do when an authority shuts one down: the order is coercion, not a request.
CLOSURE_VERBS = frozenset(
    {"shut", "close", "cease", "halt", "suspend", "stop", "disband", "dissolve", "vacate"}
)


def _entry(text: str, category: str) -> tuple[str, tuple[str, str | None]]:
    word, _, cameo = str(text).partition(":")
    return word.lower(), (category, cameo or None)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped trigger lexicon (loaded once)."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("newsgraph").joinpath("data", "event_lexicon.yaml").read_text(encoding="utf-8")
    )
    categories = {
        k: CategoryInfo(str(v["cameo"]), int(v["quad_class"]), float(v["goldstein"]))
        for k, v in raw["categories"].items()
    }
    verbs: dict[str, tuple[str, str | None]] = {}
    nouns: dict[str, tuple[str, str | None]] = {}
    for category, words in raw["verbs"].items():
        verbs.update(_entry(w, category) for w in words)
    for category, words in raw["nouns"].items():
        for w in words:
            key, value = _entry(w, category)
            nouns.setdefault(key, value)
    objects: dict[str, dict[str, tuple[str, str | None] | None]] = {}
    for verb, table in (raw.get("objects") or {}).items():
        objects[verb] = {
            str(obj).lower(): (_entry(cat, str(cat).partition(":")[0])[1] if cat else None)
            for obj, cat in table.items()
        }
    phrasal = {str(k).lower(): v for k, v in (raw.get("phrasal") or {}).items()}
    modes = {
        category: [
            ModeRule(
                str(mode),
                frozenset(str(w).lower() for w in (spec or {}).get("triggers") or []),
                frozenset(str(w).lower() for w in (spec or {}).get("strong") or []),
                frozenset(str(w).lower() for w in (spec or {}).get("clues") or []),
            )
            for mode, spec in table.items()
        ]
        for category, table in (raw.get("modes") or {}).items()
    }
    return Lexicon(
        modes=modes,
        categories=categories,
        cameo_goldstein={str(k): float(v) for k, v in (raw.get("cameo_goldstein") or {}).items()},
        verbs=verbs,
        nouns=nouns,
        phrasal=phrasal,
        light_verbs=frozenset(str(v).lower() for v in raw.get("light_verbs") or []),
        objects=objects,
        verb_lemmas=frozenset(verbs) | frozenset(objects) | {k.split()[0] for k in phrasal} | SPECIAL_VERBS,
        noun_heads=frozenset(k.split()[-1] for k in nouns) | GENERIC_EVENT_HEADS | {"state"},
    )


# ---------------------------------------------------------------------- actors in context


@dataclass
class Actor:
    """A resolved participant: what the knowledge base says, and where it was mentioned."""

    info: ActorInfo
    start: int
    end: int
    entity: str | None = None
    plural: bool = False

    @property
    def code(self) -> str | None:
        return self.info.code

    def ref(self) -> ActorRef:
        return ActorRef(name=self.info.name, code=self.info.code, sector=self.info.sector, entity=self.entity)


@dataclass
class Speaker:
    """Who is speaking in a stretch of text (a statement or a quotation)."""

    name: str
    actors: list[Actor]
    start: int
    end: int


@dataclass
class ArticleState:
    """What reading the article so far has established: names, last actors, dates, speakers."""

    kb: ActorKB
    date: str | None
    names: dict[str, ActorInfo] = field(default_factory=dict)
    last_person: list[Actor] = field(default_factory=list)
    last_thing: list[Actor] = field(default_factory=list)
    last_plural: list[Actor] = field(default_factory=list)
    source_dates: dict[str, str] = field(default_factory=dict)
    last_date: str | None = None
    last_event_date: str | None = None
    paragraph_start: int = -1
    events: list[Event] = field(default_factory=list)
    by_head: dict[str, list[Actor]] = field(default_factory=dict)
    entity_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    statements: list[Any] = field(default_factory=list)
    quote_speakers: list[Speaker] = field(default_factory=list)
    #: The last several parties named together ("Egypt, Greece and Cyprus"), for "the countries".
    last_parties: list[Actor] = field(default_factory=list)
    #: The one country the article names, if it names only one (for "the judge", "police").
    home: str | None = None
    #: Possessive pronouns being resolved (their search must not come back to them).
    resolving: set[int] = field(default_factory=set)
    #: What :func:`actors_of` found for the phrases of the sentence being read.
    actor_cache: dict[tuple[int, int], list[Actor]] = field(default_factory=dict)
    #: Token indices whose words the lexicon knows as event verbs and event nouns (None: any
    #: token may be one), so that most words are never asked.
    verb_candidates: frozenset[int] | None = None
    noun_candidates: frozenset[int] | None = None
    #: Token indices of words of obligation (:func:`obligation_positions`; None: not read).
    obliged: frozenset[int] | None = None

    def remember(self, actors: list[Actor]) -> None:
        """Make these the actors pronouns refer to next."""
        if not actors:
            return
        coded = [a for a in actors if a.code]
        if not coded:
            return
        if len({a.code for a in coded}) > 1:
            self.last_parties = coded
        if len(coded) > 1 or coded[0].plural:
            self.last_plural = coded
        first = coded[0]
        if first.info.kind == "person" and len(coded) == 1:
            self.last_person = [first]
        elif len(coded) == 1 and first.info.kind in ("state", "organization"):
            self.last_thing = [first]
            if first.info.kind == "organization":
                self.last_plural = coded if not self.last_plural else self.last_plural
        elif len(coded) == 1 and first.info.kind == "group":
            self.last_plural = coded


def _name_key(text: str) -> str:
    return normalise_name(re.sub(r"['’]s$", "", text.strip()))


def learn_names(doc: Doc, state: ArticleState) -> None:
    """First pass: what the article says about each named person ("Brazilian President Jair Bolsonaro").

    Every PERSON name gets the code of its noun phrase's context (titles, country words,
    appositions); later bare mentions ("Bolsonaro") take the same code.
    """
    for tok in doc:
        # "Vantrell is the foreign minister of Chile", whatever the NER made of the name
        if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", ""):
            defined = _defined_as(tok, state)
            if defined is not None and defined.code and state.kb.lookup(tok.text, state.date) is None:
                _store_name(
                    state, tok.text, ActorInfo(tok.text, "person", defined.code, defined.sector, defined.role)
                )
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        known = state.kb.lookup(ent.text, state.date)
        if known is not None and known.code:
            if ent.label_ == "PERSON":
                _store_name(state, ent.text, known)
            continue
        if ent.label_ != "PERSON":
            continue
        head = ent.root
        info = _phrase_info(head, state, use_memory=False)
        if info is None or not info.code:
            info = _defined_as(head, state)
        if info is None or not info.code:
            continue
        person = ActorInfo(ent.text, "person", info.code, info.sector, info.role)
        _store_name(state, ent.text, person)


def _defined_as(name: Token, state: ArticleState) -> ActorInfo | None:
    """What a copular sentence says a person is: "al-Muhandis *was the deputy commander of the
    PMF*", "Placeholder is Chile's foreign minister"."""
    verb = name.head
    if name.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    attr = _child(verb, "attr")
    role = state.kb.role(attr.text) if attr is not None else None
    if attr is None or role is None or role[1] != "person":
        return None
    return _phrase_info(attr, state, use_memory=False)


#: Sectors of a state's institutions, which belong to the country the article is about.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


def article_home(doc: Doc, kb: ActorKB, date: str | None) -> str | None:
    """The country an article is about when it names only one (states, capitals, cities, demonyms)."""
    codes: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "LOC"):
            continue
        info = kb.lookup(ent.text, date) or kb.adjective(ent.text)
        code = info.code if info is not None and info.kind == "state" else None
        if code is None and ent.label_ != "NORP":
            place = lookup_place(ent.text)
            code = place.code if place is not None else None
        if code is not None:
            codes.add(code)
            if len(codes) > 1:
                return None
    return next(iter(codes)) if codes else None


def _store_name(state: ArticleState, name: str, info: ActorInfo) -> None:
    key = _name_key(name)
    state.names.setdefault(key, info)
    parts = key.split()
    if len(parts) > 1:
        state.names.setdefault(parts[-1], info)


# ---------------------------------------------------------------------- noun phrases


NP_KEEP_DEPS = frozenset(
    {
        "compound",
        "amod",
        "poss",
        "nmod",
        "det",
        "case",
        "flat",
        "appos",
        "nummod",
        "quantmod",
        "predet",
        "preconj",
    }
)
NP_KEEP_PREPS = frozenset({"of", "for", "from", "in"})


def np_tokens(head: Token, depth: int = 0) -> list[Token]:
    """The words of a noun phrase that say who it is: modifiers, "of"-phrases, appositions."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("conj", "cc", "relcl", "acl", "advcl", "punct", "prep") and not (
            child.dep_ == "prep" and child.lower_ in NP_KEEP_PREPS and depth < 2
        ):
            continue
        if child.dep_ == "prep":
            out.append(child)
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(np_tokens(pobj, depth + 1))
            continue
        if child.dep_ in NP_KEEP_DEPS or child.dep_ in ("prt", "neg", "advmod"):
            if child.dep_ == "appos":
                out.extend(np_tokens(child, depth + 1))
            else:
                out.extend(t for t in child.subtree if t.dep_ not in ("conj", "cc") or t.head.i != child.i)
    return sorted(set(out), key=lambda t: t.i)


def _modifier_conjuncts(head: Token) -> list[Token]:
    """Country words joined to a modifier: "his Greek, Cypriot and French counterparts"."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss"):
            out.extend(c for c in child.conjuncts if c.i != child.i)
    return out


def _hyphen_countries(tokens: list[Token], state: ArticleState) -> list[ActorInfo]:
    """Several country words joined by hyphens: "Israeli-Cypriot-Greek effort", "Turkish-Libyan"."""
    found: list[ActorInfo] = []
    for i, tok in enumerate(tokens):
        if tok.text != "-" or i == 0 or i + 1 >= len(tokens):
            continue
        for side in (tokens[i - 1], tokens[i + 1]):
            info = state.kb.adjective(side.text) or state.kb.lookup(side.text, state.date)
            if info is not None and info.code and info.kind == "state" and info not in found:
                found.append(info)
    return found if len(found) > 1 else []


def _phrase_info(head: Token, state: ArticleState, use_memory: bool = True) -> ActorInfo | None:
    """Code one noun phrase head from its words, the article's names, and the knowledge base."""
    tokens = np_tokens(head)
    words = [t.text for t in tokens if not t.is_punct or t.text in ("-", "'s")]
    info = state.kb.code_phrase(words, state.date)
    if info is not None and info.code and info.kind != "person" and head.ent_type_ == "PERSON":
        # "Carrie Lam, the chief executive of Hong Kong": a person coded by the apposition's
        # country is still a person (whom "she" and "her" refer to)
        name = " ".join(t.text for t in tokens if t.ent_type_ == "PERSON" and t.ent_iob_ != "O") or head.text
        info = ActorInfo(name, "person", info.code, info.sector, info.role)
    if use_memory and (info is None or info.code is None or info.kind == "person"):
        remembered = _remembered(head, tokens, state)
        if remembered is not None and (info is None or info.code is None or info.kind == "person"):
            if info is not None and info.kind == "person" and info.code and remembered.code != info.code:
                return info
            return ActorInfo(
                remembered.name,
                remembered.kind,
                remembered.code,
                remembered.sector or (info.sector if info else None),
                remembered.role,
            )
    return info


def _remembered(head: Token, tokens: list[Token], state: ArticleState) -> ActorInfo | None:
    """A person named earlier in the article, by full name or surname."""
    if head.ent_type_ == "PERSON" or head.pos_ == "PROPN":
        name_tokens = [t for t in tokens if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.i <= head.i)]
        if name_tokens:
            key = _name_key(" ".join(t.text for t in name_tokens))
            if key in state.names:
                return state.names[key]
            last = _name_key(head.text)
            if last in state.names:
                return state.names[last]
    return None


def _entity_for(tokens: Iterable[Token], state: ArticleState) -> tuple[str | None, ActorInfo | None]:
    """The statements helper's entity (id and code) whose mention covers these tokens, if any."""
    toks = list(tokens)
    if not toks or not state.entity_at:
        return None, None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    for (m_start, m_end), entity in state.entity_at.items():
        if (m_start <= start and end <= m_end) or (start <= m_start and m_end <= end):
            code = getattr(entity, "code", None)
            info = None
            if code:
                info = ActorInfo(
                    getattr(entity, "name", "") or "",
                    getattr(entity, "kind", "person"),
                    code,
                    getattr(entity, "sector", None),
                    getattr(entity, "role", None),
                )
            return getattr(entity, "id", None), info
    return None, None


def actors_of(head: Token, state: ArticleState, speaker: Speaker | None = None) -> list[Actor]:
    """Every actor a noun phrase head stands for: itself and its conjuncts, pronouns resolved.

    Answers are kept for the sentence being read (the same phrase is asked about as subject,
    target and antecedent); the cache is emptied at each new sentence.
    """
    key = (head.i, id(speaker) if speaker is not None else 0)
    cached = state.actor_cache.get(key)
    if cached is not None:
        return list(cached)
    found = _actors_of_uncached(head, state, speaker)
    state.actor_cache[key] = found
    return list(found)


def _actors_of_uncached(head: Token, state: ArticleState, speaker: Speaker | None) -> list[Actor]:
    out: list[Actor] = []
    for tok in [head, *[c for c in head.conjuncts if c.i > head.i]]:
        out.extend(_actors_of_one(tok, state, speaker))
    if out and not _is_pronoun(head):
        out.extend(_buried_conjuncts(head, out[0], state, speaker))
    seen: set[tuple[str | None, str]] = set()
    unique = []
    for actor in out:
        key = (actor.code, actor.info.name)
        if key not in seen:
            seen.add(key)
            unique.append(actor)
    return unique


#: Dependencies inside one noun phrase, through which a coordination can be buried.
NP_INNER_DEPS = frozenset({"compound", "appos", "amod", "nmod", "flat", "conj"})


def _buried_conjuncts(head: Token, first: Actor, state: ArticleState, speaker: Speaker | None) -> list[Actor]:
    """Actors coordinated inside a phrase rather than with its head, as the parser often
    leaves them: "US President Donald Trump *and Turkish President* Erdoğan" (the second
    title hangs inside the first name), "the navies of China, *India, Oman* and *Russia*"
    (one actor of the head's kind per country)."""
    out: list[Actor] = []
    for tok in head.subtree:
        if tok.dep_ != "conj" or tok.i == head.i or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        path_ok, node, through_of = True, tok, False
        while node.i != head.i:
            parent = node.head
            if node.dep_ == "pobj" and parent.lower_ == "of" and parent.head.i == head.i:
                through_of = True
                node = parent.head
                continue
            if node.dep_ not in NP_INNER_DEPS:
                path_ok = False
                break
            node = parent
        if not path_ok or any(c.i == tok.i for c in head.conjuncts):
            continue
        if through_of:
            if state.kb.role(head.text) is None:
                continue
            for actor in _actors_of_one(tok, state, speaker):
                if actor.code:
                    info = ActorInfo(
                        first.info.name, first.info.kind, actor.code, first.info.sector, first.info.role
                    )
                    out.append(Actor(info, actor.start, actor.end, actor.entity, True))
        else:
            out.extend(a for a in _actors_of_one(tok, state, speaker) if a.code)
    return out


def _actors_of_one(tok: Token, state: ArticleState, speaker: Speaker | None) -> list[Actor]:
    if _is_pronoun(tok):
        entity_id, entity_info = _entity_for([tok], state)
        if entity_info is not None:
            return [Actor(entity_info, tok.idx, tok.idx + len(tok.text), entity_id)]
        return _resolve_pronoun(tok, state, speaker)
    if tok.ent_type_ == "LOC":
        ent = _entity_span(tok, tok.doc)
        place = lookup_place(ent.text) if ent is not None else None
        if place is not None and place.kind == "region" and place.code is None:
            return []
    tokens = np_tokens(tok)
    info = _phrase_info(tok, state)
    entity_id, entity_info = _entity_for([t for t in tokens if t.i <= tok.i] or [tok], state)
    if (info is None or info.code is None) and entity_info is not None:
        info = entity_info
    lemma = tok.lemma_.lower()
    definite = any(c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children)
    if (info is None or info.code is None) and tok.pos_ == "NOUN":
        group = _plural_anaphor(tok, lemma, state)
        if group:
            return group
    if (info is None or info.code is None) and definite and lemma in state.by_head and tok.pos_ == "NOUN":
        return list(state.by_head[lemma])
    if (
        info is not None
        and info.code is None
        and info.sector in STATE_SECTORS
        and state.home is not None
        and tok.ent_type_ != "PERSON"
        and tok.pos_ in ("NOUN", "PROPN")
    ):
        # "government forces", "the judge" in an article about one country only
        info = ActorInfo(info.name, info.kind, state.home, info.sector, info.role)
    if info is not None and info.code is None and info.sector in STATE_SECTORS and tok.pos_ == "NOUN":
        owner = next((c for c in tok.children if c.dep_ == "poss" and _is_pronoun(c)), None)
        owners: list[Actor] = []
        if owner is not None and owner.i not in state.resolving:
            state.resolving.add(owner.i)  # an antecedent search may come back to this phrase
            try:
                owners = [a for a in _resolve_pronoun(owner, state, speaker) if a.code]
            finally:
                state.resolving.discard(owner.i)
        if len(owners) == 1:
            # "her government", "its army": the institution of whom the possessive refers to
            info = ActorInfo(info.name, info.kind, owners[0].code, info.sector, info.role)
    if info is not None and info.code is None and info.sector == "NGO" and tok.pos_ in ("NOUN", "PROPN"):
        info = ActorInfo(info.name, info.kind, "NGO", info.sector, info.role)  # "a human rights group"
    if (
        (info is None or info.code is None)
        and state.home is not None
        and _domestic_organization(tok, lemma, definite)
    ):
        # "the network", "the company" in an article about one country: a non-state group
        # takes the code of the country it operates in (docs/ANNOTATION.md)
        name = info.name if info is not None else " ".join(t.text for t in tokens)
        info = ActorInfo(name, "organization", state.home, ORGANIZATION_HEADS[lemma], None)
    if info is None:
        if lemma in EVENT_ANAPHORS and definite:
            return _event_anaphor(tok, state)
        return []
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    plural = tok.tag_ in ("NNS", "NNPS") or info.kind == "group"
    actors = [Actor(info, start, end, entity_id, plural)]
    extra = [c for c in _modifier_conjuncts(tok)]
    for mod in extra:
        mod_info = state.kb.adjective(mod.text) or state.kb.lookup(mod.text, state.date)
        if mod_info is not None and mod_info.code and mod_info.code != info.code:
            actors.append(
                Actor(
                    ActorInfo(info.name, info.kind, mod_info.code, info.sector, info.role),
                    start,
                    end,
                    None,
                    plural,
                )
            )
    for hyphen_info in _hyphen_countries(tokens, state):
        if all(a.code != hyphen_info.code for a in actors):
            actors.append(
                Actor(
                    ActorInfo(info.name, info.kind, hyphen_info.code, info.sector, info.role),
                    start,
                    end,
                    None,
                    plural,
                )
            )
    if info.code and (tok.pos_ == "NOUN" or state.kb.role(tok.text) is not None):
        state.by_head[lemma] = actors
    return actors


#: Common nouns for a company or body that, made definite, name one the article is about.
ORGANIZATION_HEADS: dict[str, str] = {
    "network": "MED",
    "broadcaster": "MED",
    "station": "MED",
    "newspaper": "MED",
    "channel": "MED",
    "publisher": "MED",
    "company": "BUS",
    "firm": "BUS",
    "corporation": "BUS",
}


def _domestic_organization(tok: Token, lemma: str, definite: bool) -> bool:
    """Whether an uncoded phrase is a definite common noun for a company or broadcaster ("the
    network"). Names the knowledge base does not know are left uncoded: an unknown name may be
    a foreign or international body as well as a domestic one."""
    return definite and tok.pos_ == "NOUN" and lemma in ORGANIZATION_HEADS and tok.tag_ == "NN"


#: Plural heads that, made definite, refer back to the parties just named ("the two countries").
COLLECTIVE_HEADS = frozenset(
    {"country", "nation", "state", "government", "neighbour", "neighbor", "ally", "power", "counterpart"}
)


def _plural_anaphor(tok: Token, lemma: str, state: ArticleState) -> list[Actor]:
    """ "The foreign ministers", "the two countries", "both nations": the several actors named
    last together, when the phrase names no country of its own."""
    if tok.tag_ != "NNS" or len(state.last_parties) < 2:
        return []
    words = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "preconj", "nummod")}
    if not words & {"the", "these", "those", "both", "two", "three", "four", "five"}:
        return []
    role = state.kb.role(tok.text)
    if lemma not in COLLECTIVE_HEADS and not (role is not None and lemma not in RECIPROCAL_HEADS):
        return []
    if any(state.kb.adjective(c.text) or state.kb.lookup(c.text) for c in tok.subtree if c.i != tok.i):
        return []  # "the Greek ministers" name their own country
    return [Actor(a.info, tok.idx, tok.idx + len(tok.text), a.entity, True) for a in state.last_parties]


def _is_pronoun(tok: Token) -> bool:
    """A personal pronoun ("it", "they"), not an acronym that looks like one ("US")."""
    if tok.text.isupper() and len(tok.text) > 1:
        return False
    return tok.pos_ == "PRON" or tok.lower_ in PERSONAL_PRONOUNS


def _event_anaphor(tok: Token, state: ArticleState) -> list[Actor]:
    """ "The operation" or "the request": the source of the last fitting event told before."""
    family = EVENT_ANAPHORS.get(tok.lemma_.lower())
    for event in reversed(state.events):
        if family is not None and event.category not in family:
            continue
        if event.source and any(a.code for a in event.source):
            parties = event.source
            if family == {"CONSULT"}:
                parties = _meeting_parties(event, state)
            return [
                Actor(
                    ActorInfo(a.name, "organization", a.code, a.sector),
                    tok.idx,
                    tok.idx + len(tok.text),
                    a.entity,
                )
                for a in parties
                if a.code
            ]
    return []


def _meeting_parties(last: Event, state: ArticleState) -> list[ActorRef]:
    """Everyone who took part in a meeting: the parties of the last consultation told and of
    those told for the same day just before it ("gathered in Cairo ... *joined* the talks")."""
    parties: list[ActorRef] = []
    recent = [e for e in state.events[-8:] if e.category == "CONSULT" and not e.negated]
    for event in recent:
        if event is last or (last.date is not None and event.date == last.date):
            parties.extend(a for a in [*event.source, *event.target] if a.code)
    unique: dict[str | None, ActorRef] = {}
    for party in parties:
        unique.setdefault(party.code, party)
    return list(unique.values())


def _resolve_pronoun(tok: Token, state: ArticleState, speaker: Speaker | None) -> list[Actor]:
    kind = PERSONAL_PRONOUNS.get(tok.lower_)
    if kind is None:
        return []
    reported = _reporting_subject(tok, state)
    if reported and _clausemate_subject_is(tok, kind):
        # "saying *he* would only welcome *him*": an object pronoun is never its own
        # clause's subject, which is already the speaker.
        reported = []
    if kind == "self":
        return list(speaker.actors) if speaker else []
    if kind == "addressee":
        return []
    if reported and kind in ("person", "thing", "plural"):
        fits = [a for a in reported if _pronoun_fits(kind, a, len(reported))]
        if fits:
            return fits
    earlier = _earlier_subject(tok, state)
    if earlier and kind in ("person", "thing", "plural"):
        fits = [a for a in earlier if _pronoun_fits(kind, a, len(earlier))]
        if fits:
            return fits
    if kind == "person":
        return list(state.last_person)
    if kind == "thing":
        return list(state.last_thing or state.last_plural)
    return list(state.last_plural or state.last_thing)


def _clausemate_subject_is(tok: Token, kind: str) -> bool:
    """Whether an object pronoun's own clause has a subject pronoun of the same kind."""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return False
    verb = next(_ancestors_clauses(tok), None)
    subject = _subject_token(verb) if verb is not None else None
    return subject is not None and subject.i != tok.i and PERSONAL_PRONOUNS.get(subject.lower_) == kind


def _pronoun_fits(kind: str, actor: Actor, count: int) -> bool:
    if kind == "person":
        return actor.info.kind == "person" and count == 1
    if kind == "thing":
        return actor.info.kind in ("state", "organization", "group") and count == 1
    return count > 1 or actor.plural or actor.info.kind in ("organization", "group", "state")


def _earlier_subject(tok: Token, state: ArticleState) -> list[Actor]:
    """An actor named before ``tok`` in the same sentence that a pronoun can refer to.

    A subject pronoun ("they could increase") takes the subject of a clause above it; an
    object pronoun ("sanctions against *him*") the nearest earlier fitting name that is not
    its own clause's subject.
    """
    for verb in _ancestors_clauses(tok):
        subject = _subject_token(verb)
        if subject is not None and subject.i < tok.i and not _is_pronoun(subject):
            actors = _coded(actors_of(subject, state))
            if actors and (
                tok.dep_ in ("nsubj", "nsubjpass") or PERSONAL_PRONOUNS.get(tok.lower_) != "person"
            ):
                return actors
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return []
    own_subjects = {t.i for v in _ancestors_clauses(tok) for t in [_subject_token(v)] if t is not None}
    sent_start = tok.sent.start
    for cand in reversed(tok.doc[sent_start : tok.i]):
        if (
            cand.dep_ in ("dobj", "pobj", "appos", "nsubj", "nsubjpass")
            and cand.i not in own_subjects
            and cand.pos_ in ("PROPN", "NOUN")
            and not _is_pronoun(cand)
        ):
            actors = _coded(actors_of(cand, state))
            if actors and all(a.info.kind == "person" for a in actors) == (
                PERSONAL_PRONOUNS.get(tok.lower_) == "person"
            ):
                return actors
    return []


def _reporting_subject(tok: Token, state: ArticleState) -> list[Actor]:
    """The subject of the speech verb whose complement holds ``tok`` ("Iraq said *it* would ...")."""
    node = tok
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ in ("ccomp", "xcomp", "advcl", "parataxis") and parent.lemma_.lower() in SPEECH_VERBS:
            subject = acting_subject(parent)
            if subject is not None and subject.i != tok.i and not _is_pronoun(subject):
                return actors_of(subject, state)
            if subject is not None and _is_pronoun(subject) and subject.i != tok.i:
                return _resolve_pronoun(subject, state, None)
            return []
        node = parent
    return []


# ---------------------------------------------------------------------- syntax helpers


def _subject_token(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
            return child
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _child(tok: Token, *deps: str) -> Token | None:
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


#: Prepositions that leave someone out ("except Cyprus"); "with the exception of" likewise.
EXCLUDING_PREPS = frozenset({"except", "excluding", "besides", "barring"})


def _preps(tok: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, its object) pairs under a token, including "according to"-style compounds."""
    for child in tok.children:
        if child.dep_ in ("prep", "dative", "agent") and child.pos_ in ("ADP", "SCONJ"):
            if child.lower_ in EXCLUDING_PREPS:
                continue
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp") and pobj.lemma_.lower() != "exception":
                    yield child.lower_, pobj
        elif child.dep_ == "dative":
            yield "to", child


def acting_subject(verb: Token) -> Token | None:
    """Who performs a verb: its subject, or the subject it shares through xcomp, conj or participles."""
    node = verb
    for _ in range(6):
        if _is_passive(node):
            return _agent(node)
        subject = _subject_token(node)
        if subject is not None:
            return subject
        if node.dep_ == "conj" and _is_passive(node.head) and node.pos_ == "VERB":
            # "has been indicted by the court and *will resign*": the one indicted resigns.
            return _child(node.head, "nsubjpass")
        if node.dep_ == "acomp" and node.head.i != node.i:
            node = node.head  # "Norway is *willing* to send": the subject of "is"
            continue
        if node.dep_ == "conj" and node.tag_ in ("VBD", "VBZ", "VBP") and node.head.dep_ == "xcomp":
            # "urged the embassy to reconsider and *spoke* with": a finite verb joined to an
            # infinitive really continues the main clause.
            node = node.head.head
            continue
        if node.dep_ in ("xcomp",) and node.head.i != node.i:
            obj = _child(node.head, "dobj")
            if obj is not None and node.head.lemma_.lower() in (
                "urge",
                "ask",
                "order",
                "force",
                "call",
                "invite",
                "press",
                "allow",
                "help",
                "tell",
            ):
                return obj
            node = node.head
            continue
        if (
            node.dep_ in ("conj", "advcl", "pcomp")
            and node.head.i != node.i
            and node.head.pos_ in ("VERB", "AUX")
        ):
            node = node.head
            continue
        if node.dep_ in ("relcl", "acl") and node.head.i != node.i:
            return node.head
        if node.dep_ == "pcomp" and node.head.head.i != node.head.i:
            node = node.head.head
            continue
        return None
    return None


def _pruned_subtree(head: Token, enters: Callable[[Token], bool]) -> list[Token]:
    """The head and its descendants, not descending into a child ``enters`` turns away."""
    out = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(child for child in tok.children if enters(child))
    return out


def _clause_tokens(head: Token) -> list[Token]:
    """A clause's own tokens: the head's subtree without nested clauses."""
    return _pruned_subtree(head, lambda child: not _is_nested_clause(child))


def _is_nested_clause(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and (
        tok.dep_ in ("ccomp", "relcl", "conj", "parataxis")
        or (tok.dep_ in ("advcl", "xcomp", "acl") and _subject_token(tok) is not None)
    )


def _ancestors_clauses(tok: Token) -> Iterator[Token]:
    """The verbs of the clauses above a token, nearest first."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            yield node


def _is_conditional(tok: Token) -> bool:
    """Whether a token lies in an "if"/"unless" clause (or a question)."""
    for node in [tok, *tok.ancestors]:
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
        if node.dep_ == "advcl" and any(c.lower_ == "without" for c in node.children if c.dep_ == "mark"):
            return True
        if node.dep_ == "pcomp" and node.head.lower_ == "without":
            return True
    return False


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "det" and c.lower_ in ("no",) for c in tok.children):
        return True
    # "They have conceded nothing", "offered no help": an object that denies the act
    obj = _child(tok, "dobj") if tok.pos_ in ("VERB", "AUX") else None
    return obj is not None and (
        obj.lower_ in ("nothing", "none") or any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children)
    )


@dataclass
class Modality:
    """How a trigger is said: negated, future/intended, possible, obliged, or consumed by a control verb."""

    negated: bool = False
    future: bool = False
    possible: bool = False
    obliged: bool = False
    failed: bool = False
    #: "would have allowed", "might have encouraged": what did not (or may not) happen.
    counterfactual: bool = False
    #: The trigger withdraws something ("will withdraw the bill"): declared, it is a concession.
    withdrawal: bool = False


#: Adverbs that make "would" tell what used to happen ("they would *sometimes* kill").
HABITUAL_ADVERBS = frozenset(
    {
        "sometimes",
        "often",
        "usually",
        "regularly",
        "frequently",
        "always",
        "occasionally",
        "routinely",
        "repeatedly",
    }
)


def modality_of(trigger: Token) -> Modality:
    """The modality of a verb trigger, following xcomp chains up ("plans to impose")."""
    mod = Modality(negated=_negated(trigger) or _neither_subject(trigger))
    mod.withdrawal = trigger.lemma_.lower() == "withdraw" or (
        trigger.lemma_.lower() == "pull"
        and any(c.dep_ == "prt" and c.lower_ == "out" for c in trigger.children)
    )
    above = trigger
    for _ in range(4):
        # "would have allowed China to extradite ...": the complement of a counterfactual too
        if _modal_perfect(above):
            mod.counterfactual = True
            break
        if above.dep_ not in ("xcomp", "ccomp") or above.head.i == above.i:
            break
        if above.dep_ == "ccomp" and above.head.lemma_.lower() in DENIAL_VERBS:
            mod.negated = True  # "denied that he made any deal": the deal is denied
            break
        above = above.head
    node = trigger
    for _ in range(5):
        for child in node.children:
            if child.dep_ in ("aux", "auxpass"):
                word = child.lower_
                if word in FUTURE_MODALS or child.lemma_.lower() in FUTURE_MODALS:
                    mod.future = True
                elif word in POSSIBLE_MODALS:
                    mod.possible = True
                elif word in OBLIGATION_MODALS:
                    mod.obliged = True
            if child.dep_ == "neg" and node.i != trigger.i:
                mod.negated = True
        if node.dep_ != "xcomp" or node.head.i == node.i:
            break
        parent = node.head
        lemma = parent.lemma_.lower()
        if lemma in FUTURE_VERBS or lemma in FUTURE_ADJECTIVES:
            mod.future = True
        elif lemma in FAILURE_VERBS:
            mod.failed = True
        elif lemma in ("have", "need") and any(c.lower_ == "to" for c in node.children):
            mod.obliged = True
        elif lemma not in TRANSPARENT_VERBS and parent.pos_ != "ADJ":
            break
        node = parent
    if mod.future and any(c.lower_ in HABITUAL_ADVERBS for c in trigger.children if c.dep_ == "advmod"):
        mod.future = False  # "would sometimes kill": what used to happen
    if node.head.i != node.i and node.dep_ == "acomp":
        node = node.head  # "the US *must be* ready to mediate": the modals of "be"
        _read_modals(node, mod)
        if any(c.dep_ == "neg" for c in node.children):
            mod.negated = True
    if (
        not (mod.future or mod.possible or mod.obliged)
        and node.dep_ in ("advcl", "xcomp")
        and node.head.i != node.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    ):
        # An act done for the purpose of a promised one is promised too ("is willing to send
        # material *to help* defend").
        outer = modality_of(node.head)
        mod.future, mod.possible = outer.future, outer.possible
    return mod


def _modal_perfect(verb: Token) -> bool:
    """ "would have allowed", "might have encouraged": a modal with a perfect infinitive."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return (
        verb.tag_ == "VBN"
        and any(c.lower_ in FUTURE_MODALS | POSSIBLE_MODALS | OBLIGATION_MODALS | {"'d"} for c in auxes)
        and any(c.lemma_ == "have" for c in auxes)
    )


def _neither_subject(verb: Token) -> bool:
    """ "*Neither* the EU *nor* the US would endorse": a subject that denies the verb."""
    subject = _subject_token(verb)
    return subject is not None and any(c.lower_ == "neither" for c in subject.children)


def _read_modals(node: Token, mod: Modality) -> None:
    for child in node.children:
        if child.dep_ in ("aux", "auxpass"):
            word = child.lower_
            if word in FUTURE_MODALS or child.lemma_.lower() in FUTURE_MODALS:
                mod.future = True
            elif word in POSSIBLE_MODALS:
                mod.possible = True
            elif word in OBLIGATION_MODALS:
                mod.obliged = True


# ---------------------------------------------------------------------- triggers


@dataclass
class Trigger:
    """A word that reports an event, with the category its lexicon entry gives."""

    token: Token
    category: str
    cameo: str | None
    kind: str  # "verb" or "noun"
    #: The act a control verb is about ("threatened to *impose sanctions*"), for its mode.
    theme: Trigger | None = None


def _phrasal_key(tok: Token, lexicon: Lexicon) -> str | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "dobj") and f"{lemma} {child.lower_}" in lexicon.phrasal:
            return f"{lemma} {child.lower_}"
    return None


def _object_word(tok: Token) -> Token | None:
    obj = _child(tok, "dobj", "obj")
    if obj is None and _is_passive(tok):
        obj = _child(tok, "nsubjpass")
    if obj is None:
        prt = _child(tok, "prt")
        return prt
    return obj


def verb_trigger(tok: Token, lexicon: Lexicon) -> Trigger | None:
    """The category a verb reports, from its phrasal form, its object, or the verb itself."""
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and tok.lemma_.lower() == "opposed"):
        return None
    lemma = tok.lemma_.lower()
    if lemma not in lexicon.verb_lemmas:
        return None
    if lemma == "opposed":
        return Trigger(tok, "REJECT", None, "verb")
    if lemma in ("withdraw", "pull", "exit", "quit", "leave") and any(
        prep == "from" and pobj.lemma_.lower() in RELATIONS_WORDS for prep, pobj in _preps(tok)
    ):
        return Trigger(tok, "SANCTION", None, "verb")  # "withdrew from the nuclear deal": relations cut
    if (
        lemma in ("help", "seek")
        and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in tok.children)
        and (lemma == "seek" or _child(tok, "dobj", "obj") is None)
    ):
        return None  # "helped negotiate the deal", "seeks to retake control": the complement tells
    if lemma in COMPELLING_VERBS and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in CLOSURE_VERBS for c in tok.children
    ):
        return Trigger(tok, "COERCE", None, "verb")  # "ordered the paper to shut down"
    if lemma in DENIAL_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "denied that he made a deal" rejects a claim, not a request
    if lemma == "charge" and any(prep == "with" for prep, _ in _preps(tok)):
        return Trigger(tok, "ACCUSE", None, "verb")  # "charged him with treason"
    if (
        lemma in ("count", "rely")
        and any(prep == "on" for prep, _ in _preps(tok))
        and any(
            c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) for c in tok.children
        )
    ):
        return Trigger(tok, "REQUEST", None, "verb")  # "I count on Turkey to act with restraint"
    if (
        lemma == "agree"
        and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
        and any(prep in ("on", "upon") for prep, _ in _preps(tok))
    ):
        return Trigger(tok, "SUPPORT", None, "verb")  # "agreed on a border": settled terms
    if lemma in ("demonstrate", "march", "rally") and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return None  # "demonstrates a lack of", "rallied support": showing, not protesting
    if lemma in ("speak", "talk", "confer") and any(
        pobj.lemma_.lower() in ("phone", "telephone") for _, pobj in _preps(tok)
    ):
        return Trigger(tok, "CONSULT", None, "verb")  # "spoke on the phone"
    if lemma in ("name", "describe", "call", "list", "brand", "label", "denounce") and any(
        prep == "as" and pobj.lemma_.lower() in BLAME_WORDS for prep, pobj in _preps(tok)
    ):
        return Trigger(tok, "ACCUSE", None, "verb")  # "named the PKK as terrorists"
    # The object decides before a particle does: "sent *troops* to" is MOBILIZE, "gave a
    # *welcome* to" CONSULT, whatever "send to" and "give to" report on their own.
    table = lexicon.objects.get(lemma)
    if table:
        obj = _object_word(tok)
        if obj is not None:
            for word in (obj.lemma_.lower(), obj.lower_):
                if word in table:
                    found = table[word]
                    return Trigger(tok, found[0], found[1], "verb") if found else None
            for child in obj.children:
                if child.dep_ in ("compound", "amod") and child.lemma_.lower() in table:
                    found = table[child.lemma_.lower()]
                    return Trigger(tok, found[0], found[1], "verb") if found else None
    key = _phrasal_key(tok, lexicon)
    if key is not None:
        category = lexicon.phrasal[key]
        return Trigger(tok, category, None, "verb") if category else None
    entry = lexicon.verbs.get(lemma)
    if entry is None:
        return None
    return Trigger(tok, entry[0], entry[1], "verb")


#: Nouns that name an undertaking whose kind their modifier gives ("mediation mission").
GENERIC_EVENT_HEADS = frozenset({"mission", "campaign", "effort", "operation", "process", "drive", "bid"})


def noun_trigger(tok: Token, lexicon: Lexicon) -> Trigger | None:
    """The category an event noun reports ("warnings", "talks", "hunger strike", "state of siege")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return None
    lemma = tok.lemma_.lower()
    if lemma not in lexicon.noun_heads and tok.lower_ not in lexicon.noun_heads:
        return None
    candidates = []
    for child in tok.children:
        if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
            candidates.append(f"{child.lower_} {lemma}")
            candidates.append(f"{child.lower_} {tok.lower_}")
    if lemma == "state":
        for prep, pobj in _preps(tok):
            if prep == "of":
                candidates.append(f"state of {pobj.lower_}")
    candidates += [tok.lower_, lemma]
    if lemma in GENERIC_EVENT_HEADS:
        # "a mediation *mission*", "a bombing *campaign*": the modifier says what happens.
        candidates += [c.lemma_.lower() for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    for key in candidates:
        entry = lexicon.nouns.get(key)
        if entry is not None:
            category, cameo = entry
            if key in ("call", "calls"):
                category = "REQUEST" if _is_request_call(tok) else "CONSULT"
            if key in ("strike", "strikes") and _is_labour_strike(tok):
                category = "PROTEST"
            return Trigger(tok, category, cameo, "noun")
    return None


def _theme_of(verb: Token, lexicon: Lexicon) -> Trigger | None:
    """The act a complement reports: its verb ("to *impose* sanctions") or its object's event
    noun ("to hold a general *strike*")."""
    found = verb_trigger(verb, lexicon)
    if found is not None:
        return found
    if verb.lemma_.lower() not in lexicon.light_verbs:
        return None  # "warned that police would no longer tolerate *rallies*": someone else's act
    obj = _child(verb, "dobj", "obj")
    return noun_trigger(obj, lexicon) if obj is not None else None


# ---------------------------------------------------------------------- modes

#: Verbs whose threat is to take territory (PLOVER THREATEN mode "territory").
TERRITORY_VERBS = frozenset({"occupy", "invade", "annex", "capture", "seize", "invasion", "occupation"})
#: Modes of what is refused or asked for (REJECT/REQUEST), by the category of that act.
ASKED_MODES = {
    "CONSULT": "meet",
    "RETREAT": "yield",
    "CONCEDE": "yield",
    "AID": "assist",
    "COOPERATE": "assist",
}
#: Modes of what is threatened, by the mode of the repression threatened.
THREATENED_COERCION = {
    "arrest": "arrest",
    "ban": "ban",
    "curfew": "restrict",
    "martial-law": "restrict",
    "restrict": "restrict",
}


def _trigger_keys(trig: Trigger) -> set[str]:
    """The words a trigger can be known by: its word, lemma, two-word and phrasal forms."""
    tok = trig.token
    lemma = tok.lemma_.lower()
    keys = {tok.lower_, lemma}
    for child in tok.children:
        if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
            keys.update({f"{child.lower_} {lemma}", f"{child.lower_} {tok.lower_}"})
        if child.dep_ in ("prt", "prep", "dobj"):
            keys.add(f"{lemma} {child.lower_}")
        if lemma == "state" and child.dep_ == "prep" and child.lower_ == "of":
            keys.update(f"state of {p.lower_}" for p in child.children if p.dep_ == "pobj")
    return keys


def _clause_words(tokens: Iterable[Token], skip: Token) -> set[str]:
    """The words and two-word sequences of a clause, the trigger itself left out."""
    ordered = sorted((t for t in tokens if t.i != skip.i), key=lambda t: t.i)
    words = {t.lower_ for t in ordered} | {t.lemma_.lower() for t in ordered}
    words.update(f"{a.lower_} {b.lower_}" for a, b in pairwise(ordered) if b.i == a.i + 1)
    return words


def _lexical_mode(category: str, trig: Trigger, tokens: list[Token], lexicon: Lexicon) -> str | None:
    rules = lexicon.modes.get(category)
    if not rules:
        return None
    keys = _trigger_keys(trig)
    words = _clause_words(tokens, trig.token)
    for rule in rules:
        if rule.strong & words:
            return rule.mode
    for rule in rules:
        if rule.triggers & keys:
            return rule.mode
    for rule in rules:
        if rule.clues & words:
            return rule.mode
    return None


def mode_of(frame: Frame, tokens: list[Token], lexicon: Lexicon) -> str | None:
    """The PLOVER mode of an event where its words say how it was done ("kidnapped" -> abduct,
    "a car bomb" -> explosives, "hunger strike" -> strike-hun), or of what was threatened,
    refused or asked for ("threatened to impose sanctions" -> relations, "refused to meet" -> meet)."""
    category = frame.category
    trig = frame.trigger
    if category in ("THREATEN", "REJECT", "REQUEST"):
        theme = trig.theme
        if theme is None and trig.category != category:
            theme = trig  # "will impose sanctions" read as a threat
        if theme is None and trig.kind == "verb" and category != "REJECT":
            # "demanded *the withdrawal* of", "threatened *sanctions*" (but "opposed the
            # withdrawal" refuses someone else's act, no concession of one's own)
            obj = _child(trig.token, "dobj", "obj")
            theme = noun_trigger(obj, lexicon) if obj is not None else None
        if theme is None or theme.category == category:
            return None
        if category != "THREATEN":
            return ASKED_MODES.get(theme.category)
        done = _lexical_mode(theme.category, theme, tokens, lexicon)
        if theme.token.lemma_.lower() in TERRITORY_VERBS:
            return "territory"
        if theme.category in ("ASSAULT", "MOBILIZE"):
            return "violence"
        if theme.category == "COERCE":
            return THREATENED_COERCION.get(done or "")
        if theme.category == "SANCTION":
            return {
                "expel": "expel",
                "sever": "relations",
                "cancel": "relations",
                "withdraw": "relations",
            }.get(done or "")
        return "restrict" if theme.category == "PROTEST" else None
    if trig.category != category and category not in ("MOBILIZE", "ACCUSE"):
        return None  # an act promised (AGREE) has no mode of its own yet
    mode = _lexical_mode(category, trig, tokens, lexicon)
    if mode is None and category == "CONSULT":
        parties = {a.code for a in [*frame.source, *frame.target] if a.code}
        if len(parties) > 2 or any(a.info.sector == "IGO" for a in [*frame.source, *frame.target]):
            return "multilateral"
    return mode


def _is_request_call(tok: Token) -> bool:
    return any(
        (c.dep_ == "prep" and c.lower_ in ("for", "on", "upon", "by")) or c.dep_ in ("acl", "relcl")
        for c in tok.children
    )


def _is_labour_strike(tok: Token) -> bool:
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "on"
        and tok.head.head.lemma_ in ("go", "be", "stay", "remain")
    ):
        return True  # "went on strike"
    words = {c.lower_ for c in tok.children}
    return bool(
        words & {"general", "hunger", "national", "workers", "teachers", "union", "week-long", "day-long"}
    )


# ---------------------------------------------------------------------- events from triggers


@dataclass
class Frame:
    """An event being built: trigger, category, actors, modality."""

    trigger: Trigger
    category: str
    cameo: str | None
    source: list[Actor]
    target: list[Actor]
    modality: Modality
    clause_head: Token
    attributed_to: str | None = None
    nested: bool = False
    #: Held by all its parties alike ("a meeting between X and Y"): each is coded as a source.
    mutual: bool = False


def _coded(actors: list[Actor]) -> list[Actor]:
    return [a for a in actors if a.code]


#: Sectors of a state's own apparatus: a state acting on them acts on itself.
APPARATUS_SECTORS = frozenset({"GOV", "MIL", "COP"})


def _apparatus(actor: Actor) -> bool:
    return actor.info.kind == "state" or actor.info.sector is None or actor.info.sector in APPARATUS_SECTORS


@dataclass(frozen=True)
class Own:
    """The event's source, which its target never repeats ("offered *its* troops").

    Another actor of the same country is a target of its own when it is distinct from the
    source: a named group or a different branch ("Turkey named *the PKK* terrorists", "the
    court indicted *the prime minister*", "officials asked *the Assembly*"); the country
    itself, or its government, forces or police acted on by the state, are not.
    """

    actors: tuple[Actor, ...] = ()

    @classmethod
    def of(cls, source: Iterable[Actor]) -> Own:
        return cls(tuple(a for a in source if a.code))

    def excludes(self, actor: Actor) -> bool:
        for own in self.actors:
            if own.code != actor.code:
                continue
            if own.info.name == actor.info.name or own.info.sector == actor.info.sector:
                return True
            if actor.info.kind == "state" and _apparatus(own):  # a state acting on itself
                return True
            if _apparatus(own) and _apparatus(actor):
                return True
        return False


NO_SOURCE = Own()


def _others(actors: list[Actor], exclude: Own) -> list[Actor]:
    """The coded actors that are not the event's own source."""
    return [a for a in actors if a.code and not exclude.excludes(a)]


def _object_actors(
    obj: Token, state: ArticleState, speaker: Speaker | None, exclude: Own = NO_SOURCE, as_thing: bool = False
) -> list[Actor]:
    """Actors an object stands for: itself, else a possessor or modifier inside it ("Russia's demand").

    ``as_thing`` reads the object as a thing only (an event noun carried by the verb), never
    as a reference back to an earlier event's actors.
    """
    if _names_actor(obj, state) and not as_thing:
        direct = _others(actors_of(obj, state, speaker), exclude)
        if direct:
            return direct
    for child in obj.children:
        if child.dep_ in ("poss", "compound", "nmod", "amod", "appos") and (
            child.i < obj.i or child.dep_ == "appos"
        ):
            found = _others(actors_of(child, state, speaker), exclude)
            if found:
                return found
    for prep, pobj in _preps(obj):
        if prep in (
            "of",
            "by",
            "from",
            "to",
            "on",
            "against",
            "with",
            "for",
            "in",
            "over",
            "about",
            "between",
            "among",
        ):
            found = _others(actors_of(pobj, state, speaker), exclude)
            if not found:
                found = _object_actors(pobj, state, speaker, exclude) if pobj.dep_ == "pobj" else []
            if prep in PLACE_PREPS:  # "blocked streets *in Hong Kong*": the source's own place
                found = [a for a in found if all(a.code != o.code for o in exclude.actors)]
            if found:
                return found
    if not _names_actor(obj, state):
        # A thing coded from its place ("streets in Hong Kong") is no other party than the source's.
        found = _others(actors_of(obj, state, speaker), exclude)
        return [a for a in found if all(a.code != o.code for o in exclude.actors)]
    return []


def _names_actor(tok: Token, state: ArticleState) -> bool:
    """Whether a noun phrase head itself names an actor (a name, a pronoun, a role word)."""
    return (
        tok.pos_ in ("PROPN", "PRON")
        or (tok.lemma_.lower() in COLLECTIVE_HEADS and tok.tag_ == "NNS")
        or _is_pronoun(tok)
        or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or state.kb.role(tok.text) is not None
        or state.kb.adjective(tok.text) is not None
        or tok.lemma_.lower() in EVENT_ANAPHORS
        or (tok.lemma_.lower() in ORGANIZATION_HEADS and tok.tag_ == "NN")
    )


def targets_of(
    verb: Token,
    category: str,
    state: ArticleState,
    speaker: Speaker | None,
    depth: int = 0,
    exclude: Own = NO_SOURCE,
    carried: Token | None = None,
) -> list[Actor]:
    """The target of a verb trigger: object, indirect object, then the category's prepositions.

    ``exclude`` holds the source's codes: "offered *its* troops" does not target itself.
    A request's target is whoever is asked to act ("demanded that *the United States* match").
    ``carried`` is the event noun a light verb carries, which is never its own target ("*the
    rocket strikes* were carried out by ...").
    """
    if category in ("REQUEST", "ACCUSE"):
        # Whoever is asked to act ("demanded that *the US* match"), or accused ("protested
        # that *Croatian authorities* are failing to ...").
        for child in verb.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                subject = _subject_token(child) or _child(child, "nsubjpass")
                if subject is not None:
                    found = _object_actors(subject, state, speaker, exclude)
                    if found:
                        return found
    if _is_passive(verb):
        subj = _child(verb, "nsubjpass")
        if subj is not None:
            found = _object_actors(subj, state, speaker, exclude, carried is not None and subj.i == carried.i)
            if found:
                return found
    if verb.lemma_.lower() in CAUSATIVE_VERBS:
        # "allow *United Nations planes* to land": whoever is let, made or helped to act
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
                subject = _subject_token(child)
                if subject is not None:
                    found = _object_actors(subject, state, speaker, exclude)
                    if found:
                        return found
    obj = _child(verb, "dobj", "obj")
    dative = _child(verb, "dative", "iobj")
    if dative is not None and dative.pos_ in ("PROPN", "NOUN", "PRON"):
        found = _others(actors_of(dative, state, speaker), exclude)
        if found:
            return found
    if obj is not None:
        found = _object_actors(obj, state, speaker, exclude, carried is not None and obj.i == carried.i)
        if found:
            return found
    preps = TARGET_PREPS.get(category, DEFAULT_TARGET_PREPS)
    heads = [verb] + ([obj] if obj is not None else [])
    for wanted in preps:
        for head in heads:
            for prep, pobj in _preps(head):
                if prep != wanted:
                    continue
                found = _others(actors_of(pobj, state, speaker), exclude)
                if prep in PLACE_PREPS:  # "people in Hong Kong blocked streets *in Hong Kong*"
                    found = [a for a in found if all(a.code != o.code for o in exclude.actors)]
                if not found and prep not in PLACE_PREPS:
                    found = _object_actors(pobj, state, speaker, exclude)
                if found:
                    return found
    if depth < 2:
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                found = targets_of(child, category, state, speaker, depth + 1, exclude)
                if found:
                    return found
    return _target_in_circumstances(verb, category, state, speaker, depth, exclude)


#: Verbs whose complement's subject is who is let, made or helped to act.
CAUSATIVE_VERBS = frozenset(
    {"allow", "let", "permit", "enable", "force", "compel", "help", "make", "prevent"}
)


def _target_in_circumstances(
    verb: Token, category: str, state: ArticleState, speaker: Speaker | None, depth: int, exclude: Own
) -> list[Actor]:
    """Targets a clause names only in its circumstances: who must comply for a threat not to
    be carried out ("threatened to strike *unless Israel* rescinded ..."), and what a protest
    is for ("blocked a road *to show their disapproval of the United States'* policies")."""
    for child in verb.children:
        if child.dep_ != "advcl" or child.pos_ not in ("VERB", "AUX"):
            continue
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
        if category == "THREATEN" and marks & {"unless", "if"}:
            subject = _subject_token(child) or _child(child, "nsubjpass")
            if subject is not None:
                found = _object_actors(subject, state, speaker, exclude)
                if found:
                    return found
        if category == "PROTEST" and "to" in marks and depth < 2:
            found = targets_of(child, category, state, speaker, depth + 1, exclude)
            if found:
                return found
    return []


def _noun_source(
    noun: Token, state: ArticleState, speaker: Speaker | None, category: str = ""
) -> list[Actor]:
    """The actor a noun trigger names as its own: possessor, country modifier, or "by"/"from" phrase."""
    for child in noun.children:
        if child.dep_ in ("poss",):
            found = _coded(actors_of(child, state, speaker))
            if found:
                return found
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            # An adjective says who only as a country word ("Turkish airstrikes"), never as a
            # role ("a *general* strike").
            found = _coded(actors_of(child, state, speaker)) if child.pos_ != "ADJ" else []
            if found:
                return found
            info = state.kb.adjective(child.text)
            if info is not None:
                return [Actor(info, child.idx, child.idx + len(child.text))]
    # Who withdraws is "of" ("the withdrawal *of Russian troops* from Ukraine"); "from" is
    # what is left, not who gives ("aid *from* Japan").
    source_preps = ("by", "of") if category == "RETREAT" else ("by", "from")
    for prep, pobj in _preps(noun):
        if prep in source_preps:
            found = _coded(actors_of(pobj, state, speaker))
            if prep == "of" and not _coded_by_own_words(pobj, state):
                continue  # "the withdrawal of invasion forces *from Panama*": not Panama's
            if found:
                return found
    return []


def _coded_by_own_words(head: Token, state: ArticleState) -> bool:
    """Whether a phrase names its actor in its own words, not only through a place it relates
    to ("forces from Panama" are not Panama's) or a pronoun."""
    if _is_pronoun(head):
        return True
    inner = {t.i for child in head.children if child.dep_ == "prep" for t in child.subtree}
    words = [
        t.text for t in np_tokens(head) if t.i not in inner and (not t.is_punct or t.text in ("-", "'s"))
    ]
    info = state.kb.code_phrase(words, state.date)
    return info is not None and info.code is not None


def _noun_targets(noun: Token, category: str, state: ArticleState, speaker: Speaker | None) -> list[Actor]:
    preps = TARGET_PREPS.get(category, DEFAULT_TARGET_PREPS)
    for wanted in preps:
        for prep, pobj in _preps(noun):
            if prep == wanted and prep not in ("by",):
                found = _coded(actors_of(pobj, state, speaker))
                if found:
                    return found
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            found = targets_of(child, category, state, speaker, 1)
            if found:
                return found
    # Through what the act is of: "the withholding *of aid to Ukraine*", "suspension of
    # talks with Iran" (the thing's own recipient, not the thing's owner).
    for prep, thing in _preps(noun):
        if prep != "of" or _names_actor(thing, state):
            continue
        for wanted in preps:
            for inner, pobj in _preps(thing):
                if inner == wanted and inner not in ("by", "of"):
                    found = _coded(actors_of(pobj, state, speaker))
                    if found:
                        return found
    return []


def _apply_modality(category: str, modality: Modality) -> tuple[str, bool] | None:
    """(category, negated) after modality; None when the clause reports no event."""
    if modality.counterfactual:
        return None  # "a bill that would have allowed China to extradite ...": it did not happen
    if modality.failed:
        return category, True
    if modality.obliged:
        return None  # what someone must do is a request of the speaker's, not the act
    if modality.future or modality.possible:
        if modality.negated:
            if category in COOPERATIVE:
                return "REJECT", False
            return None
        if modality.withdrawal:
            return "CONCEDE", False  # a withdrawal declared, not carried out (docs/ANNOTATION.md)
        if category in COOPERATIVE:
            return "AGREE", False
        if category in CONFLICTUAL:
            return "THREATEN", False
        return category, False
    return category, modality.negated


# ---------------------------------------------------------------------- dates, quantities, places

_NUMBER_RE = re.compile(r"^\d[\d,]*(\.\d+)?$")
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "hundreds": 100,
    "thousands": 1000,
    "dozens": 12,
}


def _number_value(tokens: list[Token]) -> float | None:
    value: float | None = None
    for tok in tokens:
        text = tok.lower_.replace(",", "")
        if _NUMBER_RE.match(tok.text) or re.match(r"^\d+(\.\d+)?$", text):
            value = float(text)
        elif text in _SCALES and value is not None:
            value *= _SCALES[text]
        elif text in _WORD_NUMBERS and value is None:
            value = float(_WORD_NUMBERS[text])
        elif text in _SCALES and value is None:
            value = float(_SCALES[text])
    return value


def quantity_in(tokens: Iterable[Token]) -> Quantity | None:
    """The first counted amount among the tokens: "some 100,000 troops" -> 100000 troops."""
    for tok in sorted(tokens, key=lambda t: t.i):
        if tok.dep_ != "nummod" or tok.head.pos_ not in ("NOUN", "PROPN", "SYM"):
            continue
        if tok.ent_type_ in ("DATE", "TIME") or tok.head.ent_type_ in ("DATE", "TIME"):
            continue
        unit_tok = tok.head
        parts = [t for t in tok.subtree if t.dep_ in ("nummod", "quantmod", "compound") or t.like_num]
        parts = [
            t for t in parts if t.i < unit_tok.i and t.lower_ not in ("some", "about", "around", "up", "to")
        ]
        value = _number_value(parts or [tok])
        if value is None:
            continue
        unit = unit_tok.text.lower()
        if unit_tok.text in ("$", "US$"):
            unit = "USD"
        elif unit_tok.text in ("€",):
            unit = "EUR"
        return Quantity(value=value, unit=unit)
    return None


#: Nouns whose "of" phrase names a place ("the city of Lusaka").
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "capital",
        "village",
        "province",
        "region",
        "district",
        "state",
        "county",
        "port",
        "island",
    }
)
#: Prepositions that introduce where something happens.
PLACE_WORDS = frozenset({"in", "at", "near", "outside", "into", "across", "inside", "within", "throughout"})


def location_in(tokens: Iterable[Token], doc: Doc) -> Location | None:
    """The place a clause happens in: "in", "at" or "near" a country, city or region it names."""
    for tok in sorted(tokens, key=lambda t: t.i):
        if tok.dep_ != "pobj":
            continue
        prep = tok.head
        named_place = tok.ent_type_ in ("GPE", "LOC", "FAC")
        if prep.lower_ == "of" and prep.head.dep_ == "pobj":
            # "in the capital city *of* Algiers", "in the province of Aceh"
            named_place = named_place or (
                prep.head.lemma_.lower() in PLACE_NOUNS and tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON"
            )
            prep = prep.head.head
        if not named_place or prep.lower_ not in PLACE_WORDS:
            continue
        span = _entity_span(tok, doc)
        place = lookup_place(span.text) if span is not None else None
        if place is None:
            place = lookup_place(tok.text)
        if place is not None:
            return place.location()
    return None


_ENTITY_INDEX: list[Any] = [None, {}, []]
_SENTENCE_TOKENS: list[Any] = [None, -1, -1, []]


def _tokens(sent: Span) -> list[Token]:
    """A sentence's tokens, made once (every pass over a Span builds its Token objects anew)."""
    if _SENTENCE_TOKENS[0] is not sent.doc or _SENTENCE_TOKENS[1:3] != [sent.start, sent.end]:
        _SENTENCE_TOKENS[:] = [sent.doc, sent.start, sent.end, list(sent)]
    tokens: list[Token] = _SENTENCE_TOKENS[3]
    return tokens


def _entity_span(tok: Token, doc: Doc) -> Span | None:
    """The named entity a token lies in (indexed once per doc: ``doc.ents`` is costly to build)."""
    _index_entities(doc)
    found: Span | None = _ENTITY_INDEX[1].get(tok.i)
    return found


def _index_entities(doc: Doc) -> None:
    if _ENTITY_INDEX[0] is not doc:
        ents = list(doc.ents)
        index: dict[int, Span] = {}
        for ent in ents:
            for i in range(ent.start, ent.end):
                index[i] = ent
        _ENTITY_INDEX[0], _ENTITY_INDEX[1], _ENTITY_INDEX[2] = doc, index, ents


def _entities_in(sent: Span) -> list[Span]:
    """The named entities inside a sentence (``Span.ents`` rebuilds the doc's every time)."""
    _index_entities(sent.doc)
    index: dict[int, Span] = _ENTITY_INDEX[1]
    out: list[Span] = []
    for i in range(sent.start, sent.end):
        ent = index.get(i)
        if ent is not None and (not out or out[-1] is not ent) and ent.end <= sent.end:
            out.append(ent)
    return out


def _date_for(tokens: set[int], mentions: list[tuple[int, DateMention]]) -> str | None:
    for first_token, mention in mentions:
        if first_token in tokens and mention.date:
            return mention.date
    return None


# ---------------------------------------------------------------------- quotations and speakers


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans between paired quotation marks (curly or straight), per paragraph."""
    spans = []
    offset = 0
    for paragraph in text.split("\n"):
        opened: int | None = None
        for i, ch in enumerate(paragraph):
            if ch not in QUOTES:
                continue
            if opened is None and ch != "”":
                opened = i
            elif opened is not None and ch != "“":
                spans.append((offset + opened + 1, offset + i))
                opened = None
        offset += len(paragraph) + 1
    return spans


def _speech_subject(sent: Span, state: ArticleState) -> tuple[str, list[Actor]] | None:
    """The speaker of a sentence's speech verb ("he said", "the Kremlin added"), resolved."""
    for tok in _tokens(sent):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS:
            subj = _subject_token(tok)
            if subj is None:
                continue
            actors = actors_of(subj, state)
            name = actors[0].info.name if actors else " ".join(t.text for t in np_tokens(subj))
            return name, actors
    for tok in _tokens(sent):
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            for pobj in tok.nbor().children:
                if pobj.dep_ == "pobj":
                    actors = actors_of(pobj, state)
                    return (actors[0].info.name if actors else pobj.text), actors
    return None


#: Speaker mentions that may stand for several parties at once.
_GROUP_PRONOUNS = frozenset({"they", "we", "them", "us"})


def _statement_speaker(start: int, state: ArticleState) -> Speaker | None:
    """The speaker of the statement (from ``doc._.ng_statements``) or quotation holding an offset."""
    for statement in state.statements:
        s_start, s_end = getattr(statement, "start", None), getattr(statement, "end", None)
        if s_start is None or s_end is None or not (s_start <= start < s_end):
            continue
        speaker = getattr(statement, "speaker", None)
        name = getattr(speaker, "name", None) if speaker is not None else None
        mention = getattr(speaker, "mention", None) or ""
        if not name or mention.lower() in _GROUP_PRONOUNS:
            # "they"/"we" may stand for several parties named together, which this reader
            # resolves itself; the statement's speaker names only one of them.
            continue
        info = None
        entity_id = getattr(speaker, "entity", None)
        if entity_id:
            for entity in state.entity_at.values():
                if getattr(entity, "id", None) == entity_id and getattr(entity, "code", None):
                    info = ActorInfo(entity.name, entity.kind, entity.code, entity.sector, entity.role)
                    break
        if info is None:
            info = state.kb.lookup(name, state.date) or state.names.get(_name_key(name))
        if info is None or not info.code:
            # An unnamed source the knowledge base codes from its words ("the Nigerien president").
            info = state.kb.code_phrase(mention or name, state.date) or info
        actors = [Actor(info, s_start, s_end, entity_id)] if info is not None and info.code else []
        return Speaker(name, actors, s_start, s_end)
    for speaker in state.quote_speakers:
        if speaker.start <= start < speaker.end:
            return speaker
    return None


# ---------------------------------------------------------------------- the sentence reader


def _light_verb_of(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb a noun trigger is the object of, when that verb only carries it ("issued a warning")."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        if lemma in lexicon.light_verbs or lemma in lexicon.verbs or lemma in (lexicon.objects):
            return head
        if lemma in CONTROL_VERBS and (lemma != "call" or _phrasal_key(head, lexicon) is not None):
            return head  # "calling the agreements legitimate" carries no event
        return None
    if noun.dep_ == "pobj" and head.head.pos_ in ("VERB",) and head.lower_ in ("in", "into", "on", "to"):
        verb = head.head
        if verb.lemma_.lower() in JOINING_VERBS:
            # "took part in the protest", "entered into an agreement", "put on alert"; but
            # "announced it in a rally" only says where something was said.
            return verb
    return None


#: Verbs that carry an event noun through a preposition ("engage in talks", "go on strike").
JOINING_VERBS = frozenset(
    {"engage", "participate", "take", "enter", "join", "remain", "be", "go", "place", "put", "keep", "stay"}
)


def lexical_candidates(doc: Doc, lexicon: Lexicon) -> tuple[frozenset[int], frozenset[int]]:
    """The token indices that may be event verbs and event nouns, by their words alone.

    :func:`verb_trigger` and :func:`noun_trigger` answer None for any other token; reading the
    doc's lemma and lower-case arrays once spares building a Token for every word.
    """
    if not len(doc):
        return frozenset(), frozenset()
    strings = doc.vocab.strings
    lemmas, lowers = lemma_lower_ids(doc)
    verb_ids, noun_ids = lexicon.verb_ids, lexicon.noun_ids
    if len(noun_ids) > 200_000:
        verb_ids.clear()
        noun_ids.clear()
    for h in set(lemmas).difference(verb_ids):
        lemma = strings[h].lower()
        verb_ids[h] = lemma in lexicon.verb_lemmas
        noun_ids[h] = lemma in lexicon.noun_heads
    for h in set(lowers).difference(noun_ids):
        noun_ids[h] = strings[h] in lexicon.noun_heads
    verbs = frozenset(i for i, h in enumerate(lemmas) if verb_ids[h])
    nouns = frozenset(
        i
        for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
        if noun_ids[lemma] or noun_ids[lower]
    )
    return verbs, nouns


_OBLIGATION_LOWER_IDS = frozenset(get_string_id(word) for word in OBLIGATION_MODALS)
_OBLIGATION_LEMMA_IDS = frozenset(get_string_id(word) for word in ("need", "have"))


def obligation_positions(doc: Doc) -> frozenset[int]:
    """The token indices of "must", "should", "ought", "need" and "have": only sentences holding
    one can state an obligation (:func:`_obligation_requests`)."""
    lemmas, lowers = lemma_lower_ids(doc)
    return frozenset(
        i
        for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
        if lower in _OBLIGATION_LOWER_IDS or lemma in _OBLIGATION_LEMMA_IDS
    )


def _candidate_tokens(sent: Span, candidates: frozenset[int] | None) -> list[Token]:
    tokens = _tokens(sent)
    return tokens if candidates is None else [tok for tok in tokens if tok.i in candidates]


def _frames_for_sentence(sent: Span, state: ArticleState, lexicon: Lexicon) -> list[Frame]:
    frames: list[Frame] = []
    consumed: set[int] = set()
    verb_triggers: dict[int, Trigger] = {}
    for tok in _candidate_tokens(sent, state.verb_candidates):
        trig = verb_trigger(tok, lexicon)
        if trig is not None:
            verb_triggers[tok.i] = trig
    # Control verbs take over their complements ("refused to meet", "threatened to cut off").
    for tok in _tokens(sent):
        lemma = tok.lemma_.lower()
        control = CONTROL_VERBS.get(lemma)
        if lemma == "call" and not any(c.lower_ in ("on", "upon", "for") for c in tok.children):
            control = None
        if control is None or tok.pos_ != "VERB":
            continue
        for child in tok.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                if control == "AGREE" and child.dep_ == "ccomp":
                    continue
                keep: set[int] = set()
                for conj in child.children:
                    if conj.dep_ == "conj" and conj.tag_ in ("VBD", "VBZ", "VBP") and child.tag_ == "VB":
                        keep.update(t.i for t in conj.subtree)
                for sub in child.subtree:
                    if sub.i not in keep:
                        consumed.add(sub.i)
                theme = _theme_of(child, lexicon)
                if tok.i not in verb_triggers:
                    verb_triggers[tok.i] = Trigger(tok, control, None, "verb", theme)
                elif control in ("REJECT", "THREATEN", "AGREE", "REQUEST"):
                    verb_triggers[tok.i] = Trigger(tok, control, verb_triggers[tok.i].cameo, "verb", theme)
    for i, trig in sorted(verb_triggers.items()):
        tok = trig.token
        if i in consumed or _is_conditional(tok) or _is_purpose_or_modifier(tok, trig.category, state):
            continue
        if tok.lemma_.lower() in ("warn", "threaten") and not _warning_has_content(tok):
            continue
        modality = modality_of(tok)
        applied = _apply_modality(trig.category, modality)
        if applied is None:
            continue
        category, negated = applied
        if negated and category == "AGREE" and _answers_a_request(tok):
            category, negated = "REJECT", False  # "did not accede to their demands": refused them
        modality.negated = negated
        speaker = _statement_speaker(tok.idx, state)
        subject = acting_subject(tok)
        hosted = category == "CONSULT" and _is_passive(tok) and tok.lemma_.lower() in HOSTING_VERBS
        if (_is_passive(tok) and tok.lemma_.lower() == "oppose") or hosted:
            # "was met by X": the one met is the visitor, whom PLOVER codes as the source
            subject = _child(tok, "nsubjpass")
        source = _coded(actors_of(subject, state, speaker)) if subject is not None else []
        if not source and subject is not None:
            source = _located_people(subject, tok, state)
        if not source and subject is not None and subject.lemma_.lower() in RECIPROCAL_HEADS:
            source = _coded(_reporting_subject(subject, state))
        if not source and _is_passive(tok):
            source = _unnamed_authority(tok, category, state)
        if not source and tok.lemma_.lower() in SPEECH_VERBS | {"suggest"}:
            continue
        category = _as_done_by(category, source)
        exclude = Own.of(source)
        if _is_passive(tok) and tok.lemma_.lower() == "oppose":
            target = []
            for prep, pobj in _preps(tok):
                if prep == "to":
                    target = _object_actors(pobj, state, speaker, exclude)
        elif hosted:
            host = _agent(tok)
            target = _others(actors_of(host, state, speaker), exclude) if host is not None else []
        else:
            target = targets_of(tok, category, state, speaker, exclude=exclude)
        if _is_passive(tok) and not source:
            continue
        target = _without_exceptions(tok, target, state)
        if not target and category == "CONSULT" and tok.lemma_.lower() in MOTION_VERBS:
            continue  # "arriving back home": a journey with no one to meet
        if not target and tok.lemma_.lower() in RECOGNIZING_VERBS:
            continue  # "recognized as world heritage": a thing acknowledged, no one supported
        if not target:
            target = _default_target(tok, category, source, state)
        frames.append(
            Frame(
                trig,
                category,
                trig.cameo if category == trig.category else None,
                source,
                target,
                modality,
                tok,
            )
        )
    for tok in _candidate_tokens(sent, state.noun_candidates):
        trig = noun_trigger(tok, lexicon)
        if trig is None or tok.i in consumed or _is_conditional(tok):
            continue
        if _governed_by_trigger(tok, verb_triggers, lexicon):
            continue
        frame = _noun_frame(trig, state, lexicon, verb_triggers)
        if frame is not None:
            frames.append(frame)
    frames.extend(_charges_of(frames))
    frames.extend(_obligation_requests(sent, state, consumed))
    frames.extend(_told_consultations(sent, state))
    return frames


#: Acts only a state's police or courts carry out, by the sector that does: reported in the
#: passive with no agent ("were arrested", "was charged with murder") they are still the state's.
AUTHORITY_ACTS: dict[str, tuple[str, str]] = {
    "arrest": ("COERCE", "COP"),
    "detain": ("COERCE", "COP"),
    "jail": ("COERCE", "JUD"),
    "imprison": ("COERCE", "JUD"),
    "sentence": ("COERCE", "JUD"),
    "prosecute": ("COERCE", "JUD"),
    "deport": ("COERCE", "GOV"),
    "charge": ("ACCUSE", "JUD"),
    "indict": ("ACCUSE", "JUD"),
}


def _unnamed_authority(verb: Token, category: str, state: ArticleState) -> list[Actor]:
    """The state that arrested, jailed or charged someone when the passive names no agent:
    that of the place it happened ("were arrested in Lagos"), else that of an article about
    one country ("More than 100 people have been arrested"); its police or courts, coded as
    the state (docs/ANNOTATION.md: a state's forces take its code)."""
    act = AUTHORITY_ACTS.get(verb.lemma_.lower())
    if act is None or act[0] != category or _agent(verb) is not None:
        return []
    place = _event_place(verb)
    code = place.code if place is not None and place.code else state.home
    if code is None:
        return []
    known = state.kb.state(code)
    name = known.name if known is not None else code
    return [Actor(ActorInfo(name, "group", code, act[1]), verb.idx, verb.idx + len(verb.text), None, True)]


#: Verbs of going along with what someone asked; not doing so refuses it.
ACCEPTING_VERBS = frozenset({"agree", "accept", "accede", "consent", "yield", "bow", "give"})
#: Nouns of what someone asked for ("their *demands*", "the *request*").
ASKED_NOUNS = frozenset({"demand", "request", "call", "appeal", "plea", "ultimatum", "condition"})


def _answers_a_request(verb: Token) -> bool:
    """Whether a verb of accepting takes a demand or request as its object ("accept the
    demands", "accede to the request"): not accepting it is a rejection (docs/ANNOTATION.md:
    REJECT covers denying a request), not a negated agreement."""
    if verb.lemma_.lower() not in ACCEPTING_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objects += [pobj for prep, pobj in _preps(verb) if prep in ("to", "in")]
    return any(obj.lemma_.lower() in ASKED_NOUNS for obj in objects)


#: Verbs of acknowledging, which support someone only when someone is acknowledged
#: ("recognized Kosovo"), not a thing ("recognized the site as world heritage").
RECOGNIZING_VERBS = frozenset({"recognize", "recognise"})


#: Nouns of a formal accusation ("arrested *on charges of* treason").
CHARGE_WORDS = frozenset({"charge", "allegation", "accusation", "suspicion"})


def _charges_of(frames: list[Frame]) -> list[Frame]:
    """Repression "on charges/allegations of" something also accuses its target of it (ACCUSE)."""
    out = []
    for frame in frames:
        if frame.category != "COERCE" or frame.trigger.kind != "verb" or frame.modality.negated:
            continue
        for prep, pobj in _preps(frame.trigger.token):
            if prep in ("on", "over") and pobj.lemma_.lower() in CHARGE_WORDS:
                trig = Trigger(pobj, "ACCUSE", None, "noun")
                out.append(
                    Frame(trig, "ACCUSE", None, frame.source, frame.target, Modality(), frame.clause_head)
                )
                break
    return out


#: Verbs of receiving a visitor: in the passive their subject is the visitor ("was met by").
HOSTING_VERBS = frozenset({"meet", "receive", "welcome", "host", "greet"})
#: Verbs of travel that report a visit only with somewhere to go ("flew to Moscow").
MOTION_VERBS = frozenset({"arrive", "travel", "fly", "return", "come", "go", "head"})


def _as_done_by(category: str, source: list[Actor]) -> str:
    """A protest is civilian dissent (PLOVER): troops that march are mobilised, and a state
    or government that protests objects in words (ACCUSE)."""
    if category != "PROTEST" or not source:
        return category
    if all(a.info.sector in ("MIL", "COP") for a in source):
        return "MOBILIZE"
    if all(a.info.kind == "state" or a.info.sector in ("GOV", "IGO") for a in source):
        return "ACCUSE"
    return category


def _without_exceptions(verb: Token, target: list[Actor], state: ArticleState) -> list[Actor]:
    """Targets less those the clause leaves out ("invited the countries, *with the exception
    of Cyprus*", "except Cyprus")."""
    if not target:
        return target
    left_out: set[str] = set()
    for tok in _nested_tokens(verb):
        if tok.dep_ != "prep":
            continue
        for pobj in tok.children:
            if pobj.dep_ != "pobj":
                continue
            if tok.lower_ in EXCLUDING_PREPS:
                left_out.update(a.code for a in _coded(actors_of(pobj, state)) if a.code)
            elif pobj.lemma_.lower() == "exception":
                for prep, inner in _preps_of_any(pobj):
                    if prep == "of":
                        left_out.update(a.code for a in _coded(actors_of(inner, state)) if a.code)
    kept = [a for a in target if a.code not in left_out]
    return kept if kept else target


def _preps_of_any(tok: Token) -> Iterator[tuple[str, Token]]:
    for child in tok.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield child.lower_, pobj


def _is_purpose_or_modifier(tok: Token, category: str = "", state: ArticleState | None = None) -> bool:
    """An infinitive of purpose ("arrived *to discuss*") or a participle describing a noun
    ("inspectors *probing* sites"): intentions and descriptions, not events told.

    People described by what they are doing collectively are doing it, though: "dispersed
    demonstrators *protesting* election results" reports a protest.
    """
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        return not (
            category == "PROTEST"
            and tok.tag_ == "VBG"
            and state is not None
            and _names_people(tok.head, state)
        )
    if tok.dep_ == "conj" and tok.tag_ == "VB" and tok.head.dep_ in ("advcl", "acl"):
        # "... presence to protect them and *prevent* a war": joined to a purpose, a purpose too.
        head = tok.head
        return (
            _is_purpose_or_modifier(head, "", state)
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
            and _subject_token(head) is None  # "for the army to enter and deploy" is told
        )
    if tok.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    ):
        parent = tok.head
        lemma = parent.lemma_.lower()
        if lemma in ("use", "employ", "deploy", "send", "open", "fire"):
            return False
        if tok.dep_ == "xcomp" and (
            lemma in FUTURE_VERBS
            or lemma in FUTURE_ADJECTIVES
            or lemma in TRANSPARENT_VERBS
            or lemma in FAILURE_VERBS
            or lemma in ("have", "need")
        ):
            return False
        return tok.dep_ != "xcomp" or parent.pos_ not in ("ADJ",)
    return False


def _governed_by_trigger(noun: Token, verb_triggers: dict[int, Trigger], lexicon: Lexicon) -> bool:
    """Whether an event noun is only the theme of another event ("agreed to US *mediation*")."""
    node = noun
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return False
        parent = node.head
        if parent.i == node.i:
            return False
        if parent.i in verb_triggers:
            return node.dep_ not in ("dobj", "obj") or noun.i != node.i
        if parent.pos_ in ("NOUN", "PROPN") and noun_trigger(parent, lexicon) is not None:
            return True
        if parent.pos_ in ("VERB", "AUX"):
            # Under a light verb that already carries another event noun ("renewed negotiations
            # on a pullback"), the noun is that event's theme.
            return any(
                c.dep_ in ("dobj", "obj") and c.i != noun.i and noun_trigger(c, lexicon) is not None
                for c in parent.children
            )
        node = parent
    return False


#: Categories whose object is what is given or moved ("send *doctors*"), not who is acted on.
GIVING = frozenset({"AGREE", "AID", "MOBILIZE", "COOPERATE"})
#: Verbs of giving whose object is who benefits ("evacuated 80 people"), not what is given.
BENEFICIARY_VERBS = frozenset({"evacuate", "rescue", "shelter", "help", "assist", "aid", "protect"})
#: Words for people and groups that have no country of their own in the phrase.
PEOPLE_WORDS = frozenset(
    {"people", "person", "opponent", "member", "candidate", "supporter", "follower", "group", "party"}
)


def _default_target(head: Token, category: str, source: list[Actor], state: ArticleState) -> list[Actor]:
    """Whom an event falls on when no participant is named as its target (PLOVER convention).

    The country of the place it happens in ("jailed opponents *in Lagos*", "agreed to set
    up a centre *in Tokyo*"), else, for acts on people or groups with no country of their
    own (and for protests and repression), the source's own country ("police dispersed
    demonstrators"). A meeting keeps no target: where it happens is only its venue.
    """
    if category == "CONSULT" or not source:
        return []
    place = _event_place(head)
    if place is not None and place.code and len(source) > 1 and place.code in {a.code for a in source}:
        return []  # "Turkey and Libya allowed deployments in Libya": one party's home, no target
    if place is not None and place.code:
        known = state.kb.state(place.code)
        info = ActorInfo(known.name if known is not None else place.name, "state", place.code, None)
        return [Actor(info, head.idx, head.idx + len(head.text))]
    codes = [a.code for a in source if a.code and state.kb.state(a.code) is not None]
    if not codes:
        return []
    patient = None
    for clause in [
        head,
        *[c for c in head.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")],
    ]:
        for child in clause.children:
            if child.dep_ in ("dobj", "nsubjpass", "obj"):
                patient = child
        if patient is not None:
            break  # the clause's own object, else its complement's ("warned police would ban *rallies*")
    acted_on = (
        patient is not None
        and (category not in GIVING or head.lemma_.lower() in BENEFICIARY_VERBS)
        and (
            _names_people(patient, state)
            # "tolerate rallies *by the Kifaya group*": an act of people, acted on
            or any(prep in ("by", "of") and _names_people(pobj, state) for prep, pobj in _preps(patient))
        )
    )
    if category == "REJECT" and not acted_on:
        # "did not accede to *the protesters'* demands": people of no country of their own asked
        acted_on = any(
            pobj.lemma_.lower() in ASKED_NOUNS
            and any(
                c.dep_ == "poss" and not _is_pronoun(c) and _names_people(c, state) for c in pobj.children
            )
            for _, pobj in _preps(head)
        )
    if category not in ("PROTEST", "COERCE") and not acted_on:
        return []
    known = state.kb.state(codes[0])
    info = ActorInfo(known.name if known is not None else codes[0], "state", codes[0], None)
    return [Actor(info, head.idx, head.idx + len(head.text))]


def _names_people(tok: Token, state: ArticleState) -> bool:
    """Whether a noun phrase head names people or a group ("demonstrators", "members", "the Kifaya group")."""
    return (
        state.kb.role(tok.text) is not None
        or state.kb.role(tok.lemma_) is not None
        or tok.ent_type_ in ("PERSON", "NORP", "ORG")
        or tok.lemma_.lower() in PEOPLE_WORDS
    )


def _event_place(head: Token) -> Location | None:
    """Where a clause happens: a place of its own clause, of its subject ("demonstrators *in
    Baghdad*"), or of the clauses under it ("when they blew themselves up *in Tel Aviv*")."""
    doc = head.doc
    place = location_in(_clause_tokens(head), doc)
    if place is None and head.pos_ in ("VERB", "AUX"):
        subject = acting_subject(head)
        if subject is not None:
            place = location_in(subject.subtree, doc)
    if place is None:
        place = location_in(_nested_tokens(head), doc)
    return place


def _nested_tokens(head: Token) -> list[Token]:
    """A clause with the clauses under it, but not the clauses joined to it ("agreed ... and
    *allowed deployments in Libya*"), which report events of their own."""
    return _pruned_subtree(
        head, lambda child: not (child.dep_ in ("conj", "parataxis") and child.pos_ in ("VERB", "AUX"))
    )


def _warning_has_content(tok: Token) -> bool:
    """A warning is a threat when it says of what: a complement, "of"/"against" phrase or an object."""
    return any(
        c.dep_ in ("xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("of", "against", "that"))
        for c in tok.children
    )


#: Words that make a meeting one not (yet) held ("a *planned* meeting between ...").
UNHELD_MEETING_WORDS = frozenset(
    {
        "planned",
        "proposed",
        "possible",
        "potential",
        "upcoming",
        "future",
        "expected",
        "scheduled",
        "hypothetical",
    }
)


def _meeting_between(noun: Token, category: str, state: ArticleState, speaker: Speaker | None) -> list[Actor]:
    """The parties of a meeting or call named "between" them, when they are of two countries or
    more ("a meeting between the US envoy and a Ukrainian aide"), and the meeting is no plan."""
    if category != "CONSULT" or any(c.lower_ in UNHELD_MEETING_WORDS for c in noun.children):
        return []
    for prep, pobj in _preps(noun):
        if prep == "between":
            parties = _coded(actors_of(pobj, state, speaker))
            if len({a.code for a in parties}) >= 2:
                return parties
    return []


#: Prepositions of an act done in the face of others' reaction ("*despite* criticism by ...").
DESPITE_PREPS = frozenset({"despite", "amid", "notwithstanding"})
#: What others' reaction to an act can be: the reactions that are events of their own.
REACTION_CATEGORIES = frozenset({"ACCUSE", "REJECT", "PROTEST", "THREATEN", "REQUEST"})


def _done_despite(noun: Token, category: str, state: ArticleState) -> Token | None:
    """The verb done in the face of a reaction its author is named for ("went ahead *despite
    objections by the UN*", "amid protests by farmers"), or None.

    Such a noun is no mere circumstance: the article reports the reaction as having happened.
    """
    if category not in REACTION_CATEGORIES or noun.dep_ != "pobj" or noun.head.lower_ not in DESPITE_PREPS:
        return None
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX") or not _explicit_author(noun, state):
        return None
    return verb


def _noun_frame(
    trig: Trigger, state: ArticleState, lexicon: Lexicon, verb_triggers: dict[int, Trigger]
) -> Frame | None:
    noun = trig.token
    if noun.ent_type_ in NAMED_THING_TYPES:
        return None
    speaker = _statement_speaker(noun.idx, state)
    source = _noun_source(noun, state, speaker, trig.category)
    carrier = _light_verb_of(noun, lexicon)
    # A noun in a phrase ("in its security alert", "the NATO treaty") reports an event only
    # when it is a material act with a named author ("following Turkish airstrikes").
    opposed = _done_despite(noun, trig.category, state)
    parties = _meeting_between(noun, trig.category, state, speaker) if carrier is None else []
    if parties:
        # "a meeting between X and Y": held by both, whatever the phrase it stands in
        source = parties[:1]
    if (
        carrier is None
        and opposed is None
        and not parties
        and noun.dep_ not in ("nsubj", "nsubjpass", "ROOT")
        and (trig.category not in MATERIAL or not _explicit_author(noun, state))
    ):
        return None
    clause_head = carrier or noun
    by_default = False
    modality = Modality(negated=_negated(noun))
    target = _noun_targets(noun, trig.category, state, speaker) if not parties else parties[1:]
    if not target and opposed is not None:
        # "announced it *despite criticism by Greece*": the criticism is of whoever did it
        subject = acting_subject(opposed)
        target = _coded(actors_of(subject, state, speaker)) if subject is not None else []
    if carrier is not None and carrier.i in verb_triggers:
        # The noun is the object of another event ("rejected Russia's demand"): only a request
        # with its own source is an event of its own, addressed to the verb's subject.
        governing = verb_triggers[carrier.i]
        if trig.category != "REQUEST" or not source or noun.dep_ not in ("dobj", "obj"):
            return None
        if not any(c.dep_ == "poss" for c in noun.children):
            return None
        subject = acting_subject(carrier)
        target = _coded(actors_of(subject, state, speaker)) if subject is not None else []
        if governing.category == trig.category:
            return None
        return Frame(trig, trig.category, trig.cameo, source, target, modality, noun, nested=True)
    if carrier is not None:
        modality = modality_of(carrier)
        modality.negated = modality.negated or _negated(noun)
        reciprocal = False
        if not source:
            subject = acting_subject(carrier)
            if subject is not None:
                source = _coded(actors_of(subject, state, speaker))
                if not source and subject.lemma_.lower() in RECIPROCAL_HEADS:
                    # "the sides could continue dialogue": the reporter and the other side.
                    source = _coded(_reporting_subject(subject, state))
                    reciprocal = bool(source)
        if not target:
            exclude = Own.of(source)
            target = targets_of(carrier, trig.category, state, speaker, exclude=exclude, carried=noun)
            if not target and reciprocal:
                for _, pobj in _preps(carrier):
                    target = _object_actors(pobj, state, speaker, exclude)
                    if target:
                        break
            if not target:
                target = _default_target(carrier, trig.category, source, state)
                by_default = True
    if not source:
        return None
    if not by_default:
        target = _others(target, Own.of(source))  # "Ghana and Togo held talks in Accra"
    if _is_conditional(clause_head):
        return None
    applied = _apply_modality(trig.category, modality)
    if applied is None:
        return None
    category, negated = applied
    modality.negated = negated
    if category == "AGREE" and carrier is not None and carrier.lemma_.lower() in SIGNING_VERBS:
        category = "SUPPORT"
    return Frame(
        trig,
        category,
        trig.cameo if category == trig.category else None,
        source,
        target,
        modality,
        clause_head,
        mutual=bool(parties),
    )


def _located_people(subject: Token, verb: Token, state: ArticleState) -> list[Actor]:
    """People named by a role word and no country ("protesters", "people") take the country of
    the place the clause happens in ("people blocked streets in Hong Kong")."""
    info = _phrase_info(subject, state)
    is_people = (info is not None and info.code is None and info.kind in ("group", "person")) or (
        subject.lemma_.lower() in ("people", "thousand", "thousands", "hundreds", "crowd")
    )
    if not is_people or subject.ent_type_ == "PERSON":
        return []
    place = _event_place(verb)
    if (place is None or not place.code) and verb.dep_ == "acl" and subject.head.pos_ in ("VERB", "AUX"):
        place = _event_place(subject.head)  # "police in Lima dispersed farmers *protesting*"
    if place is None or not place.code:
        return []
    name = info.name if info is not None else subject.text
    return [
        Actor(
            ActorInfo(name, "group", place.code, info.sector if info else None),
            subject.idx,
            subject.idx + len(subject.text),
            None,
            True,
        )
    ]


def _explicit_author(noun: Token, state: ArticleState) -> bool:
    """Whether a noun names who acted: a country adjective, a named possessor, or a "by" phrase."""
    for child in noun.children:
        if child.dep_ == "poss" and not _is_pronoun(child):
            return True
        if (
            child.dep_ in ("amod", "compound")
            and child.i < noun.i
            and state.kb.adjective(child.text) is not None
        ):
            return True
    return any(prep == "by" for prep, _ in _preps(noun))


def _obligation_requests(sent: Span, state: ArticleState, consumed: set[int]) -> list[Frame]:
    """ "X must/should/needs to do Y" in someone's statement: a REQUEST of the speaker to X."""
    frames: list[Frame] = []
    if state.obliged is not None:
        if state.obliged.isdisjoint(range(sent.start, sent.end)):
            return frames
    elif not any(t.lower_ in OBLIGATION_MODALS or t.lemma_ in ("need", "have") for t in _tokens(sent)):
        return frames
    for tok in _tokens(sent):
        if tok.pos_ not in ("VERB", "AUX") or tok.i in consumed:
            continue
        obliged = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in tok.children)
        complement = _child(tok, "xcomp")
        if not obliged and tok.lemma_.lower() in ("need", "have") and complement is not None:
            obliged = tok.lemma_.lower() == "need" or any(c.lower_ == "to" for c in complement.children)
        if not obliged or _is_conditional(tok):
            continue
        speaker = _statement_speaker(tok.idx, state)
        reporter = None
        node = tok
        while node.head.i != node.i:
            if node.dep_ in ("ccomp",) and node.head.lemma_.lower() in SPEECH_VERBS:
                reporter = node.head
                break
            node = node.head
        speaker_actors: list[Actor] = []
        if reporter is not None:
            subj = acting_subject(reporter)
            speaker_actors = _coded(actors_of(subj, state, speaker)) if subj is not None else []
        elif speaker is not None:
            speaker_actors = _coded(speaker.actors)
        if not speaker_actors:
            continue
        subject = _subject_token(tok)
        if subject is None:
            continue
        target = _coded(actors_of(subject, state, speaker))
        target = [a for a in target if all(a.code != s.code for s in speaker_actors)]
        if not target:
            continue
        trig = Trigger(tok, "REQUEST", None, "verb")
        frames.append(Frame(trig, "REQUEST", None, speaker_actors, target, Modality(), tok))
    return frames


def _told_consultations(sent: Span, state: ArticleState) -> list[Frame]:
    """ "X told Y" between actors of different countries: they were in contact (CONSULT)."""
    frames = []
    for tok in _tokens(sent):
        if tok.lemma_.lower() != "tell" or tok.pos_ != "VERB" or _is_conditional(tok):
            continue
        addressee = _child(tok, "dobj", "dative", "iobj")
        subject = acting_subject(tok)
        if addressee is None or subject is None:
            continue
        speaker = _statement_speaker(tok.idx, state)
        source = _coded(actors_of(subject, state, speaker))
        target = _coded(actors_of(addressee, state, speaker))
        if not source or not target or {a.code for a in source} & {a.code for a in target}:
            continue
        if not any(
            a.info.kind in ("person", "state", "organization") and a.info.sector in ("GOV", "IGO", "MIL")
            for a in target
        ):
            continue
        trig = Trigger(tok, "CONSULT", None, "verb")
        frames.append(Frame(trig, "CONSULT", None, source, target, Modality(negated=_negated(tok)), tok))
    return frames


# ---------------------------------------------------------------------- assembling events


def _evidence_span(frame: Frame, sent: Span) -> tuple[int, int]:
    head = frame.clause_head
    tokens = [t for t in head.subtree if sent.start <= t.i < sent.end]
    subj = acting_subject(head) if head.pos_ in ("VERB", "AUX") else None
    if subj is not None and sent.start <= subj.i < sent.end:
        tokens.extend(t for t in subj.subtree if sent.start <= t.i < sent.end)
    tokens = [t for t in tokens if not (t.is_punct and t.text not in ("-", "'"))] or [head]
    start_tok = min(tokens, key=lambda t: t.i)
    end_tok = max(tokens, key=lambda t: t.i)
    return start_tok.idx, end_tok.idx + len(end_tok.text)


def _retarget_domestic(frame: Frame) -> None:
    """An uncoded domestic target (protesters, opponents) takes its source's country."""
    if frame.target or frame.category not in ("COERCE", "PROTEST", "ASSAULT", "REQUEST", "CONCEDE"):
        return


def _event_date(
    frame: Frame,
    sent: Span,
    dates: SentenceDates,
    future_dates: SentenceDates,
    state: ArticleState,
) -> str | None:
    chosen = future_dates if frame.modality.future else dates
    noun_date = chosen.nouns.get(frame.trigger.token.i) if frame.trigger.kind == "noun" else None
    if noun_date:
        return noun_date
    own = {t.i for t in _clause_tokens(frame.clause_head)}
    if frame.trigger.kind == "noun":
        own |= {t.i for t in frame.trigger.token.subtree}
    if frame.nested:
        return _date_for({t.i for t in frame.trigger.token.subtree}, chosen.clauses)
    date = _date_for(own, chosen.clauses)
    if date:
        return date
    for ancestor in _ancestors_clauses(frame.clause_head):
        date = _date_for({t.i for t in _clause_tokens(ancestor)}, dates.clauses)
        if date:
            return date
    # A clause under it that is no description of a noun ("In a release *issued the
    # following day*, the ministry denounced ...", as the parser often attaches it).
    date = _date_for({t.i for t in _unrelative_tokens(frame.clause_head)}, chosen.clauses)
    if date:
        return date
    for actor in frame.source:
        if actor.code and actor.code in state.source_dates:
            return state.source_dates[actor.code]
    return state.last_date


def _unrelative_tokens(head: Token) -> list[Token]:
    """A clause's subtree without the relative clauses and participles that describe its nouns."""
    return _pruned_subtree(head, lambda child: child.dep_ not in ("relcl", "acl"))


def _attribution(frame: Frame, state: ArticleState) -> str | None:
    tok = frame.trigger.token
    speaker = _statement_speaker(tok.idx, state)
    if speaker is not None:
        return speaker.name
    node = tok
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ in ("ccomp", "parataxis") and parent.lemma_.lower() in SPEECH_VERBS:
            subj = _subject_token(parent)
            if subj is None:
                return None
            actors = actors_of(subj, state)
            if actors:
                return actors[0].info.name
            return " ".join(t.text for t in np_tokens(subj))
        node = parent
    return None


def _make_event(
    frame: Frame, sent: Span, doc: Doc, lexicon: Lexicon, date: str | None, attributed_to: str | None
) -> Event:
    start, end = _evidence_span(frame, sent)
    cameo, quad, goldstein = lexicon.info(frame.category, frame.cameo)
    clause = _clause_tokens(frame.clause_head)
    if frame.trigger.kind == "noun":
        clause = list({t.i: t for t in [*clause, *frame.trigger.token.subtree]}.values())
    target = frame.target
    return Event(
        category=frame.category,
        source=[a.ref() for a in frame.source],
        target=[a.ref() for a in target],
        evidence=doc_text(doc)[start:end],
        start=start,
        end=end,
        mode=mode_of(frame, clause, lexicon),
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
        date=date,
        negated=frame.modality.negated,
        attributed_to=attributed_to,
        quantity=quantity_in(clause),
        location=location_in(clause, doc),
        trigger=frame.trigger.token.text,
    )


def _record_dates(sent: Span, dates: SentenceDates, state: ArticleState) -> None:
    """Remember the sentence's clause dates: per acting subject and for the paragraph."""
    for first_token, mention in dates.clauses:
        if not mention.date:
            continue
        tok = sent.doc[first_token]
        for verb in [tok, *tok.ancestors]:
            if verb.pos_ in ("VERB", "AUX"):
                subj = acting_subject(verb)
                if subj is not None:
                    for actor in _coded(actors_of(subj, state)):
                        if actor.code:
                            state.source_dates[actor.code] = mention.date
                break
        state.last_date = mention.date


#: Prepositions that set a clause in time or circumstance ("*in* the November 27 deal").
SETTING_PREPS = frozenset({"in", "at", "during", "after", "before", "since", "following", "until"})


@dataclass
class SentenceDates:
    """A sentence's dates: those of its clauses (by first token) and those that name a
    noun's own time ("the *November 27* deal", "*Wednesday's* attack"), by the noun."""

    clauses: list[tuple[int, DateMention]] = field(default_factory=list)
    nouns: dict[int, str] = field(default_factory=dict)


def _sentence_mentions(
    sent: Span, matches: list[re.Match[str]], date: str | None, reference: str | None, future: bool
) -> SentenceDates:
    """The sentence's dates, from the article's date expressions (offsets into the doc text)."""
    out = SentenceDates()
    inside = [m for m in matches if sent.start_char <= m.start() and m.end() <= sent.end_char]
    for mention in resolve_matches(inside, date, reference, future):
        char = mention.start
        tok = sent.doc.char_span(char, char + len(mention.text), alignment_mode="expand")
        if tok is None or len(tok) == 0:
            continue
        root = tok.root
        if (
            root.dep_ in ("compound", "nmod", "amod", "poss")
            and root.head.pos_ in ("NOUN", "PROPN")
            and not (tok.start <= root.head.i < tok.end)
        ):
            if mention.date:
                out.nouns.setdefault(root.head.i, mention.date)
            noun = root.head
            if not (
                noun.dep_ == "pobj"
                and noun.head.lower_ in SETTING_PREPS
                and noun.head.head.pos_ in ("VERB", "AUX")
            ):
                continue  # an adverbial "in the November 27 deal" also dates its clause
        first = (
            tok[-1]
            if tok[0].lower_ in ("on", "late", "early", "earlier", "later", "last", "this")
            else tok[0]
        )
        out.clauses.append((first.i, mention))
    return out


def _register_quote_speakers(sent: Span, spans: list[tuple[int, int]], state: ArticleState) -> None:
    """Quotations that touch this sentence belong to its speech verb's subject."""
    found = None
    for start, end in spans:
        if end < sent.start_char - 2 or start > sent.end_char + 2:
            continue
        if any(s.start == start for s in state.quote_speakers):
            continue
        if found is None:
            found = _speech_subject(sent, state) or (None, [])
        name, actors = found
        if name:
            state.quote_speakers.append(Speaker(name, actors, start, end))


def _paragraph_of(sent: Span, text: str) -> int:
    return text.rfind("\n\n", 0, sent.start_char)


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for event in events:
        key = (
            event.category,
            tuple(a.code for a in event.source),
            tuple(a.code for a in event.target),
            event.start,
            event.negated,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(event)
    return out


def find_events(doc: Doc, kb: ActorKB | None = None) -> list[Event]:
    """The PLOVER events of the article, in text order."""
    if not doc.has_annotation("DEP"):
        return []
    lexicon = load_lexicon()
    state = ArticleState(kb=kb or default_kb(), date=doc._.ng_date if Doc.has_extension("ng_date") else None)
    _load_neighbours(doc, state)
    state.home = article_home(doc, state.kb, state.date)
    state.verb_candidates, state.noun_candidates = lexical_candidates(doc, lexicon)
    state.obliged = obligation_positions(doc)
    learn_names(doc, state)
    text = doc_text(doc)
    spans = _quote_spans(text)
    date_expressions = date_matches(text)
    events: list[Event] = []
    for sent in _sentences(doc):
        paragraph = _paragraph_of(sent, text)
        if paragraph != state.paragraph_start:
            state.paragraph_start = paragraph
        _register_quote_speakers(sent, spans, state)
        if text[sent.start_char : sent.end_char].rstrip().endswith("?"):
            continue
        state.actor_cache.clear()
        mentions = _sentence_mentions(sent, date_expressions, state.date, state.last_event_date, False)
        future_mentions = (
            _sentence_mentions(sent, date_expressions, state.date, state.last_event_date, True)
            if mentions.clauses or mentions.nouns
            else mentions
        )
        frames = _frames_for_sentence(sent, state, lexicon)
        sentence_events = []
        for frame in frames:
            if not frame.source:
                continue
            date = _event_date(frame, sent, mentions, future_mentions, state)
            attributed = _attribution(frame, state)
            event = _make_event(frame, sent, doc, lexicon, date, attributed)
            sentence_events.append(event)
            state.events.append(event)
            if event.category == "CONSULT" and (event.mode == "phone" or frame.mutual) and event.target:
                # Nobody hosts a call, nor a meeting "between" its parties: PLOVER codes every
                # party of it as a source.
                sentence_events.append(dataclasses.replace(event, source=event.target, target=event.source))
            if date and not frame.nested:
                state.last_event_date = date
                for actor in frame.source:
                    if actor.code:
                        state.source_dates[actor.code] = date
        _record_dates(sent, mentions, state)
        _remember_subjects(sent, state)
        events.extend(sentence_events)
    return _dedupe(events)


def _sentences(doc: Doc) -> Iterator[Span]:
    """The doc's sentences, split again at paragraph breaks (the parser may run across them)."""
    for sent in doc.sents:
        start = sent.start
        for tok in _tokens(sent):
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    yield doc[start : tok.i]
                start = tok.i + 1
        if start < sent.end and not all(t.is_space for t in doc[start : sent.end]):
            yield doc[start : sent.end]


def _remember_subjects(sent: Span, state: ArticleState) -> None:
    """After a sentence, its subjects (and named persons) become what pronouns refer to.

    A person named as a subject wins; when no person is a subject, the last person named
    anywhere in the sentence is the one "he" or "she" means next.
    """
    for tok in _tokens(sent):
        # Institutions named by a role word ("the US Embassy in London") are remembered by
        # their head word, so that a later "the embassy" takes the same code.
        if (
            tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos")
            and tok.pos_ in ("NOUN", "PROPN")
            and state.kb.role(tok.text) is not None
        ):
            actors_of(tok, state)
    person_subject = False
    for tok in _tokens(sent):
        if tok.dep_ in ("nsubj", "nsubjpass") and not _is_pronoun(tok):
            if tok.lemma_.lower() in EVENT_ANAPHORS or not _names_actor(tok, state):
                continue  # "the agreement between Turkey and Libya" is a thing, not who acts next
            actors = actors_of(tok, state)
            if actors:
                state.remember(actors)
                person_subject = person_subject or (len(actors) == 1 and actors[0].info.kind == "person")
        elif tok.dep_ in ("nsubj", "nsubjpass") and PERSONAL_PRONOUNS.get(tok.lower_) == "person":
            person_subject = True
    if person_subject:
        return
    for ent in reversed(_entities_in(sent)):
        if ent.label_ == "PERSON":
            info = state.kb.lookup(ent.text, state.date) or state.names.get(_name_key(ent.text))
            if info is not None and info.code:
                state.last_person = [Actor(info, ent.start_char, ent.end_char)]
                return


def _load_neighbours(doc: Doc, state: ArticleState) -> None:
    """Read the entities and statements helpers' results, if they ran (matched by offsets)."""
    entities = doc._.ng_entities if Doc.has_extension("ng_entities") else None
    for entity in entities or []:
        for mention in getattr(entity, "mentions", None) or []:
            start, end = getattr(mention, "start", None), getattr(mention, "end", None)
            if isinstance(start, int) and isinstance(end, int):
                state.entity_at[(start, end)] = entity
    statements = doc._.ng_statements if Doc.has_extension("ng_statements") else None
    state.statements = list(statements or [])


def events_component(doc: Doc) -> Doc:
    """Fill ``doc._.ng_events``."""
    doc._.ng_events = find_events(doc)
    return doc


@Language.factory("newsgraph_events")
def make_events_component(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The component, with its data (lexicon, knowledge base, gazetteer) loaded now.

    Loading here, when the pipeline is built, keeps the one-off cost out of the first
    article's extraction (and out of every worker's first batch).
    """
    load_lexicon()
    default_kb()
    preload_places()
    return events_component
