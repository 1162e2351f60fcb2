"""Statements: who said what (docs/ANNOTATION.md), with speakers resolved to entities.

Registered as the spaCy component ``newsgraph_statements``; results in ``doc._.ng_statements``.

Two passes find attributions, then speakers are resolved in reading order:

1. *Cues from the parse.* Every reporting verb outside quotation marks (``said``,
   ``told``, ``warned``, ``believes``, ``according to``; :mod:`newsgraph.cues`) with a
   subject yields its content from the dependents its frame names: a clause without the
   complementizer, an infinitive, a noun phrase or a prepositional object. Content that is
   a quotation becomes a *direct* statement (the whole quotation, marks excluded, even where
   the parse only reached its last sentence), content that holds quotations among other
   words a *mixed* one, the rest *indirect*. A reporting clause whose content is itself a
   report ("the Kremlin said Putin told Macron that X") gives X to the inner speaker with
   the outer one as ``according_to``.
2. *Quotations the parse did not attribute.* Each remaining quotation (from
   :mod:`newsgraph.quotes`) is attributed by layout: a cue right after it (``," X said``,
   ``," said X``), right before it (``X said: "``), a dash credit (``" -X``), a colon
   lead-in ending the previous paragraph, the same cue for the second half of an
   interrupted quotation, or else, if it stands as a sentence of its own, the previous
   speaker (a floating quotation: no mention, no cue). Short quotations inside a sentence
   with no cue are scare quotes or titles and are left alone; questions reporters ask are
   dropped.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from .coref import PERSON_NOUNS, ROLE_NOUNS, Resolved, SpeakerResolver
from .cues import (
    BELIEF_ADJECTIVES,
    BELIEF_VERBS,
    CUE_FRAMES,
    DOCUMENT_NOUNS,
    INTENT_ADJECTIVES,
    LIGHT_VERBS,
    NEGATION_CANCELS,
    NOUN_CUE_FRAMES,
    PHRASAL_CUE_FRAMES,
    REPORTER_NOUNS,
    SPEECH_NOUNS,
    STANCE_ADJECTIVES,
    STANCE_VERBS,
    WEAK_CUES,
    CueFrame,
    NounCueFrame,
    words,
)
from .entities import TITLE_WORDS, ArticleEntities, build_entities
from .model import SpeakerRef, Statement, StatementType
from .nlp import doc_text, lemma_lower_ids
from .quotes import Quote, find_quotes, is_quote_mark

#: Dependencies of a subject.
SUBJECT_DEPS = ("nsubj",)
#: Tokens that may stand between a quotation and its cue (``," he later said``).
_BETWEEN_POS = frozenset(
    {"PUNCT", "PROPN", "NOUN", "PRON", "DET", "ADJ", "ADV", "NUM", "PART", "CCONJ", "ADP", "SPACE"}
)
#: How many tokens a cue may be away from the quotation it attributes.
ADJACENT_WINDOW = 12
#: A floating quotation continues a speaker quoted at most this many paragraphs before.
FLOATING_PARAGRAPHS = 2
_DASHES = "-–—―"
_DASH_CREDIT = re.compile(r"^[ \t]*[-–—―]{1,2}[ \t]*(?=[A-Z])")
_CLAUSE_DEPS = ("ccomp",)
_SENTENCE_END = frozenset({".", "!", "?"})
#: Embedded questions ("did not say whether") report no content.
_QUESTION_WORDS = frozenset({"whether", "if", "how", "what", "when", "why", "where", "who", "which"})
#: Cues of asking: when a reporter asks, nothing is attributed.
_QUESTION_CUES = frozenset({"ask", "question", "press", "inquire", "wonder"})
#: Words a title leaves in lower case.
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}
)
#: Subjects of an inner report that usually mean the outer source again ("X said he believes").
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
#: ``PENCE: ...`` / ``"MR. SMITH: ...``: a speaker label opening a transcript paragraph.
_TRANSCRIPT_LABEL = re.compile(
    r"[ \t]*(?:[\"“”„«]|'')?[ \t]*(?P<label>(?:[A-Z][A-Z.'’\-]+)(?:[ \t][A-Z][A-Z.'’\-]+){0,2})[ \t]*(?P<colon>:)[ \t]+"
)
#: Paragraph labels that are not speakers.
_NOT_SPEAKER_LABELS = words("""
    Q A UPDATE UPDATES CLARIFICATION CORRECTION NOTE EDITOR'S EDITORS WATCH READ MORE ALSO
    RELATED PHOTO PHOTOS VIDEO BREAKING EXCLUSIVE SOURCE SOURCES WARNING DISCLAIMER TRANSCRIPT
    """)


@dataclass
class Found:
    """An attribution before its speaker is resolved."""

    type: StatementType
    start: int
    end: int
    cue: tuple[int, int] | None  # token range of the cue words
    subject: Token | None  # head of the speaker mention as written
    addressee: Token | None = None
    outer: Found | None = None  # the source that reports this statement (according_to)
    floating: bool = False
    cue_token: int | None = None
    content_root: int | None = None
    group: int | None = None
    speaker: Resolved | None = None
    nested_in: Found | None = None
    quotes: list[int] = field(default_factory=list)
    cue_chars: tuple[int, int] | None = None  # a cue that is no token of its own (a dash credit)
    subject_span: tuple[int, int] | None = None  # token range of the mention where layout bounds it
    subject_chars: tuple[int, int] | None = None  # the mention as characters, where tokens do not fit it


class QuoteIndex:
    """Which tokens lie inside which quotation."""

    def __init__(self, doc: Doc, quotes: list[Quote], token_starts: list[int]) -> None:
        """``token_starts`` holds each token's character offset (the doc's ``IDX`` array)."""
        self.doc = doc
        self.quotes = quotes
        self._starts = [q.mark_start for q in quotes]
        self.token_quote: list[int] = [self.quote_at(o) for o in token_starts] if quotes else [-1] * len(doc)
        self.consumed: set[int] = set()

    def quote_at(self, offset: int) -> int:
        """Index of the quotation whose marks enclose ``offset``, or -1."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.quotes[i].contains(offset):
            return i
        return -1

    def inside(self, token: Token) -> bool:
        """Whether the token is one of the quoted words (not a mark)."""
        q = self.token_quote[token.i]
        return q >= 0 and self.quotes[q].start <= token.idx < self.quotes[q].end

    def is_mark(self, token: Token) -> bool:
        return is_quote_mark(token.text)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Quotations whose words overlap ``[start, end)``."""
        lo = bisect.bisect_right(self._starts, start) - 1
        out = []
        for i in range(max(lo, 0), len(self.quotes)):
            q = self.quotes[i]
            if q.mark_start >= end:
                break
            if q.start < end and start < q.end:
                out.append(i)
        return out


# ---------------------------------------------------------------------- helpers


_PHRASAL_VERBS = frozenset(verb for verb, _particle in PHRASAL_CUE_FRAMES)


def cue_frame(token: Token) -> CueFrame | None:
    """The frame of a cue word: its phrasal verb's ("pointed out") before its own ("point")."""
    lemma = token.lemma_.lower()
    if lemma in _PHRASAL_VERBS:
        for child in token.children:
            if child.dep_ == "prt":
                frame = PHRASAL_CUE_FRAMES.get((lemma, child.lower_))
                if frame is not None:
                    return frame
    return CUE_FRAMES.get(lemma)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _verb_tagged_noun(token: Token) -> bool:
    """``The Clinton campaign plans to ...``: a verb the tagger took for a plural noun."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NNS"
        and token.dep_ == "ROOT"
        and any(c.dep_ in ("ccomp", "xcomp") and c.i > token.i for c in token.children)
        and any(c.dep_ in ("compound", "nsubj", "amod") and c.i < token.i for c in token.children)
    )


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue: its own, or that of the verb it is coordinated with or depends on."""
    if _verb_tagged_noun(verb):
        # Its "subject" is the noun phrase the tagger made a modifier of it.
        return max(
            (c for c in verb.children if c.dep_ in ("compound", "nsubj") and c.i < verb.i),
            default=None,
            key=lambda c: c.i,
        )
    seen = 0
    token = verb
    while seen < 4:
        seen += 1
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # A relative pronoun ("who said") is resolved later to what it refers to. Of two
            # subjects ("Party leader and Prime Minister Boris Johnson said"), the nearer one.
            before = [c for c in subjects if c.i < token.i]
            return before[-1] if before else subjects[0]
        for child in token.children:
            if child.dep_ == "nsubjpass" and token is not verb and token.dep_ in ("ROOT", "conj"):
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                # "X was described by Johnson as ..., saying ...": Johnson says it.
                return by or child  # "After saying ..., she was whisked off": the clause's subject
        if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return None
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.tag_ == "VBG":
            noun = token.head
            if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
                # "X issued a statement saying ...", "X joined the calls asking ...": X speaks.
                verb = noun.head if noun.head.pos_ == "VERB" else noun.head.head
                if verb.pos_ == "VERB":
                    found = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
                    if found is not None:
                        return found
            if noun.lemma_.lower() in DOCUMENT_NOUNS or noun.ent_type_ in ("ORG", "PERSON"):
                return noun  # "a statement saying that ..."
            return None
        if (
            token.dep_ == "pcomp"
            and token.head.dep_ == "prep"
            and token.head.lower_ not in ("as", "like", "of", "than")
        ):
            # "was forceful in blaming Iran": the subject of the clause the phrase belongs to.
            token = token.head.head
            while token.dep_ in ("acomp", "attr", "prep", "pobj") and token.head.i != token.i:
                token = token.head
            continue
        if (
            token.dep_ in ("conj", "advcl", "xcomp")
            and token.head.pos_ in ("VERB", "AUX")
            and token.head != token
        ):
            if token.dep_ == "advcl" and token.tag_ not in ("VBG",):
                return None
            controller = _object_controller(token) if token is verb else None
            if controller is not None:
                return controller
            reporter = _participle_after_report(token) if token is verb else None
            token = reporter or _reported_clause_owner(token) or token.head
            continue
        return None
    return None


