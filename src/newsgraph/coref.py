"""Who a speaker mention refers to: pronouns, surnames, titles and descriptions, without a model.

No coreference model can be downloaded, and news needs little of one for speakers: the
source of a statement is nearly always a name, a pronoun for someone just named, a title
("the foreign minister"), a description of a role ("the Russian leader"), a document of an
organisation ("the readout"), or an unnamed source that keeps its description ("a senior
US official"). :class:`SpeakerResolver` resolves these from the parse, the named-entity
mentions gathered by :mod:`newsgraph.entities`, apposition ("Dunn's mother, Charlotte
Charles"), title patterns and recency, and learns as it goes: the speakers of earlier
statements are the most likely referents of a later "he" or "it".
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .cues import DOCUMENT_NOUNS, words
from .entities import TITLE_WORDS, ArticleEntities, EntityState, fold, is_acronym
from .model import EntityKind

#: Pronouns and the entity kinds, gender and number they can refer to.
PERSON_PRONOUNS = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
}
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

#: Heads of a description that name a person's office ("the foreign minister").
ROLE_NOUNS = words("""
    president leader minister chancellor premier secretary spokesman spokeswoman spokesperson
    king queen prince emir sultan ayatollah pope governor mayor senator ambassador envoy
    general commander chief director chairman chairwoman head ceo founder judge prosecutor
    monarch ruler dictator strongman lawmaker legislator
    """)
#: Offices that lead a country: "the Russian leader" is whoever holds one of them.
LEADER_TITLES = frozenset(
    {
        "president",
        "prime",
        "premier",
        "chancellor",
        "king",
        "queen",
        "leader",
        "emir",
        "sultan",
        "supreme",
        "ruler",
    }
)
#: Heads of a description of an organisation ("the ministry").
ORG_NOUNS = words("""
    ministry embassy department government agency office company firm group party army
    military police court committee council commission organisation organization union
    bloc alliance administration campaign network newspaper paper channel broadcaster
    institute university bank regime coalition movement force forces service authority
    authorities parliament assembly congress senate cabinet kremlin board foundation
    federation association league club team body corporation charity secretariat
    """)
#: Generic organisation words that may refer to the organisation last named, whatever its name.
GENERIC_ORG_NOUNS = frozenset(
    {
        "organisation",
        "organization",
        "group",
        "company",
        "firm",
        "alliance",
        "bloc",
        "body",
        "agency",
        "corporation",
    }
)
COUNTRY_NOUNS = frozenset({"country", "nation", "state", "kingdom", "republic"})
#: Nouns of people that an unnamed source is described by.
PERSON_NOUNS = words("""
    official source spokesman spokeswoman spokesperson expert analyst diplomat witness
    resident critic observer activist lawyer attorney person man woman officer aide adviser
    advisor insider member leader minister lawmaker legislator voter supporter protester
    scientist researcher doctor economist historian professor student worker employee
    investigator prosecutor judge officer soldier commander negotiator representative
    """)

#: Irregular nationality adjectives whose country does not share their first letters.
_DEMONYMS = {
    "french": "france",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "irish": "ireland",
    "welsh": "wales",
    "spanish": "spain",
    "polish": "poland",
    "danish": "denmark",
    "finnish": "finland",
    "filipino": "philippines",
    "emirati": "united arab emirates",
    "british": "united kingdom",
    "american": "united states",
    "cypriot": "cyprus",
    "greek": "greece",
    "turkish": "turkey",
    "chinese": "china",
    "portuguese": "portugal",
}

#: Nouns that tell a person's gender when in apposition ("Jane Doe, a spokeswoman").
GENDERED_NOUNS = {
    **dict.fromkeys(
        words(
            "woman spokeswoman chairwoman congresswoman businesswoman actress mother wife daughter "
            "sister girl queen princess widow grandmother aunt niece lady"
        ),
        "female",
    ),
    **dict.fromkeys(
        words(
            "man spokesman chairman congressman businessman actor father husband son brother boy king "
            "prince widower grandfather uncle nephew"
        ),
        "male",
    ),
}

#: How far back (in tokens) a pronoun looks for its referent.
PRONOUN_WINDOW = 400


@dataclass
class Resolved:
    """A speaker (or addressee) mention and what it refers to."""

    name: str
    mention: Span
    state: EntityState | None = None


def nationality_matches(adjective: str, country: str) -> bool:
    """Whether a nationality word ("Russian") and a country name ("Russia") go together."""
    adj, ctry = fold(adjective), fold(country)
    if not adj or not ctry:
        return False
    if _DEMONYMS.get(adj) == ctry or adj == ctry:
        return True
    n = min(4, len(adj), len(ctry))
    return n >= 4 and adj[:n] == ctry[:n]


def noun_phrase(head: Token) -> Span:
    """The noun phrase a head heads, without relative clauses after it or trailing punctuation."""
    doc = head.doc
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "parataxis"):
            break
        if child.dep_ == "punct" and child.text in (",", "—", "–", "-") and not _appos_follows(child):
            break
        right = child.right_edge.i
    left = head.left_edge.i
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space) and doc[right].text != ")":
        right -= 1
    return doc[left : right + 1]


def _appos_follows(comma: Token) -> bool:
    nxt = comma.nbor(1) if comma.i + 1 < len(comma.doc) else None
    return nxt is not None and any(
        t.dep_ == "appos" for t in [nxt, *nxt.ancestors][:3] if t.head == comma.head
    )


class SpeakerResolver:
    """Resolves speaker and addressee mentions of one article, in reading order."""

    def __init__(
        self, doc: Doc, registry: ArticleEntities, quoted: Callable[[Token], bool] | None = None
    ) -> None:
        self.doc = doc
        self.registry = registry
        #: (token index, entity) of earlier statements' speakers, latest last.
        self.speakers: list[tuple[int, EntityState]] = []
        self._quoted = quoted or (lambda token: False)
        self.learn_genders()

    def learn_genders(self) -> None:
        """Learn a person's gender where the article leaves no doubt.

        A "he" or "her" (outside quotations) whose sentence and the one before name only
        one person of unknown or matching gender tells that person's gender; so does a
        gendered noun in apposition ("Jane Doe, a spokeswoman"). No list of first names
        is used: the article itself is the evidence.
        """
        mentions = sorted(
            (start, end, state)
            for state in self.registry.states
            if state.kind == "person" and not state.plural
            for start, end in state.mention_tokens
        )
        if not mentions:
            return
        starts = [m[0] for m in mentions]
        for _start, end, state in mentions:
            head = self.doc[end - 1]
            for child in head.children:
                if child.dep_ == "appos":
                    gender = GENDERED_NOUNS.get(child.lemma_.lower())
                    if gender and state.gender is None:
                        state.gender = gender
        strings = self.doc.vocab.strings
        pronouns = {strings.add(p) for p in PERSON_PRONOUNS}
        lowers = self.doc.to_array("LOWER").tolist() if len(self.doc) else []
        for i in (i for i, lower in enumerate(lowers) if lower in pronouns):
            token = self.doc[i]
            gender = PERSON_PRONOUNS.get(token.lower_)
            if gender is None or self._quoted(token):
                continue
            window_start = token.sent.start  # the pronoun's own sentence only
            lo = bisect.bisect_left(starts, window_start)
            hi = bisect.bisect_left(starts, token.i)
            candidates = {id(m[2]): m[2] for m in mentions[lo:hi] if not self._quoted(self.doc[m[0]])}
            compatible = [c for c in candidates.values() if c.gender in (None, gender)]
            if len(candidates) == 1 and len(compatible) == 1 and compatible[0].gender is None:
                compatible[0].gender = gender

    # ------------------------------------------------------------------ public

    def note_speaker(self, state: EntityState | None, token_index: int) -> None:
        """Remember that ``state`` spoke at ``token_index`` (speakers are salient referents)."""
        if state is not None:
            self.speakers.append((token_index, state))

    def resolve(self, head: Token, span: Span | None = None) -> Resolved:
        """Who the noun phrase headed by ``head`` (written as ``span``, by default its phrase) refers to."""
        span = span if span is not None else noun_phrase(head)
        conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON")]
        if conjuncts:
            parts = [self._resolve_one(head, self._own_span(head))] + [self.resolve(c) for c in conjuncts]
            names = []
            for part in parts:
                if part.name not in names:
                    names.append(part.name)
            return Resolved(" and ".join(names), span, None)
        return self._resolve_one(head, span)

    # ------------------------------------------------------------------ one mention

    def _own_span(self, head: Token) -> Span:
        """The conjunct's own words: "Both he" of "Both he and X"."""
        doc = head.doc
        left = head.left_edge.i
        right = head.i
        for child in head.rights:
            if child.dep_ in ("cc", "conj", "punct"):
                break
            right = child.right_edge.i
        return doc[left : right + 1]

    def _resolve_one(self, head: Token, span: Span) -> Resolved:
        lower = head.lower_
        if (
            head.pos_ == "PRON"
            or lower in PERSON_PRONOUNS
            or lower in THING_PRONOUNS
            or lower in PLURAL_PRONOUNS
        ):
            if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
                # "Bolsonaro, who said ...": the words at the cue are "who", the speaker Bolsonaro.
                antecedent = self.resolve(head.head.head)
                return Resolved(antecedent.name, span, antecedent.state)
            if lower in PLURAL_PRONOUNS or lower == "we":
                parties = self._coordinated_antecedent(head)
                if parties:
                    # "Ghana and Togo met. They said ...": all the parties, not one of them.
                    return Resolved(" and ".join(p.entity.name for p in parties), span, None)
            state = self._pronoun(head)
            if state is not None:
                self.registry.add_mention(state, span)
                return Resolved(state.entity.name, span, state)
            return Resolved(span.text, span, None)
        state = self.registry.at(head.i)
        if state is not None and state.kind == "group" and not head.tag_.endswith("S"):
            # "a Republican, Mark Amodei": the party word describes the named person.
            state = self._apposed(head) or state
        if state is None:
            state = self._titled_name(head, span)
        if state is None and head.pos_ == "PROPN":
            state = self._surname(head)
        if state is None:
            state = self._apposed(head)
        if state is None and head.pos_ in ("NOUN", "PROPN"):
            state = self._description(head)
        if state is not None:
            self.registry.add_mention(state, span)
            return Resolved(state.entity.name, span, state)
        return self._unnamed(head, span)

    def _titled_name(self, head: Token, span: Span) -> EntityState | None:
        """``Former US Ambassador to the United Nations Nikki Haley``: the name closing a title.

        The parse makes the title's first noun the head; the person is the name mention that
        ends the phrase. The recogniser sometimes calls that name an organisation: a name of
        two or three capitalised words right after another name ("the United Nations Nikki
        Haley"), which the knowledge base does not know, is the titled person.
        """
        if head.lower_ not in TITLE_WORDS or span.end - span.start < 3 or head.i >= span.end - 1:
            return None
        last = span[-1]
        if last.tag_ == "POS" or last.is_punct:
            last = span[-2]
        state = self.registry.at(last.i)
        if state is None:
            return None
        mention = next(((s, e) for s, e in state.mention_tokens if s <= last.i < e), None)
        if mention is None or mention[0] <= head.i:
            return None
        if state.kind != "person":
            words = self.doc[mention[0] : mention[1]]
            before = self.doc[mention[0] - 1]
            person_shaped = (
                state.known_name is None
                and 2 <= len(words) <= 3
                and all(t.text[:1].isupper() and not is_acronym(t.text) for t in words)
                and (self.registry.at(before.i) is not None or before.lower_ in TITLE_WORDS)
            )
            if not person_shaped:
                return None
            state.entity.kind = "person"
        if state.entity.role is None:
            role = self.doc[span.start : mention[0]].text.strip()
            state.entity.role = role or None
            state.titles |= {t.lower_ for t in self.doc[span.start : mention[0]] if t.lower_ in TITLE_WORDS}
        return state

    def _coordinated_antecedent(self, head: Token) -> list[EntityState]:
        """The parties of the latest named subject when it joins several ("A and B met"), else []."""
        doc = head.doc
        for token in reversed(doc[max(0, head.i - PRONOUN_WINDOW) : head.i]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
                continue
            first = self.registry.at(token.i)
            if first is None:
                continue  # "the treaty ...": not an actor, look further back
            parties = [first]
            for conj in token.conjuncts:
                state = self.registry.at(conj.i)
                if state is not None and state not in parties:
                    parties.append(state)
            return parties if len(parties) > 1 else []
        return []

    def _surname(self, head: Token) -> EntityState | None:
        """A name the recogniser missed ("PENCE:", "Lavrov") that is the surname of a person named."""
        key = fold(head.text)
        for state in self.registry.states:
            if state.kind == "person" and state.name_tokens and state.name_tokens[-1] == key:
                return state
        return None

    def _apposed(self, head: Token) -> EntityState | None:
        """``Dunn's mother, Charlotte Charles``: the named apposition of a description."""
        for child in head.children:
            if child.dep_ == "appos":
                state = self.registry.at(child.i)
                if state is not None and state.kind != "location":
                    return state
        # "the spokesman for the ministry, John Smith" may attach the name to the prepositional object.
        return None

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, head: Token) -> EntityState | None:
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            kinds: tuple[EntityKind, ...] = ("person",)
            gender: str | None = PERSON_PRONOUNS[lower]
            plural = False
        elif lower in THING_PRONOUNS:
            kinds, gender, plural = ("organization", "state"), None, False
        elif lower in PLURAL_PRONOUNS or lower == "we":
            kinds, gender, plural = ("organization", "state", "group", "person"), None, True
        else:
            return None
        best: EntityState | None = None
        best_score = float("-inf")
        recent_speakers = {id(s): pos for pos, s in self.speakers if pos < head.i}
        seen: set[int] = set()
        candidates: list[tuple[int, EntityState]] = []
        for start, state in self.registry.mentions_before(head.i):
            if head.i - start > PRONOUN_WINDOW:
                break
            if id(state) in seen:
                continue
            seen.add(id(state))
            if self._compatible(state, kinds, gender, plural):
                candidates.append((start, state))
        # "X said A. Y met Z. He said B": a person who is the subject of a later sentence than
        # an earlier speaker's is the more likely "he" (a pronoun subject continues the topic).
        latest_subject = max(
            (
                start
                for start, state in candidates
                if start in state.subject_tokens and state.kind == "person"
            ),
            default=-1,
        )
        for start, state in candidates:
            score = -(head.i - start) / 40.0
            speaker_at = recent_speakers.get(id(state))
            if speaker_at is not None and (
                state.kind != "person" or speaker_at >= latest_subject or start == latest_subject
            ):
                score += 3.0 - (head.i - speaker_at) / 200.0
            if start in state.subject_tokens:
                score += 1.0
            if gender and state.gender == gender:
                score += 0.5  # known to agree, not merely not known to disagree
            if self.doc[start].sent == head.sent and start in state.subject_tokens and head.dep_ == "nsubj":
                score += 0.5
            if score > best_score:
                best, best_score = state, score
        if best is not None and gender and best.gender is None:
            best.gender = gender
        return best

    @staticmethod
    def _compatible(
        state: EntityState, kinds: tuple[EntityKind, ...], gender: str | None, plural: bool
    ) -> bool:
        if state.kind not in kinds or not state.animate:
            return False
        if state.kind == "person":
            if plural:
                return " and " in state.entity.name or state.plural
            return not state.plural and not (gender and state.gender and state.gender != gender)
        if plural:
            return state.plural or state.kind in ("organization", "state", "group")
        return not state.plural

    # ------------------------------------------------------------------ descriptions

    def _description(self, head: Token) -> EntityState | None:
        noun = head.lemma_.lower()
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        modifiers = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
        if noun in DOCUMENT_NOUNS:
            return self._issuer(head, possessor, modifiers)
        if not (determiners & {"the", "this", "that", "its", "his", "her", "their"} or possessor is not None):
            return None
        if noun in ROLE_NOUNS:
            return self._office_holder(head, noun, possessor, modifiers)
        if noun in COUNTRY_NOUNS and possessor is None:
            return self._latest(head.i, ("state",))
        if noun in ORG_NOUNS:
            return self._organisation(head, noun, possessor, modifiers)
        return None

    def _latest(
        self, before: int, kinds: tuple[EntityKind, ...], name_has: str | None = None
    ) -> EntityState | None:
        for start, state in self.registry.mentions_before(before):
            if before - start > PRONOUN_WINDOW * 3:
                break
            if state.kind in kinds and (name_has is None or name_has in fold(state.entity.name).split()):
                return state
        return None

    def _issuer(self, head: Token, possessor: Token | None, modifiers: list[Token]) -> EntityState | None:
        """ "the Kremlin's readout", "a ministry statement", later "the readout": who issued it."""
        for token in [possessor, *modifiers]:
            if token is not None:
                state = self.registry.at(token.i) or (
                    self._pronoun(token) if token.lower_ in THING_PRONOUNS | PLURAL_PRONOUNS else None
                )
                if state is not None:
                    return state
        state = self._issuer_in_phrase(head)
        if state is not None:
            return state
        # "the readout" after "the Kremlin's readout": the issuer named at an earlier mention.
        lemma = head.lemma_.lower()
        for token in reversed(self.doc[max(0, head.i - PRONOUN_WINDOW * 5) : head.i]):
            if token.lemma_.lower() == lemma and token.pos_ == "NOUN":
                earlier = [c for c in token.children if c.dep_ in ("poss", "compound", "amod")]
                for c in earlier:
                    if self.registry.at(c.i) is not None:
                        return self.registry.at(c.i)
                state = self._issuer_in_phrase(token) or self._issuer_by_clause(token)
                if state is not None:
                    return state
        return None

    def _named_or_possessor(self, token: Token) -> EntityState | None:
        """The entity a noun names, or else its possessor's ("Erdogan's office" -> Erdogan)."""
        state = self.registry.at(token.i)
        if state is not None:
            return state
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        return self.registry.at(possessor.i) if possessor is not None else None

    def _issuer_in_phrase(self, document: Token) -> EntityState | None:
        """ "a statement from/by/of X", "a statement released by X": X issued the document."""
        for child in document.children:
            preps = [child] if child.dep_ == "prep" else []
            if child.dep_ == "acl":  # "released by X", "issued by X"
                preps = [c for c in child.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"]
            for prep in preps:
                if prep.lower_ not in ("from", "by", "of"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        state = self._named_or_possessor(obj)
                        if state is not None:
                            return state
        return None

    def _issuer_by_clause(self, document: Token) -> EntityState | None:
        """ "X announced, in a statement, ...": the subject of the clause the document is in."""
        if document.dep_ != "pobj" or document.head.dep_ != "prep":
            return None
        verb = document.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return self._named_or_possessor(subject) if subject is not None else None

    def _office_holder(
        self, head: Token, noun: str, possessor: Token | None, modifiers: list[Token]
    ) -> EntityState | None:
        """ "the Russian leader", "the foreign minister", "Iran's president": a person named before."""
        country_words = [
            t.text for t in [possessor, *modifiers] if t is not None and t.ent_type_ in ("GPE", "NORP")
        ]
        qualifiers = {t.lower_ for t in modifiers if t.ent_type_ not in ("GPE", "NORP", "ORG")}
        # "the Labour Party's leader": the holder must be named with that organisation.
        organisation = {
            fold(w.text)
            for t in [possessor, *modifiers]
            if t is not None and t.ent_type_ == "ORG"
            for w in t.subtree
            if w.ent_type_ == "ORG" and w.is_alpha and fold(w.text) not in ("the", "party")
        }
        for start, state in self.registry.mentions_before(head.i):
            if head.i - start > PRONOUN_WINDOW * 4:
                break
            if state.kind != "person" or not state.titles:
                continue
            titles = state.titles
            if noun == "leader":
                if not titles & LEADER_TITLES:
                    continue
            elif noun not in titles:
                continue
            if qualifiers - titles - {"top", "new", "former", "current"}:
                continue
            if country_words and not self._nationality_fits(state, country_words):
                continue
            if organisation and not organisation & self._words_around(state):
                continue
            return state
        return None

    def _words_around(self, state: EntityState) -> set[str]:
        """The words of a person's mentions and role (where an organisation may be named)."""
        words = {fold(w) for w in (state.entity.role or "").split()}
        for start, end in state.mention_tokens:
            words.update(fold(t.text) for t in self.doc[start:end])
        return words

    def _nationality_fits(self, state: EntityState, country_words: list[str]) -> bool:
        known = set(state.nationality)
        for start, end in state.mention_tokens:
            for t in self.doc[start:end]:
                if t.ent_type_ in ("GPE", "NORP"):
                    known.add(t.text)
            # "President Hassan Rouhani of Iran"
            last = self.doc[end - 1]
            for prep in last.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    known.update(o.text for o in prep.children if o.ent_type_ == "GPE")
        if not known:
            return True
        return any(
            nationality_matches(w, k) or nationality_matches(k, w) for w in country_words for k in known
        )

    def _organisation(
        self, head: Token, noun: str, possessor: Token | None, modifiers: list[Token]
    ) -> EntityState | None:
        """ "the ministry", "the embassy": the organisation last named with that word in its name."""
        if possessor is not None or any(m.ent_type_ for m in modifiers):
            return None  # "Russia's government", "the Saudi government": its own name
        state = self._latest(head.i, ("organization",), name_has=noun)
        if state is None and noun in GENERIC_ORG_NOUNS:
            state = self._latest(head.i, ("organization",))
        return state

    # ------------------------------------------------------------------ unnamed sources

    def _unnamed(self, head: Token, span: Span) -> Resolved:
        """An unnamed source keeps its description; each description is one entity per article."""
        name = self._describe(span)
        if not name or not any(t.is_alpha for t in span):
            return Resolved(span.text, span, None)
        key = fold(name)
        state = next((s for s in self.registry.states if key in s.keys and s.entity.name == name), None)
        if state is None:
            kind: EntityKind
            plural = head.tag_ in ("NNS", "NNPS")
            animate = True
            if head.lemma_.lower() in PERSON_NOUNS or head.lower_ in TITLE_WORDS:
                kind = "group" if plural else "person"
            elif head.lemma_.lower() in ORG_NOUNS or head.pos_ == "PROPN":
                kind = "organization"
            elif plural:
                kind = "group"
            else:
                # "the report", "his body mass index": a source, but nobody a pronoun refers to.
                kind, animate = "organization", False
            state = self.registry.new_entity(name, kind)
            state.plural = plural
            state.animate = animate
        self.registry.add_mention(state, span)
        return Resolved(state.entity.name, span, state)

    def _describe(self, span: Span) -> str:
        """The description as a name: possessive pronouns replaced by whom they refer to."""
        words: list[str] = []
        for token in span:
            if token.dep_ == "poss" and token.lower_ in ("his", "her", "its", "their"):
                state = self._pronoun(token)
                if state is not None:
                    words.append(state.entity.name + "'s" + token.whitespace_)
                    continue
            words.append(token.text_with_ws)
        if span[-1].tag_ == "POS" and len(words) > 1:
            words.pop()  # a possessor ("the government's claim"): the source is "the government"
        return "".join(words).strip()
