"""Cue words: the verbs (and a few adjectives and phrases) that attribute content to a source.

Each cue lemma has a *frame*: which of its dependents hold the reported content. News
reports speech with a clause (``said that ...``), with a noun phrase (``denied the
report``, ``warned of retaliation``), with an infinitive (``urged the embassy to
reconsider``) or with a quotation; reported thoughts and intentions (``believes``,
``wants``, ``fears``) are attributions too (docs/ANNOTATION.md, PolNeAR). The lists are
general English reporting vocabulary, not words taken from any evaluation text.
"""

from __future__ import annotations

from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list (keeps long word lists readable)."""
    return frozenset(text.split())


@dataclass(frozen=True)
class CueFrame:
    """How a cue carries its content.

    ``clause``: a clausal complement (``said (that) ...``). ``obj``: a direct object noun
    phrase (``announced a coalition``). ``xcomp``: an infinitive (``vowed to ...``,
    ``urged X to ...``). ``preps``: prepositions whose object is the content (``warned
    of``, ``called for``). ``addressee_obj``: the direct/indirect object is who was told
    (``told Macron that``). ``quote``: the cue can introduce or close a direct quotation.
    """

    clause: bool = True
    obj: bool = False
    xcomp: bool = False
    preps: tuple[str, ...] = ()
    addressee_obj: bool = False
    quote: bool = True
    obj_needs_complement: bool = False
    #: Prepositions one of which must follow the object (``credited the press *with* ...``).
    obj_needs_prep: tuple[str, ...] = ()


_SPEECH = CueFrame()
_SPEECH_OBJ = CueFrame(obj=True)
_TELL = CueFrame(addressee_obj=True, xcomp=True)
_URGE = CueFrame(xcomp=True, addressee_obj=True)
_THOUGHT = CueFrame(quote=False)
_INTENT = CueFrame(xcomp=True, quote=False)
_EVIDENCE = CueFrame(obj=True, quote=False)

#: Verbs of saying that take a clause and may frame a quotation.
_SPEECH_VERBS = words(
    "say add state write tweet post explain insist argue assert contend maintain declare "
    "note observe remark comment reply respond answer retort counter continue conclude "
    "recall mention suggest predict complain "
    "protest lament boast joke quip muse testify exclaim shout yell scream whisper mutter "
    "chant affirm proclaim acknowledge admit concede confirm reveal disclose hint speculate "
    "caution opine agree concur estimate recount elaborate clarify counsel declare "
    "acknowledge summarize summarise sum observe specify "
    "disagree object rebut refute reason posit theorize theorise surmise infer imply "
    "confess attest vouch restate aver grumble scoff sneer retort relate narrate "
    "allude insinuate"
)

#: Verbs of saying that also report with a noun phrase (``announced a coalition``).
_SPEECH_OBJ_VERBS = words(
    "announce deny repeat claim allege report express voice cite describe propose "
    "recommend demand request dismiss condemn denounce criticize criticise praise "
    "welcome applaud decry dispute question defend justify predict promise pledge vow "
    "threaten order echo signal indicate attack blast slam lambast lambaste assail rebuke "
    "mock ridicule tout champion endorse oppose back highlight reference discuss debate "
    "liken compare acknowledge concede answer post charge hail laud fault bemoan deride favor "
    "embrace forecast calculate invoke brag mention suggest recall note "
    "deplore regret commend chide scold berate castigate excoriate portray depict "
    "characterize characterise term reaffirm recite document chronicle detail compliment "
    "downplay stress emphasize emphasise reiterate underline underscore"
)

#: Verbs whose object is the addressee (``told Macron that ...``).
_TELL_VERBS = words("tell inform assure remind notify brief")

#: Verbs that report a request with an addressee and an infinitive (``urged X to ...``).
_URGE_VERBS = words("urge ask advise invite encourage implore beg instruct direct")

#: Verbs of thinking and feeling: reported thoughts are attributions too.
_THOUGHT_VERBS = words(
    "believe think fear hope expect feel know worry suspect doubt assume reckon guess "
    "realize realise recognize recognise consider understand imagine anticipate "
    "find conclude discover notice perceive presume suppose figure"
)

#: Verbs of belief: what their content reports someone said is only believed, not reported
#: ("Agencies believe the prince ordered the killing": the agencies' belief, not his order).
BELIEF_VERBS = words(
    "believe think fear hope expect feel worry suspect doubt assume reckon guess imagine "
    "anticipate presume suppose"
)

#: Verbs of wanting and intending, with an infinitive or a clause.
_INTENT_VERBS = words("want wish plan intend aim seek prefer refuse decline")

#: Evidence that "shows" something: polls, studies, reports, data.
_EVIDENCE_VERBS = words("show demonstrate prove")

CUE_FRAMES: dict[str, CueFrame] = {}
# A verb in two lists takes the frame of the later one.
for _verbs, _frame in (
    (_EVIDENCE_VERBS, _EVIDENCE),
    (_INTENT_VERBS, _INTENT),
    (_THOUGHT_VERBS, _THOUGHT),
    (_SPEECH_VERBS, _SPEECH),
    (_SPEECH_OBJ_VERBS, _SPEECH_OBJ),
    (_URGE_VERBS, _URGE),
    (_TELL_VERBS, _TELL),
):
    CUE_FRAMES.update(dict.fromkeys(_verbs, _frame))

# Cues whose content follows a preposition, and a few with special frames.
CUE_FRAMES.update(
    {
        "warn": CueFrame(obj=False, xcomp=True, preps=("of", "about", "against"), addressee_obj=True),
        "speak": CueFrame(clause=False, preps=("of", "about"), quote=True),
        "talk": CueFrame(clause=False, preps=("about", "of"), quote=True),
        "call": CueFrame(
            clause=False, obj=True, xcomp=True, preps=("for", "on"), quote=False, obj_needs_complement=True
        ),
        "label": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "brand": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "dub": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "point": CueFrame(clause=False, preps=("to",), quote=False),
        "read": CueFrame(clause=False),  # '"...," the letter reads': with a quotation only
        "ask": CueFrame(xcomp=True, addressee_obj=True, preps=("for", "about")),
        "want": CueFrame(obj=True, xcomp=True, quote=False),
        "prefer": CueFrame(obj=True, xcomp=True, quote=False),
        "accuse": CueFrame(clause=False, obj=True, preps=("of",), quote=True),
        "blame": CueFrame(clause=False, obj=True, preps=("for",), quote=False),
        "attribute": CueFrame(clause=False, obj=True, quote=False),
        "complain": CueFrame(preps=("about", "of"), quote=True),
        "agree": CueFrame(xcomp=True, quote=True),
        "promise": CueFrame(obj=True, xcomp=True, quote=True),
        "pledge": CueFrame(obj=True, xcomp=True, quote=True),
        "vow": CueFrame(obj=True, xcomp=True, quote=True),
        "threaten": CueFrame(obj=True, xcomp=True, quote=True),
        "demand": CueFrame(obj=True, xcomp=True, quote=True),
        "propose": CueFrame(obj=True, xcomp=True, quote=True),
        "decide": CueFrame(xcomp=True, quote=False),
        "find": CueFrame(obj=True, quote=False, obj_needs_complement=True),
        "consider": CueFrame(obj=True, quote=False, obj_needs_complement=True),
        "deem": CueFrame(obj=True, quote=False, obj_needs_complement=True),
        "offer": CueFrame(clause=False, xcomp=True, quote=False),
        "see": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "view": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "regard": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "apologize": CueFrame(clause=False, preps=("for",), quote=False),
        "apologise": CueFrame(clause=False, preps=("for",), quote=False),
        "advocate": CueFrame(clause=False, obj=True, preps=("for",), quote=False),
        "push": CueFrame(clause=False, preps=("for",), quote=False),
        "press": CueFrame(clause=False, xcomp=True, preps=("for",), quote=False),
        "insist": CueFrame(preps=("on",)),
        "support": CueFrame(clause=False, obj=True, quote=False),
        "rule": CueFrame(quote=False),
        "determine": CueFrame(quote=False),
        "learn": CueFrame(quote=False),
        "hear": CueFrame(quote=False),
        "remember": CueFrame(quote=False),
        "sense": CueFrame(quote=False),
        "plead": CueFrame(xcomp=True, preps=("for",)),
        "appeal": CueFrame(clause=False, xcomp=True, preps=("for",), quote=False),
        "judge": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "paint": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "cast": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "rail": CueFrame(clause=False, preps=("against", "at")),
        "rate": CueFrame(clause=False, obj=True, quote=False, obj_needs_complement=True),
        "credit": CueFrame(clause=False, obj=True, quote=False, obj_needs_prep=("with", "for")),
    }
)

#: Cues of agreement and doubt: negated, they still report a stance ("did not agree that ...").
_STANCE_CUES = words("agree concur disagree object doubt")

#: Cues whose report a negation cancels: "did not say he had ordered it", "the Senate did not
#: find that ...", "No group claimed ...": nothing was said or found. (Negated thoughts and
#: intentions, "does not believe that ...", "did not want to ...", are still reported.)
NEGATION_CANCELS = (
    _SPEECH_VERBS
    | _SPEECH_OBJ_VERBS
    | _TELL_VERBS
    | words("find conclude rule determine show prove discover")
) - _STANCE_CUES

#: Cues that take a clause only when they have a subject naming a source of words.
WEAK_CUES = frozenset(
    {
        "find",
        "conclude",
        "show",
        "continue",
        "add",
        "note",
        "know",
        "understand",
        "consider",
        "discover",
        "notice",
        "figure",
        "relate",
    }
)

#: Phrasal verbs of saying, by (verb lemma, particle): "pointed out that ...", "spoke out against ...".
PHRASAL_CUE_FRAMES: dict[tuple[str, str], CueFrame] = {
    ("point", "out"): _SPEECH_OBJ,
    ("spell", "out"): _SPEECH_OBJ,
    ("find", "out"): _THOUGHT,
    ("speak", "out"): CueFrame(clause=False, preps=("against", "about", "on", "for")),
    ("speak", "up"): CueFrame(clause=False, preps=("for", "about", "against")),
    ("call", "out"): CueFrame(clause=False, obj=True, preps=("for",), quote=False),
    ("lash", "out"): CueFrame(clause=False, preps=("at", "against")),
    ("hit", "back"): CueFrame(clause=False, preps=("at",)),
    ("fire", "back"): CueFrame(clause=False, preps=("at",)),
    ("weigh", "in"): CueFrame(clause=False, preps=("on",)),
    ("rule", "out"): CueFrame(clause=False, obj=True, quote=False),
    ("play", "down"): CueFrame(clause=False, obj=True, quote=False),
}

#: Verbs of stance that also describe a standing allegiance ("militias which support the PKK").
STANCE_VERBS = frozenset(words("support back oppose endorse favor favour embrace champion advocate reject"))

#: Adjectives that report a belief with a clause (``was confident that ...``).
BELIEF_ADJECTIVES = frozenset(
    {"sure", "confident", "convinced", "certain", "adamant", "hopeful", "optimistic", "worried", "afraid"}
)

#: Adjectives of stance whose prepositional object is what the subject thinks or feels about
#: (``was critical of the plan``, ``is concerned about the cuts``).
STANCE_ADJECTIVES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(words("critical skeptical sceptical wary dismissive supportive proud"), ("of",)),
    **dict.fromkeys(words("concerned worried optimistic pessimistic hopeful anxious"), ("about", "over")),
    **dict.fromkeys(words("angry furious upset frustrated"), ("about", "over", "at")),
}

#: Adjectives of intention with an infinitive (``is willing to talk``, ``was reluctant to act``).
INTENT_ADJECTIVES = frozenset(words("willing unwilling eager keen determined reluctant loath"))

#: Nouns whose possessor is a source (``the Kremlin's readout``): documents and speech.
DOCUMENT_NOUNS = frozenset(
    {
        "readout",
        "statement",
        "report",
        "letter",
        "communique",
        "communiqué",
        "release",
        "memo",
        "tweet",
        "post",
        "message",
        "announcement",
        "declaration",
        "transcript",
        "website",
        "account",
        "summary",
        "ruling",
        "judgment",
        "judgement",
        "verdict",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "representative",
    }
)

#: Sources whose questions are not statements: a question a reporter asks is no attribution.
REPORTER_NOUNS = frozenset(
    {"reporter", "journalist", "interviewer", "correspondent", "host", "moderator", "anchor", "questioner"}
)

#: Prepositional cues that put the source in their object (``according to X``).
ACCORDING_CUES = ("according to",)


@dataclass(frozen=True)
class NounCueFrame:
    """How a noun of speech or thought carries its content: ``his claim that ...``.

    ``clause``: a "that" clause (``the claim that X``). ``infinitive``: a "to" clause
    (``his promise to X``). ``preps``: prepositions whose object is the content
    (``allegations of fraud``, ``his comments about X``).
    """

    clause: bool = True
    infinitive: bool = False
    preps: tuple[str, ...] = ()
    needs_speech_verb: bool = False  # "issued a call for", not "rejected his demand for"


_NOUN_CLAUSE = NounCueFrame()
_NOUN_ABOUT = NounCueFrame(preps=("about", "of", "on", "over"))
_NOUN_PROMISE = NounCueFrame(infinitive=True, preps=("of",))
_NOUN_INTENT = NounCueFrame(clause=False, infinitive=True)
_NOUN_REQUEST = NounCueFrame(infinitive=True, preps=("for",), needs_speech_verb=True)

#: Nouns that report speech, thoughts or intentions, with the content their frame names.
#: They are attributions only with a source in view (a possessor, "by X", or the subject of
#: a light verb: "X expressed hope that ..."), never on their own ("the claim that ...").
NOUN_CUE_FRAMES: dict[str, NounCueFrame] = {
    **dict.fromkeys(
        words("""
            assertion charge argument contention insistence
            suggestion assurance admission acknowledgment acknowledgement denial announcement
            statement prediction belief view opinion conviction conclusion finding assessment
            estimate expectation suspicion theory position stance notion idea emphasis
            observation testimony point message
            """),
        _NOUN_CLAUSE,
    ),
    **dict.fromkeys(words("comment remark criticism complaint praise"), _NOUN_ABOUT),
    **dict.fromkeys(words("claim allegation accusation"), NounCueFrame(preps=("about", "of"))),
    **dict.fromkeys(words("concern worry fear doubt hope"), NounCueFrame(preps=("about", "over", "of"))),
    **dict.fromkeys(words("promise pledge vow threat"), _NOUN_PROMISE),
    **dict.fromkeys(words("commitment determination decision refusal intention plan bid"), _NOUN_INTENT),
    **dict.fromkeys(words("call demand request appeal plea"), _NOUN_REQUEST),
    "proposal": NounCueFrame(infinitive=True, preps=("for",)),
    "warning": NounCueFrame(infinitive=True, preps=("of", "about", "against")),
    "recommendation": NounCueFrame(infinitive=True),
    "desire": NounCueFrame(infinitive=True, preps=("for",)),
    "wish": NounCueFrame(infinitive=True, preps=("for",)),
}

#: Nouns of cue that report words (the others report thoughts, plans and decisions).
SPEECH_NOUNS = frozenset(
    words("""
        claim assertion allegation accusation charge argument contention insistence suggestion
        assurance admission acknowledgment acknowledgement denial announcement statement
        prediction comment remark criticism complaint praise promise pledge vow threat warning
        call demand request appeal plea proposal testimony message observation recommendation
        """)
)

#: Verbs whose object noun carries their subject's speech or thought ("expressed hope that ...").
LIGHT_VERBS = frozenset(
    words("make issue express voice offer give repeat reiterate hold share raise renew deliver sound level")
)