#: Verbs whose object does what their infinitive says ("got him to admit", "pressed her to say").
_CONTROL_VERBS = frozenset(
    words("get persuade convince force press pressure push compel urge ask tell encourage invite prompt lead")
)


def _joined_subjects(subject: Token) -> tuple[int, int] | None:
    """``Malaysia's Prime Minister Najib Razak said``, parsed as two subjects: the mention is both."""
    doc = subject.doc
    others = [c for c in subject.head.children if c.dep_ in SUBJECT_DEPS and c.i < subject.i]
    if not others:
        return None
    first = others[-1]
    if first.lemma_.lower() not in ROLE_NOUNS | PERSON_NOUNS | TITLE_WORDS:
        return None  # "After the election, Minyon Moore ... said": not a title of the name
    gap = doc[first.right_edge.i + 1 : subject.left_edge.i]
    if any(not (t.dep_ == "cc" or t.is_space or t.text == ",") for t in gap):
        return None
    end = subject.i + 1
    for child in subject.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl"):
            break
        end = child.right_edge.i + 1
    return first.left_edge.i, end


def _object_controller(xcomp: Token) -> Token | None:
    """``got Stumpf to admit ...``, ``pressed him to explain ...``: the object of the verb an
    infinitive depends on is who speaks (not the verb's subject)."""
    if xcomp.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return None
    if xcomp.head.lemma_.lower() not in _CONTROL_VERBS:
        return None  # "founded the party to oppose ...": a purpose, said by the founder
    return next(
        (
            c
            for c in xcomp.head.children
            if c.dep_ == "dobj" and c.i < xcomp.i and c.pos_ in ("PROPN", "NOUN", "PRON")
        ),
        None,
    )


def _reported_clause_owner(conj: Token) -> Token | None:
    """``He noted that X did not ratify it, and mentioned Y``: the cue the parse coordinated with
    the reported clause belongs to the reporting verb (``noted``), not to the clause's verb.

    Only for a report coordinated after a comma ("..., and mentioned"), which a clause of
    the content does not usually take.
    """
    head = conj.head
    if conj.dep_ != "conj" or cue_frame(conj) is None or head.dep_ != "ccomp":
        return None
    reporter = head.head
    if reporter.pos_ != "VERB" or cue_frame(reporter) is None:
        return None
    doc = conj.doc
    before = conj.left_edge.i
    if before < 2 or doc[before - 1].dep_ != "cc" or doc[before - 2].text != ",":
        return None
    return reporter


def _comma_before(token: Token) -> Token | None:
    """The comma that opens the phrase of ``token``, also inside a quotation that closes
    before it (``"costs billions," further saying ...``): the closing mark is returned then."""
    doc = token.doc
    before = token.left_edge.i - 1
    if before < 0:
        return None
    if doc[before].text == ",":
        return doc[before]
    if before > 0 and is_quote_mark(doc[before].text) and doc[before - 1].text == ",":
        return doc[before]
    return None


def _inverted_cue(verb: Token, frame: CueFrame) -> tuple[Token, Token] | None:
    """(speaker, reported clause) of an inverted cue the parse gave no subject:
    ``It is not for the court to decide, argued the government's lawyer, Jane Roe.``, with the
    name taken for the verb's object and the clause before it for a complement or for a
    clause coordinated with it. The cue follows a comma and its "object" closes the sentence.
    """
    if not frame.quote or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in (*SUBJECT_DEPS, "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ == "conj" and verb.head.i < verb.i:
        if any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
            return None  # "He came home, told the story, and left"
        clause: Token | None = verb.head
    else:
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if clause is None:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.left_edge.i > verb.i + 3:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in obj.subtree):
        return None  # "..., cited comments Trump had made": a real object, not a name
    rest = verb.doc[obj.right_edge.i + 1 : verb.sent.end]
    if any(not (t.is_punct or t.is_space) for t in rest):
        return None
    return obj, clause


def _participle_after_report(verb: Token) -> Token | None:
    """``X said Y "costs billions," further saying ...``: a reporting participle the parse hung
    on the reported clause belongs to the reporting verb above that clause."""
    clause = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i < clause.i or clause.dep_ != "ccomp":
        return None
    reporter = clause.head
    if reporter.pos_ != "VERB" or cue_frame(reporter) is None or _comma_before(verb) is None:
        return None
    return reporter


def _span_tokens(tokens: list[Token]) -> tuple[int, int] | None:
    """First and last token index of the largest contiguous run of ``tokens``."""
    if not tokens:
        return None
    indices = sorted({t.i for t in tokens})
    runs: list[tuple[int, int]] = []
    run_start = prev = indices[0]
    for i in indices[1:]:
        if i != prev + 1:
            runs.append((run_start, prev))
            run_start = i
        prev = i
    runs.append((run_start, prev))
    return max(runs, key=lambda r: r[1] - r[0])


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Token range without a leading complementizer or punctuation, or trailing punctuation."""
    while first <= last and (
        doc[first].is_punct
        or doc[first].is_space
        or (doc[first].lower_ == "that" and doc[first].dep_ == "mark")
    ):
        if is_quote_mark(doc[first].text) and first < last and not doc[first + 1].is_punct:
            break
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space) and not is_quote_mark(doc[last].text):
        last -= 1
    if last < first:
        return None
    return first, last


def _char_span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _cue_range(verb: Token, extra: Token | None = None) -> tuple[int, int]:
    """The cue words: the verb with its particle ("pointed to", "called for")."""
    first = last = verb.i
    for child in verb.children:
        if child.dep_ == "prt" and child.i == last + 1:
            last = child.i
    if extra is not None and extra.i == last + 1:
        last = extra.i
    return first, last


#: Prepositions that continue a noun-phrase report ("blamed X for Y", "described X as Y").
_CONTINUING_PREPS = frozenset({"as", "for", "to", "of", "against", "about", "over", "on", "with", "in"})
#: Dependents of a cue that continue its content when they follow it without a comma.
_CONTINUING_DEPS = frozenset({"prep", "advcl", "xcomp", "oprd", "acomp", "ccomp", "dative", "dobj"})


def _continuation(verb: Token, after: int) -> list[Token]:
    """Dependents of the cue right after its content that the parse hung on the cue.

    ``said Lenox was a juggernaut until it went bankrupt``: the small model often attaches
    the "until" clause to "said"; without a comma in between it belongs to the content.
    """
    doc = verb.doc
    tokens: list[Token] = []
    for child in verb.rights:
        if child.left_edge.i <= after:
            continue
        if (
            doc[child.left_edge.i - 1].text in (",", ";", ":", "—", "–", "--")
            or child.left_edge.i != after + 1
        ):
            break
        if child.dep_ not in ("advcl", "prep") or (
            child.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
        ):
            break
        tokens.extend(child.subtree)
        after = child.right_edge.i
    return tokens


def _misattached_clause(verb: Token) -> list[Token]:
    """``told a meeting of leaders that few people understood ...``: the "that" clause the parse
    hung on the object as a relative clause (a complementizer "that", not a relative pronoun)."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.i > verb.i:
            for token in child.subtree:
                if (
                    token.dep_ in ("relcl", "acl")
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
                    and any(c.dep_ in SUBJECT_DEPS for c in token.children)
                ):
                    return [token]
    return []


def _has_infinitive(obj: Token) -> bool:
    """``urged the embassy to reconsider`` parsed with the infinitive on the object."""
    return any(
        c.dep_ in ("acl", "relcl") and c.tag_ == "VB" and any(t.lower_ == "to" for t in c.children)
        for c in obj.children
    )


def _has_complement(obj: Token, verb: Token) -> bool:
    """``called its actions defensive``: a predicate after the object, on the verb or the object."""
    if any(c.dep_ in ("oprd", "ccomp", "acomp", "xcomp") and c.i > obj.i for c in verb.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i for c in (*verb.children, *obj.children)):
        return True  # "sees the program as an opportunity"
    return any(c.dep_ in ("acl", "amod", "oprd") and c.i > obj.i for c in obj.children)


def _has_prep_after(obj: Token, verb: Token, preps: tuple[str, ...]) -> bool:
    """``credited the press with keeping ...``: one of ``preps`` after the object."""
    return any(
        c.dep_ == "prep" and c.lower_ in preps and c.i > obj.i for c in (*verb.children, *obj.children)
    )


def _np_tokens(head: Token) -> list[Token]:
    """A noun phrase as content: its subtree up to a comma that starts an afterthought, or up
    to the occasion of the report (``called for more investment in a statement``)."""
    tokens = list(head.subtree)
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "prep", "appos", "advcl", "npadvmod"):
            before = head.doc[child.left_edge.i - 1]
            if before.text in (",", "—", "–", "("):
                return [t for t in tokens if t.i < before.i]
        if _is_occasion(child):
            return [t for t in tokens if t.i < child.left_edge.i]
    return tokens


#: Where or how something was said: "in a statement", "in an interview", "on Twitter".
OCCASION_NOUNS = frozenset(
    words("""
        statement interview speech address conference briefing hearing tweet post letter
        email e-mail op-ed editorial column memo interview appearance remarks comments
        testimony video podcast broadcast show programme program rally debate twitter
        facebook instagram condition phone telephone television tv radio camera
        """)
)
#: Conjunctions that open the reporter's own circumstance after the content ("... when he ran").
_CIRCUMSTANCE_MARKS = frozenset(
    words("when after before while as since because although though whereas until unless once")
)


def _is_occasion(prep: Token) -> bool:
    """``in a statement``, ``during an interview``, ``on Twitter``: the occasion, not the content."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "at", "on", "via", "through"):
        return False
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.lemma_.lower() in OCCASION_NOUNS


def _without_circumstance(tokens: list[Token]) -> list[Token]:
    """A noun-phrase content without a closing "when/after/as ..." clause the parse hung inside it."""
    if not tokens:
        return tokens
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    for token in sorted(tokens, key=lambda t: t.i):
        if (
            token.right_edge.i >= last
            and token.left_edge.i > first
            and token.dep_ == "advcl"
            and _opens_circumstance(token)
        ):
            cut = token.left_edge.i
            return [t for t in tokens if t.i < cut]
    return tokens


def _opens_circumstance(clause: Token) -> bool:
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in _CIRCUMSTANCE_MARKS for c in clause.children)


def _is_circumstance(clause: Token, frame: CueFrame) -> bool:
    """An adverbial clause after a noun-phrase content that belongs to the report, not the content:
    ``described him as a reformer when he ran``, ``highlights X to help give context``."""
    if clause.dep_ not in ("advcl", "xcomp"):
        return False
    if _opens_circumstance(clause):
        return True
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return clause.dep_ == "advcl" and to and not frame.xcomp


def _content_tokens(
    verb: Token, frame: CueFrame
) -> tuple[list[Token], Token | None, Token | None, Token | None]:
    """(content tokens, content root, addressee head, preposition of the cue) for a cue verb."""
    children = list(verb.children)
    addressee = next((c for c in children if c.dep_ == "dative"), None) if frame.addressee_obj else None
    if frame.clause:
        clauses = [c for c in children if c.dep_ in _CLAUSE_DEPS]
        if not clauses and frame.addressee_obj:
            clauses = _misattached_clause(verb)
        infinitive = next(
            (
                c
                for c in children
                if c.dep_ == "xcomp"
                and c.i > verb.i
                and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children)
            ),
            None,
        )
        if infinitive is not None and frame.xcomp and all(c.i > infinitive.i for c in clauses):
            clauses = []  # "promising to lift X ― not what Y had in mind": the infinitive comes first
        if clauses:
            # A clause after the cue is its content even when the parse also hangs one before it
            # ("It's unlikely; Clinton's team says she'll continue ...").
            after = [c for c in clauses if c.i > verb.i]
            clause = after[0] if after else clauses[0]
            obj = next((c for c in children if c.dep_ == "dobj" and c.i < clause.i and c.i > verb.i), None)
            if frame.addressee_obj and obj is not None and addressee is None:
                addressee = obj
            # Several clauses on one side ("told X it is clear ..., and ... can be traced ...") are one content.
            side = [c for c in clauses if (c.i > verb.i) == (clause.i > verb.i)]
            clause_tokens = [t for c in side for t in c.subtree]
            if clause.i > verb.i:
                clause_tokens.extend(_continuation(verb, side[-1].right_edge.i))
            return clause_tokens, clause, addressee, None
    args: list[Token] = []
    core: Token | None = None
    cue_prep: Token | None = None
    for child in children:
        if child.i < verb.i:
            continue
        dep = child.dep_
        if dep == "punct":
            if args and child.text in (",", ";", ":", "—", "–"):
                break
            continue
        if dep == "dobj":
            if (
                frame.obj
                and (not frame.obj_needs_complement or _has_complement(child, verb))
                and (not frame.obj_needs_prep or _has_prep_after(child, verb, frame.obj_needs_prep))
            ) or (frame.xcomp and _has_infinitive(child)):
                core = core or child
                args.append(child)
            elif frame.quote and not args and _is_quotation(child):
                core = child  # 'chanted "What curfew?"': a quotation as the object
                args.append(child)
            elif frame.xcomp or frame.addressee_obj or args:
                args.append(child)
        elif dep == "xcomp" and (
            (frame.xcomp and (any(t.lower_ == "to" for t in child.children) or child.tag_ == "VB"))
            or ((frame.obj or frame.quote) and child.tag_ == "VBG" and not args)
        ):
            # "vowed to ...", and a gerund for a noun phrase: "proposed dropping the tax",
            # "admitted using the tax code"
            core = core or child
            args.append(child)
        elif dep == "prep" and not args and (child.lower_ in frame.preps or _topic_prep(verb, child, frame)):
            core = core or child
            cue_prep = child
            args.append(child)
        elif dep in ("advcl", "ccomp") and not args and (mark := _for_to_mark(child, frame)) is not None:
            # "calling for the killers to be punished": the parse makes "for" the mark of a clause
            core = core or child
            cue_prep = mark
            args.append(child)
        elif dep == "ccomp" and frame.obj_needs_complement and args:
            core = core or child
            args.append(child)
        elif (
            core is not None
            and dep in _CONTINUING_DEPS
            and (dep != "prep" or child.lower_ in _CONTINUING_PREPS)
        ):
            if dep == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
                break
            if _is_occasion(child) or _is_circumstance(child, frame):
                break
            args.append(child)
        elif args and dep not in ("advmod", "npadvmod"):
            break
    if core is None:
        return [], None, addressee, None
    first = args[0]
    if (
        frame.addressee_obj
        and first.dep_ == "dobj"
        and ((len(args) > 1 and args[1].dep_ == "xcomp") or _has_infinitive(first))
    ):
        addressee = first  # "urged the embassy to reconsider"
    if cue_prep is not None and cue_prep.lower_ == "on":
        pobj = next((c for c in cue_prep.children if c.dep_ == "pobj"), None)
        addressee = pobj or addressee  # "called on Turkey to halt ..."
    tokens: list[Token] = []
    for arg in args:
        if arg.dep_ == "dobj" and arg is core:
            tokens.extend(_np_tokens(arg))
        elif arg is cue_prep:
            pobj = next((c for c in arg.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                tokens.extend(_np_tokens(pobj) if pobj.dep_ == "pobj" else pobj.subtree)
        else:
            tokens.extend(t for t in arg.subtree if cue_prep is None or t.i != cue_prep.i)
    return tokens, core, addressee, cue_prep


def _for_to_mark(clause: Token, frame: CueFrame) -> Token | None:
    """The "for" of ``called for X to be Y`` parsed as the mark of an infinitive clause."""
    if "for" not in frame.preps or clause.i < clause.head.i:
        return None
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)
    if mark is None or mark.i != clause.head.i + 1:
        return None
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return mark if to else None


#: Auxiliaries that make a report hypothetical or future ("would discuss", "may announce").
_MODALS = frozenset(words("will would could should may might must can shall 'll 'd wo ca"))


#: Verbs that name what someone was called: speech, though no quotation follows them.
_NAMING_VERBS = frozenset(words("call label brand dub term"))


def _reports_speech(cue: Token | None, frame: CueFrame | None) -> bool:
    """Whether a cue reports words (not a thought, an intention or evidence)."""
    if cue is None or frame is None:
        return False
    lemma = cue.lemma_.lower()
    if lemma in STANCE_VERBS:
        return False  # "according to a poll, most members favored X": a stance the poll reports
    naming = lemma in _NAMING_VERBS and any(c.dep_ == "dobj" for c in cue.children)
    return frame.quote or naming  # "called X a Y", not "called for X"


def _unrealised(cue: Token | None) -> bool:
    """Whether a cue reports speech that did not (yet) happen: modal, infinitive or negated."""
    if cue is None:
        return False
    return any(
        (c.dep_ == "aux" and (c.lower_ in _MODALS or c.lower_ == "to")) or c.dep_ == "neg"
        for c in cue.children
    )


#: Verbs of saying whose "on" phrase is the topic too ("commented on the decision").
_ON_TOPIC_VERBS = frozenset(
    words("comment remark elaborate reflect testify report opine brief lecture write")
)


def _topic_prep(verb: Token, prep: Token, frame: CueFrame) -> bool:
    """``bragged about his polls``, ``commented on the shooting``: what a verb of saying was about."""
    if not frame.quote or _is_occasion(prep):
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree):
        return False
    word = prep.lower_
    return word in ("about", "regarding", "concerning") or (
        word == "on" and verb.lemma_.lower() in _ON_TOPIC_VERBS
    )


#: Subjects that say nobody spoke: "No organization claimed ...", "Nobody said ...".
_NOBODY = frozenset(words("nobody no-one none"))


def _denied_report(verb: Token, subject: Token) -> bool:
    """A report of speech or of a finding that the text says did not happen.

    ``did not say he had ordered it``, ``has never claimed ...``, ``the Senate did not find
    that ...``, ``No group claimed ...``, ``neither X nor Y would endorse ...``: nothing was
    said, so nothing is attributed. A phrasal verb keeps its report (``did not rule out
    ...`` says something is possible), and so do thoughts (``does not believe that ...``).
    """
    if verb.lemma_.lower() not in NEGATION_CANCELS or any(c.dep_ == "prt" for c in verb.children):
        return False
    if any(c.dep_ == "neg" and subject.i < c.i < verb.i for c in verb.children):
        return True  # between the subject and the cue: not a "not" the parse hung on it from afar
    if any(c.dep_ == "dobj" and c.lower_ == "nothing" for c in verb.children):
        return True  # "said nothing about it", "conceded nothing"
    if subject.lower_ in _NOBODY:
        return True
    return any(
        (c.dep_ == "det" and c.lower_ == "no") or (c.dep_ == "preconj" and c.lower_ == "neither")
        for c in subject.children
    )


def _describes_allegiance(verb: Token, subject: Token) -> bool:
    """A verb of stance in the present tense in a relative clause about its subject's noun.

    ``militias which support the PKK``, ``groups that back the government``: the clause tells
    what the group is, not that it said anything. (``Bolsonaro, who opposed the plan`` reports
    an act and stays.)
    """
    return (
        verb.lemma_.lower() in STANCE_VERBS
        and verb.dep_ == "relcl"
        and subject.lower_ in RELATIVE_SUBJECTS
        and verb.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ == "aux" for c in verb.children)
    )


#: Relative pronouns that stand for the subject of a relative clause.
RELATIVE_SUBJECTS = frozenset({"who", "which", "that"})


def _is_quotation(obj: Token) -> bool:
    """Whether a noun phrase opens with a quotation mark (the object is a quotation)."""
    doc = obj.doc
    first = obj.left_edge.i
    return is_quote_mark(doc[first].text) or (first > 0 and is_quote_mark(doc[first - 1].text))


def _on_both_sides(verb: Token, tokens: list[Token]) -> bool:
    """Whether a parenthetical cue stands inside the clause it reports (words on both sides)."""
    content_words = ("NOUN", "PROPN", "VERB", "AUX", "ADJ", "NUM")
    before = any(t.pos_ in content_words for t in tokens if t.i < verb.i)  # not a lone "which"
    after = any(t.is_alpha for t in tokens if t.i > verb.i)
    return before and after


def _as_clause(verb: Token) -> bool:
    """``..., as police have said``, ``As the senator noted, ...``: a parenthetical "as" clause."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _noun_source(noun: Token, frame: NounCueFrame) -> Token | None:
    """Who a noun of speech belongs to: its possessor, "by"/"from" X, or a light verb's subject.

    A request noun with a possessor is usually the topic of the sentence ("rejected Russia's
    demand to ...", reported where it was made): only a light verb makes it a report.
    """
    owners = [noun]
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and doc[noun.i - 2].head.i in (noun.i, noun.head.i):
        owners.append(doc[noun.i - 2])  # "the government's counter-argument", split at the hyphen
    for child in (c for owner in owners for c in owner.children) if not frame.needs_speech_verb else ():
        if child.dep_ == "poss" and child.i < noun.i:
            if child.ent_type_ in ("DATE", "TIME") or child.pos_ not in ("PROPN", "NOUN", "PRON"):
                return None  # "Monday's announcement"
            return child
    for child in noun.children if not frame.needs_speech_verb else ():
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > noun.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if (
                pobj is not None
                and pobj.pos_ in ("PROPN", "NOUN", "PRON")
                and pobj.ent_type_ not in ("DATE", "TIME")
            ):
                return pobj
    verb = noun.head
    if (
        noun.dep_ == "dobj"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in LIGHT_VERBS
        and not _is_passive(verb)
    ):
        return subject_of(verb)
    return None


def _noun_content(noun: Token, frame: NounCueFrame) -> tuple[list[Token], Token | None, Token | None]:
    """(content tokens, content root, preposition of the cue) of a noun of speech."""
    for child in noun.rights:
        dep = child.dep_
        if frame.clause and dep in ("acl", "ccomp", "relcl", "appos"):
            that = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
            if that and own_subject:
                return list(child.subtree), child, None  # "the claim that X"
        if (
            frame.infinitive
            and dep in ("acl", "relcl", "xcomp")
            and child.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            return list(child.subtree), child, None  # "his promise to X"
        if dep == "prep" and child.lower_ in frame.preps:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):  # not "remarks on Saturday"
                tokens = _np_tokens(pobj) if pobj.dep_ == "pobj" else list(pobj.subtree)
                return tokens, pobj, child  # "allegations of fraud"
        if dep == "punct" and child.text in (",", ";", ":", "—", "–", "("):
            break
    copula = noun.head
    if frame.clause and noun.dep_ == "nsubj" and copula.lemma_ in ("be", "remain"):
        # "The government's argument was that ...": the clause the copula states
        for child in copula.children:
            if (
                child.dep_ == "ccomp"
                and child.i > copula.i
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
            ):
                return list(child.subtree), child, None
    return [], None, None


def _to_addressee(verb: Token) -> Token | None:
    """``said to X``, ``wrote to X``: the object of "to" after a verb of saying."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to" and child.i > verb.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                return pobj
    return None


@lru_cache(maxsize=1)
def _candidate_hashes() -> frozenset[int]:
    """The string hashes of every lemma that may be a cue (spaCy's attribute arrays hold hashes)."""
    return frozenset(
        get_string_id(word)
        for word in (
            *CUE_FRAMES,
            *_PHRASAL_VERBS,
            *NOUN_CUE_FRAMES,
            *BELIEF_ADJECTIVES,
            *STANCE_ADJECTIVES,
            *INTENT_ADJECTIVES,
            "according",
            "put",
        )
    )


class Extractor:
    """Finds the statements of one Doc."""

    def __init__(self, doc: Doc, registry: ArticleEntities) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.token_starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        self.registry = registry
        self.quotes = find_quotes(self.text)
        self.qindex = QuoteIndex(doc, self.quotes, self.token_starts)
        self.found: list[Found] = []
        self.by_cue: dict[int, Found] = {}
        #: Roots of clauses a negated cue did not report (see :func:`_denied_report`).
        self.denied: set[int] = set()
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", self.text)]
        self.transcript = self._find_transcript()
        self._in_transcript = [False] * len(doc)
        for _label, _colon, start, end in self.transcript:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self._in_transcript[t.i] = True

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    # ------------------------------------------------------------------ pass 1: cues

    # ------------------------------------------------------------------ transcripts

    def _find_transcript(self) -> list[tuple[tuple[int, int], int, int, int]]:
        """Paragraphs of an interview transcript: ``PENCE: Well, look, ...``.

        A label is one to three capitalised words and a colon opening a paragraph (after an
        optional quotation mark). It counts as a speaker when it opens at least two
        paragraphs or names a person the article names; "UPDATE:" and the like never do,
        nor "Q:" (a reporter's question is no statement).
        Returns (label char range, colon offset, content start, content end).
        """
        text = self.text
        candidates: list[tuple[str, tuple[int, int], int, int, int]] = []
        bounds = [*self.paragraph_starts, len(text) + 2]
        for n, start in enumerate(self.paragraph_starts):
            end = bounds[n + 1] - 2 if n + 1 < len(self.paragraph_starts) else len(text)
            match = _TRANSCRIPT_LABEL.match(text, start, max(start, end))
            if match is None:
                continue
            label = match.group("label")
            if set(label.upper().replace(".", "").split()) & _NOT_SPEAKER_LABELS:
                continue
            content_start = match.end()
            content_end = end
            while content_end > content_start and (
                text[content_end - 1].isspace() or is_quote_mark(text[content_end - 1])
            ):
                content_end -= 1
            if content_end - content_start < 2:
                continue
            candidates.append(
                (label.lower(), match.span("label"), match.start("colon"), content_start, content_end)
            )
        counts: dict[str, int] = {}
        for label, *_rest in candidates:
            counts[label] = counts.get(label, 0) + 1
        known = {s.name_tokens[-1] for s in self.registry.states if s.kind == "person" and s.name_tokens}
        return [
            (span, colon, start, end)
            for label, span, colon, start, end in candidates
            if counts[label] >= 2 or label.split()[-1].rstrip(".") in known
        ]

    def transcript_pass(self) -> None:
        for (label_start, label_end), colon, start, end in self.transcript:
            label = self.doc.char_span(label_start, label_end, alignment_mode="expand")
            if label is None:
                continue
            found = Found("direct", start, end, None, label[-1], cue_chars=(colon, colon + 1))
            self.found.append(found)
            for i in self.qindex.overlapping(start, end):
                self.qindex.consumed.add(i)

    # ------------------------------------------------------------------ pass 1: cues

    def _candidates(self) -> list[Token]:
        """Tokens that may be cues, picked by lemma hash without making a Token for every word."""
        if not len(self.doc):
            return []
        wanted = _candidate_hashes()
        lemmas, lowers = lemma_lower_ids(self.doc)
        according = get_string_id("according")
        return [
            self.doc[i]
            for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
            if lemma in wanted or lower == according
        ]

    def cue_pass(self) -> None:
        cues_per_sentence: Counter[int] = Counter()
        for token in self._candidates():
            if self.qindex.inside(token) or self._in_transcript[token.i]:
                continue
            # Each cue scans its sentence, so a run-on "sentence" of hundreds of cues (spam,
            # a broken page) would cost their square; real sentences hold a handful.
            sentence_start = token.sent.start
            cues_per_sentence[sentence_start] += 1
            if cues_per_sentence[sentence_start] > MAX_CUES_PER_SENTENCE:
                continue
            if (
                token.lower_ == "according"
                and token.i + 1 < len(self.doc)
                and self.doc[token.i + 1].lower_ == "to"
            ):
                self._according(token)
                continue
            lemma = token.lemma_.lower()
            if token.pos_ == "ADJ" and (
                lemma in BELIEF_ADJECTIVES or lemma in STANCE_ADJECTIVES or lemma in INTENT_ADJECTIVES
            ):
                self._belief_adjective(token)
                continue
            if token.is_upper and len(token.text) > 1:
                continue  # a headline in capitals
            noun_frame = NOUN_CUE_FRAMES.get(lemma)
            if noun_frame is not None and token.pos_ == "NOUN" and not _verb_tagged_noun(token):
                self._noun_cue(token, noun_frame)
                continue
            if lemma == "put" and token.pos_ == "VERB":
                self._as_put_it(token)
                continue
            frame = cue_frame(token)
            if frame is None or not (token.pos_ == "VERB" or _verb_tagged_noun(token)):
                continue
            self._verb_cue(token, frame)

    def _verb_cue(self, verb: Token, frame: CueFrame) -> None:
        if _is_passive(verb):
            self._passive_cue(verb, frame)
            return
        inverted = _inverted_cue(verb, frame)
        if inverted is not None and not self.qindex.inside(inverted[0]):
            # "It is not for the court to decide, argued the lawyer, Jane Roe.": the clause before.
            speaker, clause = inverted
            tokens = [t for t in clause.subtree if t.i < verb.i - 1]
            self._add(
                verb, speaker, None, self._clean_content(verb, speaker, tokens), clause, _cue_range(verb)
            )
            return
        subject = subject_of(verb)
        if (
            subject is None
            or subject.lower_ in ("there", "you", "me", "us", "'s")
            or self.qindex.inside(subject)
        ):
            return
        if not any(ch.isalpha() for ch in subject.text) or (
            # "let me say": not when the parse hung the cue on a "let" inside a later quotation
            verb.head.lemma_ == "let" and verb.dep_ == "ccomp" and not self.qindex.inside(verb.head)
        ):
            return
        if self.paragraph_of(subject.idx) != self.paragraph_of(verb.idx):
            return  # a parse that runs over a paragraph break
        if (
            subject.lower_ == "it"
            and any(c.dep_ == "ccomp" for c in verb.children)
            and verb.lemma_ in ("seem", "appear")
        ):
            return
        if _describes_allegiance(verb, subject):
            return  # "the YPG militia, which supports the PKK": who they are, not what they said
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ):
            return  # "it is not for the court to opine about ...": a speech act weighed, not made
        if _denied_report(verb, subject):
            # What was not said is no report either ("did not say he had ordered it").
            self.denied.update(c.i for c in verb.children if c.i > verb.i and c.dep_ in ("ccomp", "xcomp"))
            return
        if self._is_reporter(subject) and verb.lemma_.lower() in _QUESTION_CUES:
            return  # a question a reporter asks is no statement
        colon = self._colon_content(verb) if frame.quote else None
        if colon is not None:
            # "The governor added: It is typical of her. She knows nothing.": the rest of the paragraph.
            self._add(verb, subject, None, colon, colon[0], _cue_range(verb))
            return
        tokens, root, addressee, prep = _content_tokens(verb, frame)
        if (
            root is not None
            and root.dep_ == "ccomp"
            and any(c.dep_ == "mark" and c.lower_ in _QUESTION_WORDS for c in root.children)
            and any(c.dep_ == "neg" for c in verb.children)
        ):
            return  # "did not say whether ...": nothing was said
        if root is None:
            as_clause = _as_clause(verb) and frame.quote and verb.lemma_.lower() not in WEAK_CUES
            if (verb.dep_ == "parataxis" or as_clause) and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children
            ):
                self._parenthetical(verb, subject)
            return
        if verb.lemma_.lower() in WEAK_CUES and root.dep_ not in ("ccomp", "dobj"):
            return
        if addressee is None and frame.quote:
            addressee = _to_addressee(verb)
        if root.dep_ not in _CLAUSE_DEPS:
            tokens = _without_circumstance(tokens)
        tokens = self._clean_content(verb, subject, tokens)
        self._add(verb, subject, addressee, tokens, root, _cue_range(verb, prep))

    def _passive_cue(self, verb: Token, frame: CueFrame) -> None:
        """``Oz has been called a charlatan by fellow physicians``: the agent said it.

        Only with what the subject was called or described as: the content is the subject with
        it ("Oz ... has been called a charlatan"). A bare passive ("the operation was condemned
        by X") reports an act; without a "by" agent nobody is named. Neither is attributed.
        """
        if not frame.obj or verb.lemma_.lower() in WEAK_CUES:
            return
        agent = next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i), None)
        if agent is None:
            return
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if pobj is None or subject is None or pobj.pos_ not in ("PROPN", "NOUN", "PRON"):
            return
        if pobj.ent_type_ in ("DATE", "TIME") or subject.lower_ in RELATIVE_SUBJECTS | {"it", "this"}:
            return
        if self.qindex.inside(pobj) or self.paragraph_of(pobj.idx) != self.paragraph_of(subject.idx):
            return
        complement = next(
            (
                c
                for c in verb.children
                if c.i > verb.i
                and (c.dep_ in ("oprd", "xcomp", "attr") or (c.dep_ == "prep" and c.lower_ == "as"))
            ),
            None,
        )
        if complement is None:
            return  # "the operation was condemned by X" reports an act, not words
        if complement.i < agent.i:
            tokens = list(self.doc[subject.left_edge.i : complement.right_edge.i + 1])
        else:
            tokens = list(subject.subtree)  # "described by Johnson as ...": the subject is what was described
        self._add(verb, pobj, None, tokens, complement, _cue_range(verb))

    def _colon_content(self, verb: Token) -> list[Token] | None:
        """The words after ``X added:`` to the end of the paragraph, when they are not quoted."""
        i = verb.i + 1
        while i < len(self.doc) and (
            (self.doc[i].dep_ in ("advmod", "prt") and self.doc[i].head == verb) or self.doc[i].is_space
        ):
            i += 1
        if i + 1 >= len(self.doc) or self.doc[i].text != ":":
            return None
        paragraph = self.paragraph_of(verb.idx)
        tokens = []
        for token in self.doc[i + 1 :]:
            if self.paragraph_of(token.idx) != paragraph:
                break
            tokens.append(token)
        words = [t for t in tokens if not t.is_space]
        if not words or self.qindex.token_quote[words[0].i] >= 0 or len(words) < 3:
            return None  # a quotation after the colon is left to the quotation pass
        return words

    def _clean_content(self, cue: Token, subject: Token, tokens: list[Token]) -> list[Token]:
        """Content tokens without the cue, its subject, other reports and other paragraphs."""
        paragraph = self.paragraph_of(cue.idx)
        drop = {cue.i, subject.i}
        for token in tokens:
            # "X said A, and his critics blame ...", "He noted A, and mentioned B": a coordinated
            # report is a statement of its own (not "he will study and decide", which is content).
            frame = cue_frame(token)
            if token.dep_ != "conj" or token.pos_ != "VERB" or frame is None or token.i < cue.i:
                continue
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
                continue  # "said A and that B": a second clause of the same report
            own_subject = any(c.dep_ in SUBJECT_DEPS for c in token.children)
            if own_subject or frame.quote:
                drop.update(t.i for t in token.subtree)
                before = token.left_edge.i
                drop.update(
                    c.i
                    for c in token.head.children
                    if c.dep_ in ("cc", "punct") and before - 2 <= c.i < before
                )
        kept = [t for t in tokens if t.i not in drop and self.paragraph_of(t.idx) == paragraph]
        kept = self._cut_afterthoughts(cue, kept)
        # ``said "...", while addressing the press``: the quotation is the content.
        words = [t for t in kept if not t.is_space]
        if words and self.qindex.is_mark(words[0]):
            q = self.qindex.token_quote[words[0].i]
            if q >= 0:
                close = self.quotes[q].mark_end
                after = [t for t in words if t.idx >= close]
                if after and after[0].text == ",":
                    kept = [t for t in kept if t.idx < close]
        return kept

    def _cut_afterthoughts(self, cue: Token, tokens: list[Token]) -> list[Token]:
        """Content ends at a semicolon, or at a lone dash that adds the reporter's own remark."""
        if not tokens:
            return tokens
        ordered = sorted(tokens, key=lambda t: t.i)
        outside = [t for t in ordered if self.qindex.token_quote[t.i] < 0]
        after_cue = [t for t in outside if t.i > cue.i]
        semicolon = next((t for t in after_cue if t.text == ";"), None)
        if semicolon is not None:
            ordered = [t for t in ordered if t.i < semicolon.i]
            outside = [t for t in outside if t.i < semicolon.i]
        before_cue = [t for t in outside if t.i < cue.i and t.text == ";"]
        if before_cue:
            ordered = [t for t in ordered if t.i > before_cue[-1].i]
            outside = [t for t in outside if t.i > before_cue[-1].i]
        if not ordered:
            return ordered
        dashes = [t for t in outside if t.text in ("—", "--", "–", "―") and t.i > cue.i]
        if len(dashes) == 1 and dashes[0].i > ordered[0].i:
            rest = [t for t in ordered if t.i > dashes[0].i]
            if not any(self.qindex.token_quote[t.i] >= 0 for t in rest):
                ordered = [t for t in ordered if t.i < dashes[0].i]
        ordered = self._cut_trailing_clauses(ordered)
        return ordered

    def _cut_trailing_clauses(self, ordered: list[Token]) -> list[Token]:
        """Cut what the reporter adds after a comma at the end of the content.

        A participle of reporting ("..., citing ...", "..., aside from saying ..."), a
        non-restrictive relative clause ("..., which receives some funding") or an
        apposition ("..., a former lieutenant governor") that runs to the end.
        """
        if len(ordered) < 3:
            return ordered
        present = {t.i for t in ordered}
        words = [t for t in ordered if not (t.is_punct or t.is_space)]
        if not words:
            return ordered
        first, last = ordered[0].i, words[-1].i + 1
        for t in ordered[1:]:
            if self.qindex.token_quote[t.i] >= 0 or t.left_edge.i <= first:
                continue
            comma = _comma_before(t)
            if comma is None or comma.i not in present:
                continue
            reporting = t.pos_ == "VERB" and cue_frame(t) is not None and t.dep_ in ("advcl", "pcomp", "conj")
            if t.dep_ == "pcomp":
                # "aside from saying ...": the phrase starts at the preposition.
                prep = t.head
                if prep.dep_ != "prep" or self.doc[prep.left_edge.i - 1].text != ",":
                    continue
                comma = self.doc[prep.left_edge.i - 1]
            else:
                reporting = t.pos_ == "VERB" and t.dep_ == "advcl" and t.tag_ == "VBG"
            trailing = t.right_edge.i >= last - 1 and (
                (t.dep_ == "relcl" and t.left_edge.lower_ in ("which", "who", "whose", "whom"))
                or (t.dep_ == "appos" and t.head.i in present)
                # "..., although it may take days to know": the reporter's caveat
                or (t.dep_ == "advcl" and t.left_edge.lower_ in ("although", "though"))
            )
            if reporting or trailing:
                return [x for x in ordered if x.i < comma.i]
        return ordered

    def _parenthetical(self, verb: Token, subject: Token, cue: tuple[int, int] | None = None) -> None:
        """``Those principles, the readout stated, "stipulate ..."``: the clause around the cue."""
        head = verb.head
        inner = {t.i for t in verb.subtree}
        tokens = [t for t in head.subtree if t.i not in inner]
        after = [t for t in tokens if t.i > verb.i]
        # A quotation right after the parenthetical is what the source said.
        first_after = next((t for t in after if not t.is_punct or self.qindex.is_mark(t)), None)
        if first_after is not None and self.qindex.token_quote[first_after.i] >= 0:
            q = self.qindex.token_quote[first_after.i]
            tokens = [t for t in after if self.qindex.token_quote[t.i] == q]
        elif _on_both_sides(verb, tokens) and not any(self.qindex.token_quote[t.i] >= 0 for t in tokens):
            # "The latest test, North Korea said, was its biggest yet", "A, he said, and B":
            # neither part says it all, so the content is the whole clause, the cue included.
            first, last = min(t.i for t in tokens), max(t.i for t in tokens)
            tokens = self._cut_afterthoughts(verb, list(self.doc[first : last + 1]))
        self._add(verb, subject, None, tokens, head, cue or _cue_range(verb))

    def _noun_cue(self, noun: Token, frame: NounCueFrame) -> None:
        """``Trump's claim that ...``, ``his promise to ...``, ``X expressed hope that ...``."""
        source = _noun_source(noun, frame)
        if source is None or self.qindex.inside(source) or self._is_reporter(source):
            return
        if self.paragraph_of(source.idx) != self.paragraph_of(noun.idx):
            return
        tokens, root, prep = _noun_content(noun, frame)
        if root is None:
            return
        tokens = self._clean_content(noun, source, tokens)
        self._add(noun, source, None, tokens, root, _cue_range(noun, prep))

    def _as_put_it(self, verb: Token) -> None:
        """``as The New Yorker put it, ...``: the clause around the parenthetical."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if obj is None or obj.lower_ != "it" or subject is None or not _as_clause(verb):
            return
        if self.qindex.inside(subject) or self.paragraph_of(subject.idx) != self.paragraph_of(verb.idx):
            return
        self._parenthetical(verb, subject, (verb.i, obj.i) if obj.i == verb.i + 1 else None)

    def _according(self, token: Token) -> None:
        """``according to X, ...`` / ``..., according to X``."""
        to = self.doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
        if source is None:
            return
        phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree} | {token.i, to.i}
        sentence = token.sent
        clause_head = token.head if token.head.pos_ in ("VERB", "AUX") else sentence.root
        part = self._according_content(token, phrase, clause_head)
        # Nested: "According to the readout, Putin told Macron that ..." makes the readout the outer
        # source, if the clause's cue turns out to report something; else the phrase reports it all.
        inner = self.by_cue.get(clause_head.i)
        if inner is not None or (cue_frame(clause_head) is not None and subject_of(clause_head) is not None):
            outer = Found("indirect", 0, 0, _cue_range(token, to), source)
            self._pending_outer.append((clause_head.i, outer, (token, source, part, clause_head)))
            return
        self._add(token, source, None, part, clause_head, (token.i, to.i))

    def _according_content(self, token: Token, phrase: set[int], clause_head: Token) -> list[Token]:
        """What "according to X" attributes: the clause it hangs on, within its sentence and paragraph."""
        sentence = token.sent
        paragraph = self.paragraph_of(token.idx)
        tokens = [t for t in sentence if t.i not in phrase and self.paragraph_of(t.idx) == paragraph]
        before = [t for t in tokens if t.i < min(phrase)]
        after = [t for t in tokens if t.i > max(phrase)]
        if before and any(t.i == clause_head.i for t in before) and clause_head.pos_ in ("VERB", "AUX"):
            # "Prices rose, according to X, more than in May": the clause the phrase belongs to.
            part = before
        elif after and any(t.i == clause_head.i for t in after) and clause_head.pos_ in ("VERB", "AUX"):
            part = after
        else:
            part = (
                after
                if len([t for t in after if t.is_alpha]) >= len([t for t in before if t.is_alpha])
                else before
            )
        return part

    def _belief_adjective(self, adj: Token) -> None:
        """``X is confident that ...``, ``X was critical of ...``, ``X is willing to ...``."""
        if adj.dep_ != "acomp":
            return
        lemma = adj.lemma_.lower()
        content: list[Token] = []
        root: Token | None = None
        cue = (adj.i, adj.i)
        for child in adj.rights:
            if child.dep_ == "ccomp" and lemma in BELIEF_ADJECTIVES:
                root, content = child, list(child.subtree)
            elif child.dep_ == "prep" and child.lower_ in STANCE_ADJECTIVES.get(lemma, ()):
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    root, content = pobj, _np_tokens(pobj) if pobj.dep_ == "pobj" else list(pobj.subtree)
                    cue = (adj.i, child.i) if child.i == adj.i + 1 else cue
            elif child.dep_ == "xcomp" and lemma in INTENT_ADJECTIVES and child.tag_ == "VB":
                root, content = child, list(child.subtree)
            if root is not None:
                break
        subject = subject_of(adj.head)
        if root is None or subject is None or self.qindex.inside(subject):
            return
        if self.paragraph_of(subject.idx) != self.paragraph_of(adj.idx):
            return
        self._add(adj, subject, None, content, root, cue)

    def _add(
        self,
        cue: Token,
        subject: Token,
        addressee: Token | None,
        tokens: list[Token],
        root: Token,
        cue_range: tuple[int, int],
    ) -> None:
        span = _span_tokens(tokens)
        if span is None:
            return
        trimmed = _trim(self.doc, *span)
        if trimmed is None:
            return
        first, last = trimmed
        start, end = _char_span(self.doc, first, last)
        found = Found(
            "indirect", start, end, cue_range, subject, addressee, cue_token=cue.i, content_root=root.i
        )
        found.subject_span = _joined_subjects(subject)
        if not self._classify(found, first, last):
            return
        self.found.append(found)
        self.by_cue[cue.i] = found

    def _classify(self, found: Found, first: int, last: int) -> bool:
        """Direct, mixed or indirect, from the quotations the content overlaps."""
        overlapping = self.qindex.overlapping(found.start, found.end)
        if not overlapping:
            return sum(1 for t in self.doc[first : last + 1] if t.is_alpha or t.like_num) >= 1
        outside = [
            t
            for t in self.doc[first : last + 1]
            if (t.is_alpha or t.like_num)
            and self.qindex.token_quote[t.i] < 0
            and not (t.lower_ == "that" and t.dep_ == "mark")
        ]
        if not outside:
            # The content is the quotation(s): a direct statement of every quoted word.
            quotes = [self.quotes[i] for i in overlapping]
            found.type = "direct"
            found.start, found.end = quotes[0].start, quotes[-1].end
            found.quotes = overlapping
            if len(quotes) > 1:
                # Separate quotations make separate statements (marks excluded from each).
                found.start, found.end = quotes[-1].start, quotes[-1].end
                found.quotes = [overlapping[-1]]
                for i in overlapping[:-1]:
                    twin = Found(
                        "direct",
                        self.quotes[i].start,
                        self.quotes[i].end,
                        found.cue,
                        found.subject,
                        found.addressee,
                        cue_token=found.cue_token,
                        quotes=[i],
                    )
                    self.found.append(twin)
                    self.qindex.consumed.add(i)
            self.qindex.consumed.update(found.quotes)
            found.group = quotes[-1].group
            return True
        found.type = "mixed"
        for i in overlapping:
            q = self.quotes[i]
            found.start = min(found.start, q.mark_start)
            found.end = max(found.end, q.end if q.end >= found.end else found.end)
            self.qindex.consumed.add(i)
        found.quotes = overlapping
        return True

    # ------------------------------------------------------------------ nesting

    def resolve_nesting(self) -> None:
        """An attribution whose content is another attribution gives way to it (outer = according_to).

        A noun of thought or intention inside another report's content ("The IMF cited
        Britain's decision to leave the EU as ...") is part of what that source said, not a
        statement of its own (a noun of speech, "dismissed the mayor's claim that X", reports
        the mayor's words, as a nested verb of saying does).
        """
        if self.denied:
            self.found = [f for f in self.found if f.cue_token not in self.denied]
        reports = [f for f in self.found if not self._noun_cued(f)]
        for found in [f for f in self.found if self._noun_cued(f)]:
            cue = self.doc[found.cue_token] if found.cue_token is not None else None
            if cue is None or cue.lemma_.lower() in SPEECH_NOUNS:
                continue
            if any(r.start <= cue.idx < r.end for r in reports):
                self.found.remove(found)
        for outer in list(self.found):
            if outer.content_root is None or outer.floating:
                continue
            inner = self.by_cue.get(outer.content_root)
            if inner is None or inner is outer:
                continue
            inner_cue = self.doc[inner.cue_token] if inner.cue_token is not None else None
            inner_frame = cue_frame(inner_cue) if inner_cue is not None else None
            same_source = inner.subject is not None and (
                inner.subject == outer.subject or inner.subject.lower_ in _PERSONAL_PRONOUNS
            )
            outer_cue = self.doc[outer.cue_token] if outer.cue_token is not None else None
            believed = outer_cue is not None and outer_cue.lemma_.lower() in BELIEF_VERBS
            if (
                same_source
                or believed
                or not _reports_speech(inner_cue, inner_frame)
                or _unrealised(inner_cue)
            ):
                # "declined to threaten", "said he believes", "said she would discuss it",
                # "believe the prince ordered it": one source and no second report (a belief
                # about what another said is not a report of it), the outer report stands.
                inner.nested_in = outer
            else:
                # "the Kremlin said Putin told Macron that X": X is Putin's, reported by the Kremlin.
                inner.outer = outer
                outer.nested_in = inner
        self.found = [f for f in self.found if f.nested_in is None]
        for cue_index, outer, (cue, source, part, clause_head) in self._pending_outer:
            inner = self.by_cue.get(cue_index)
            inner_cue = (
                self.doc[inner.cue_token] if inner is not None and inner.cue_token is not None else None
            )
            inner_frame = cue_frame(inner_cue) if inner_cue is not None else None
            if inner is not None and inner.outer is None and inner in self.found:
                if _reports_speech(inner_cue, inner_frame) and not _unrealised(inner_cue):
                    inner.outer = outer
                    continue
                # "Clinton plans to visit ..., according to an aide": a plan is no second report.
                self.found.remove(inner)
                self._add(cue, source, None, part, clause_head, (cue.i, cue.i + 1))
            elif inner is None:
                # "According to police, officers saw Scott ...": "saw" reported nothing.
                self._add(cue, source, None, part, clause_head, (cue.i, cue.i + 1))

    # ------------------------------------------------------------------ pass 2: quotations

    def quote_pass(self) -> None:
        groups: dict[int, list[int]] = {}
        for i, q in enumerate(self.quotes):
            groups.setdefault(q.group, []).append(i)
        for members in groups.values():
            attributed = [i for i in members if i in self.qindex.consumed]
            if attributed:
                for i in members:
                    if i not in self.qindex.consumed:
                        self._floating(i, forced=True)
                continue
            attribution: Found | None = None
            carrier: int | None = None
            for i in reversed(members):
                q = self.quotes[i]
                if not q.continues:
                    attribution = self._trailing(i) or self._dash_credit(i)
                if attribution is None and not q.continued:
                    attribution = self._leading(i)
                if attribution is not None:
                    carrier = i
                    break
            if attribution is None:
                for n, i in enumerate(members):
                    self._floating(i, forced=n > 0)
                continue
            for i in members:
                if i == carrier:
                    self.found.append(attribution)
                else:
                    self._floating(i, forced=True)
                self.qindex.consumed.add(i)

    def _quote_found(
        self, i: int, cue: tuple[int, int] | None, subject: Token | None, cue_token: int | None
    ) -> Found:
        q = self.quotes[i]
        found = Found("direct", q.start, q.end, cue, subject, cue_token=cue_token, group=q.group, quotes=[i])
        if subject is not None:
            found.subject_span = _joined_subjects(subject)
        return found

    def _tokens_after(self, offset: int) -> list[Token]:
        span = self.doc.char_span(offset, offset, alignment_mode="expand")
        first = span.start if span is not None else None
        if first is None:
            return []
        return list(self.doc[first : min(len(self.doc), first + ADJACENT_WINDOW)])

    def _token_at_or_after(self, offset: int) -> int | None:
        i = bisect.bisect_left(self.token_starts, offset)
        return i if i < len(self.doc) else None

    def _trailing(self, i: int) -> Found | None:
        """``"...," X said`` / ``"...," said X`` / ``"..." X told Y on Friday.``"""
        q = self.quotes[i]
        first = self._token_at_or_after(q.mark_end)
        if first is None or self.paragraph_of(self.doc[first].idx) != self.paragraph_of(q.start):
            return None
        after = self.doc[first]
        if self.text[q.end - 1] == "." and after.is_title and after.pos_ not in ("PROPN", "PRON"):
            return None  # the quotation ended its sentence; what follows is a new one
        before = self._token_before(q.mark_start)
        if self._is_title(q) and before is not None and self.doc[before].pos_ in ("ADP", "DET", "VERB"):
            return None  # 'told "Morning Joe"', 'appeared on "Face the Nation," he said'
        for token in self.doc[first : min(len(self.doc), first + ADJACENT_WINDOW)]:
            if token.is_space and "\n" in token.text:
                return None
            if self._in_transcript[token.i]:
                return None
            if self.qindex.token_quote[token.i] >= 0 or token.text in _SENTENCE_END:
                return None
            frame = cue_frame(token)
            if frame is not None and frame.quote and token.pos_ == "VERB":
                subject = subject_of(token)
                span = None
                if subject is not None and self.qindex.token_quote[subject.i] >= 0:
                    # '"My reaction ...," the strategist said': the parse took a quoted word.
                    subject, span = self._subject_between(first, token.i)
                subject = subject or self._inverted_subject(token)
                if subject is None or self._is_reporter(subject):
                    return None
                found = self._quote_found(i, _cue_range(token), subject, token.i)
                if span is not None:
                    found.subject_span = span
                found.addressee = self._addressee(token, frame)
                return found
            if token.pos_ not in _BETWEEN_POS:
                return None
        return None

    def _subject_between(self, first: int, cue: int) -> tuple[Token | None, tuple[int, int] | None]:
        """The noun phrase between a quotation and its cue, and its token range."""
        words = [t for t in self.doc[first:cue] if not t.is_punct and not t.is_space]
        heads = [t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if not heads:
            return None, None
        return heads[-1], (words[0].i, words[-1].i + 1)

    def _inverted_subject(self, verb: Token) -> Token | None:
        """``said Maria Lopez``: the name right after the verb when the parse gave it no subject."""
        for token in self.doc[verb.i + 1 : verb.i + 5]:
            if token.pos_ in ("PROPN", "NOUN", "PRON") and not self.qindex.inside(token):
                head = token
                while (
                    head.head.i != head.i
                    and head.head.pos_ in ("PROPN", "NOUN")
                    and head.dep_ in ("compound", "amod")
                ):
                    head = head.head
                return head
            if token.is_punct:
                continue
            if token.pos_ not in ("DET", "ADJ", "ADV"):
                return None
        return None

    def _addressee(self, verb: Token, frame: CueFrame) -> Token | None:
        if frame.addressee_obj:
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and not self.qindex.inside(obj):
                return obj
        return _to_addressee(verb)

    def _leading(self, i: int) -> Found | None:
        """``X said: "..."`` / ``X told reporters, "..."``, and colon lead-ins at the end of a paragraph."""
        q = self.quotes[i]
        starts_paragraph = not self.text[
            self.paragraph_starts[self.paragraph_of(q.mark_start)] : q.mark_start
        ].strip()
        last = self._token_before(q.mark_start)
        if last is None:
            return None
        if starts_paragraph:
            # A colon lead-in closing the previous paragraph.
            while last is not None and self.doc[last].is_space:
                last = last - 1 if last > 0 else None
            if last is None or self.doc[last].text != ":":
                return None
        elif self.doc[last].pos_ in ("ADP", "DET") or self._is_title(q):
            return None  # 'said on "Fox and Friends"', 'wrote in "The Art of the Deal"': a title
        scanned = 0
        colon = False
        for token in reversed(self.doc[: last + 1]):
            scanned += 1
            if scanned > ADJACENT_WINDOW + 4:
                return None
            if token.is_space:
                if "\n" in token.text and not starts_paragraph:
                    return None
                continue
            if token.text == ":":
                colon = True
            if self.qindex.token_quote[token.i] >= 0 or token.text in _SENTENCE_END:
                break
            reported = self.by_cue.get(token.i) if colon else None
            if reported is not None and reported.subject is not None and reported in self.found:
                # "The court ruled, finding that A: "B"": the quotation after the colon is the
                # same source's, whatever the cue (a finding, a ruling) frames
                found = self._quote_found(i, reported.cue, reported.subject, token.i)
                found.subject_span = reported.subject_span
                return found
            if (
                colon
                and token.lower_ in ("read", "reads")
                and (token.pos_ != "VERB" or subject_of(token) is None)
            ):
                # "The summary of the ruling read in part:", with "read" tagged as a noun or
                # hung on the noun before it
                document = next(
                    (t for t in token.sent if t.i < token.i and t.lemma_.lower() in DOCUMENT_NOUNS), None
                )
                if document is not None:
                    found = self._quote_found(i, (token.i, token.i), document, token.i)
                    found.subject_span = (document.left_edge.i, token.i)
                    return found
            frame = cue_frame(token)
            if frame is not None and frame.quote and token.pos_ == "VERB":
                subject = subject_of(token) or self._inverted_subject(token)
                if subject is None or self._is_reporter(subject):
                    return None
                found = self._quote_found(i, _cue_range(token), subject, token.i)
                found.addressee = self._addressee(token, frame)
                return found
            if (
                token.pos_ in ("VERB", "AUX")
                and token.dep_ not in ("aux", "auxpass", "amod", "acl", "relcl")
                and not colon
            ):
                return None
        if colon:
            return self._colon_lead_in(i, last)
        return None

    def _colon_lead_in(self, i: int, colon_index: int) -> Found | None:
        """``Bolsonaro opposed Macron's statement: "..."``: the clause before the colon."""
        root = self.doc[colon_index].sent.root
        if root.pos_ not in ("VERB", "AUX") or root.i > colon_index or self.qindex.inside(root):
            return None
        subject = subject_of(root)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON") or self._is_reporter(subject):
            return None
        if subject.lower_ in ("it", "this", "there", "that", "i", "you", "we"):
            return None
        return self._quote_found(i, _cue_range(root), subject, root.i)

    def _token_before(self, offset: int) -> int | None:
        j = bisect.bisect_left(self.token_starts, offset) - 1
        while j >= 0 and self.doc[j].is_space:
            j -= 1
        return j if j >= 0 else None

    def _dash_credit(self, i: int) -> Found | None:
        """``"..." -John Smith`` at the end of a paragraph."""
        q = self.quotes[i]
        para = self.paragraph_of(q.mark_end)
        para_end = (
            self.paragraph_starts[para + 1] if para + 1 < len(self.paragraph_starts) else len(self.text)
        )
        rest = self.text[q.mark_end : para_end]
        match = _DASH_CREDIT.match(rest)
        if match is None:
            return None
        name_start = q.mark_end + match.end()
        tail = self.text[name_start:para_end]
        next_quote = next((x.mark_start for x in self.quotes if x.mark_start >= name_start), len(self.text))
        tail = tail[: max(0, next_quote - name_start)].rstrip()
        if len(tail.split()) > 12 or not tail:
            return None
        first = self._token_at_or_after(name_start)
        if first is None:
            return None
        head = self.doc[first]
        while head.dep_ in ("compound", "amod", "punct") and head.head.i > head.i:
            head = head.head
        dash = q.mark_end + match.start() + len(match.group(0)) - len(match.group(0).lstrip(" \t"))
        found = self._quote_found(i, None, head, None)
        found.cue_chars = (dash, dash + len(match.group(0).strip()))
        last = self._token_before(name_start + len(tail))
        if last is not None and last >= first:
            found.subject_span = (first, last + 1)
        found.subject_chars = (name_start, name_start + len(tail.rstrip(" .,;")))
        return found

    def _floating(self, i: int, forced: bool = False) -> None:
        """A quotation standing as its own sentence continues the previous speaker."""
        q = self.quotes[i]
        if not forced and not self._is_sentence(q):
            return
        words = [w for w in self.text[q.start : q.end].split() if any(ch.isalpha() for ch in w)]
        if forced and (len(words) < 3 or self.text[q.start] == "("):
            return  # "(CROSSTALK.)"
        found = self._quote_found(i, None, None, None)
        found.floating = True
        self.found.append(found)
        self.qindex.consumed.add(i)

    def _is_title(self, q: Quote) -> bool:
        """A quoted title ("Fox and Friends", "The Art of the Deal"): short, every main word capitalised."""
        words = [w for w in self.text[q.start : q.end].split() if w[0].isalpha()]
        if not words or len(words) > 8 or self.text[q.end - 1] in ".!?":
            return False
        main = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
        return bool(main) and all(w[0].isupper() for w in main) and (len(main) > 1 or len(words) == 1)

    def _is_sentence(self, q: Quote) -> bool:
        """Whether a quotation stands as one or more sentences (not a scare quote or a title)."""
        words = self.text[q.start : q.end].split()
        if len(words) < 4:
            return False
        alpha = [w for w in words if w[0].isalpha()]
        if alpha and sum(1 for w in alpha if w[0].isupper()) / len(alpha) > 0.7 and len(alpha) < 10:
            return False  # a title in title case
        span = self.doc.char_span(q.mark_start, q.mark_end, alignment_mode="expand")
        if span is None:
            return False
        sent_start = self.doc[span.start].sent.start
        sent_end = self.doc[span.end - 1].sent.end
        para = self.paragraph_of(q.start)
        outside = [
            t
            for t in self.doc[sent_start:sent_end]
            if (t.is_alpha or t.like_num)
            and self.qindex.token_quote[t.i] < 0
            and self.paragraph_of(t.idx) == para
        ]
        return len(outside) == 0

    def _is_reporter(self, subject: Token) -> bool:
        return subject.lemma_.lower() in REPORTER_NOUNS

    # ------------------------------------------------------------------ speakers

    def statements(self) -> list[Statement]:
        self._pending_outer: list[tuple[int, Found, tuple[Token, Token, list[Token], Token]]] = []
        self.transcript_pass()
        self.cue_pass()
        self.resolve_nesting()
        self.quote_pass()
        self.found.sort(key=lambda f: (f.start, f.end))
        resolver = SpeakerResolver(self.doc, self.registry, self.qindex.inside)
        out: list[Statement] = []
        previous: tuple[Found, SpeakerRef] | None = None
        seen: set[tuple[int, int]] = set()
        for found in self.found:
            if (found.start, found.end) in seen or found.end <= found.start:
                continue
            if found.floating:
                if previous is None:
                    continue
                prev_found, prev_ref = previous
                if self.paragraph_of(found.start) - self.paragraph_of(prev_found.start) > FLOATING_PARAGRAPHS:
                    continue
                speaker = SpeakerRef(name=prev_ref.name, entity=prev_ref.entity)
                statement = Statement(
                    found.type, self.text[found.start : found.end], found.start, found.end, None, speaker
                )
                out.append(statement)
                seen.add((found.start, found.end))
                previous = (found, prev_ref)
                continue
            if found.subject is None:
                continue
            span = self.doc[found.subject_span[0] : found.subject_span[1]] if found.subject_span else None
            resolved = resolver.resolve(found.subject, span)
            if (
                resolved.state is not None
                and resolved.state.kind == "person"
                and self._is_reporter(found.subject)
            ):
                continue
            speaker = self._ref(resolved)
            if found.subject_chars is not None:
                # "-John Smith": the credit as written, which may begin inside a token.
                start, end = found.subject_chars
                speaker.mention, speaker.start, speaker.end = self.text[start:end], start, end
                if resolved.state is None or len(resolved.name) < len(speaker.mention):
                    speaker.name = speaker.mention
            if not self._noun_cued(found):
                # A possessor ("Russia's demand") is no speaker a later "it" refers back to.
                resolver.note_speaker(resolved.state, found.subject.i)
            cue_text, cue_start, cue_end = self._cue(found)
            addressee = self._ref(resolver.resolve(found.addressee)) if found.addressee is not None else None
            according = None
            if found.outer is not None and found.outer.subject is not None:
                outer_resolved = resolver.resolve(found.outer.subject)
                according = self._ref(outer_resolved)
                resolver.note_speaker(outer_resolved.state, found.outer.subject.i)
            statement = Statement(
                type=found.type,
                content=self.text[found.start : found.end],
                start=found.start,
                end=found.end,
                cue=cue_text,
                speaker=speaker,
                addressee=addressee,
                according_to=according,
                cue_start=cue_start,
                cue_end=cue_end,
            )
            out.append(statement)
            seen.add((found.start, found.end))
            previous = (found, speaker)
        self.registry.finish()
        return out

    def _noun_cued(self, found: Found) -> bool:
        return found.cue_token is not None and self.doc[found.cue_token].pos_ == "NOUN"

    def _ref(self, resolved: Resolved) -> SpeakerRef:
        span = resolved.mention
        return SpeakerRef(
            name=resolved.name,
            mention=span.text,
            start=span.start_char,
            end=span.end_char,
            entity=resolved.state.entity.id if resolved.state is not None else None,
        )

    def _cue(self, found: Found) -> tuple[str | None, int | None, int | None]:
        chars = found.cue_chars
        if chars is not None:
            return self.text[chars[0] : chars[1]], chars[0], chars[1]
        if found.cue is None:
            return None, None, None
        first, last = found.cue
        start, end = _char_span(self.doc, first, last)
        return self.text[start:end], start, end


#: Cue candidates read per sentence; more are ignored (see ``Extractor.cue_pass``).
MAX_CUES_PER_SENTENCE = 40


def find_statements(doc: Doc) -> list[Statement]:
    """The attributed statements of the article, in reading order."""
    registry = doc._.ng_mentions
    if not isinstance(registry, ArticleEntities):
        registry = build_entities(doc)
        doc._.ng_mentions = registry
    statements = Extractor(doc, registry).statements()
    doc._.ng_entities = registry.entities
    return statements


@Language.component("newsgraph_statements")
def statements_component(doc: Doc) -> Doc:
    """Fill ``doc._.ng_statements`` (and add the speakers it found to ``doc._.ng_entities``)."""
    doc._.ng_statements = find_statements(doc)
    return doc
