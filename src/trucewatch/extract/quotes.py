"""Quote records: who said what, in quotation marks or in reported speech.

Three kinds of speech act are found, in this order, on the dependency parse:

1. reported speech: a speech verb from the cue lexicon
   (``trucewatch/data/speech_cues.yaml``) with a clausal complement
   (``Israel said it was sending a team``); quoted words inside the clause
   make it ``partial`` (``had “redrawn the map”``);
2. ``according to X``: the clause the phrase is attached to, X the speaker;
3. direct quotations: text between quotation marks (curly, straight, single,
   guillemets; a paragraph that opens a quote and does not close it runs on
   into the next one that opens with a mark). The speaker is the subject of
   the nearest speech verb outside the marks in the same sentences; a quoted
   fragment needs a speech verb above it in the parse (``hailed ... as
   “testimony ...”``), otherwise it is a scare quote and no speech at all.

Speakers are resolved in text order: a pronoun (``he said``) takes the last
speaker of its kind, a name takes its entity's canonical form, anything else
(``Netanyahu’s office``) stays as written. A quotation without an
attribution keeps ``speaker`` null: never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from trucewatch.data import read_yaml
from trucewatch.extract.actors import AliasTable
from trucewatch.extract.layout import heading_spans, paragraph_spans
from trucewatch.extract.records import Entity, Quote, doc_text
from trucewatch.extract.speakers import (
    information_nouns,
    mention_of,
    not_sources,
    resolve_speakers,
    subject_of,
)
from trucewatch.extract.timex import timex_for_token

_PAIRS = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“", "'": "'"}
_SINGLE = {"‘", "'"}
_TRIM = set(",.;:–—- \n\t")


@dataclass(frozen=True)
class Cues:
    reporting: frozenset[str]
    quoting: frozenset[str]

    @cached_property
    def any(self) -> frozenset[str]:
        return self.reporting | self.quoting


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    data = read_yaml(
        resources.files("trucewatch.data").joinpath("speech_cues.yaml").read_text("utf-8")
    )
    return Cues(frozenset(data["reporting"]), frozenset(data["quoting"]))


@dataclass
class Marks:
    """One quoted stretch: ``start``/``end`` the content, ``open``/``close`` the marks."""

    open: int
    close: int | None  # None: the quote runs on past the paragraph's end
    start: int
    end: int
    continues: bool = False  # carries on an unclosed quote from the paragraph before
    paragraph: int = 0

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


@dataclass
class Act:
    """A speech act before its speaker is resolved."""

    start: int
    end: int
    direct: bool
    partial: bool
    cue: Token | None
    cue_span: tuple[int, int] | None
    cue_lemma: str | None
    subject: Token | None
    mention: Span | None
    evidence: tuple[int, int]
    inherit_from: Act | None = None
    speaker: str | None = None
    speaker_is_person: bool = False


def quotation_marks(body: str) -> list[Marks]:
    """Every quoted stretch in the body, paragraph by paragraph."""
    found: list[Marks] = []
    for number, (p_start, p_end) in enumerate(paragraph_spans(body)):
        run_on = bool(found) and found[-1].close is None
        i = p_start
        while i < p_end:
            char = body[i]
            if char in _PAIRS and is_opening(body, i):
                close = find_closing(body, i, p_end)
                continues = run_on and i == p_start
                end = close if close is not None else p_end
                start, stop = trimmed(body, i + 1, end)
                if stop > start:
                    found.append(Marks(i, close, start, stop, continues, number))
                if close is None:
                    break
                i = close + 1
            else:
                i += 1
    return found


def is_opening(body: str, i: int) -> bool:
    before = body[i - 1] if i > 0 else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    if after.isspace():
        return False
    if body[i] in _SINGLE or body[i] == '"':
        return not before.isalnum()  # not an apostrophe or a closing mark
    return True


def find_closing(body: str, i: int, limit: int) -> int | None:
    closer = _PAIRS[body[i]]
    j = i + 1
    while j < limit:
        if body[j] == closer:
            after = body[j + 1] if j + 1 < limit else " "
            # In single quotes, ’ followed by a letter is an apostrophe (Israel’s).
            if body[i] not in _SINGLE or not after.isalpha():
                return j
        j += 1
    return None


def trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1] in _TRIM:
        end -= 1
    return start, end


def extract_quotes(
    doc: Doc, document, entities: list[Entity], aliases: AliasTable, cues: Cues | None = None
) -> list[Quote]:
    cues = cues or default_cues()
    body = document.body
    headings = heading_spans(body)
    marks = [
        m
        for m in quotation_marks(body)
        if not any(
            a <= m.open
            and m.outer_end <= b
            and body[a:b].strip() == body[m.open : m.outer_end].strip()
            for a, b in headings
        )
    ]
    inside_marks = [(m.open, m.outer_end) for m in marks]

    def quoted(token: Token) -> bool:
        return any(a <= token.idx < b for a, b in inside_marks)

    acts = reported_speech(doc, cues, quoted, inside_marks)
    # "according to" in someone's quoted words, or in words a speaker introduces, is part
    # of what they say ("Zelenskyy added that, according to military reports, ..."); not
    # in words a trailing "the agency said" ends ("killed 8,200, according to the
    # ministry, and drove out 1.1 million, the agency said")
    told = [(a.start, a.end) for a in acts if a.cue.idx < a.start]
    acts += [
        a
        for a in according_to(doc, cues)
        if not quoted(a.cue) and not any(x <= a.cue.idx < y for x, y in told)
    ]
    covered = [(a.start, a.end) for a in acts]
    previous: tuple[Marks, Act] | None = None
    paragraphs = paragraph_spans(body)
    for m in marks:
        if any(a <= m.start and m.end <= b for a, b in covered):
            for act in acts:  # quoted words inside reported speech
                if act.start <= m.start and m.end <= act.end and not act.direct:
                    act.partial = True
            continue
        # “A,” he said. “B.” and quotes running on over paragraphs: B is the same speaker's;
        # so is a paragraph that is one bare quote after a paragraph of quoted speech.
        same_speech = previous is not None and (
            m.continues
            or previous[0].paragraph == m.paragraph
            or (
                previous[0].paragraph == m.paragraph - 1
                and previous[1].direct
                and _whole_paragraph(body, m, paragraphs[m.paragraph])
            )
        )
        continued = previous[1] if same_speech else _told_just_before(acts, m, body, paragraphs)
        act = direct_quote(doc, m, cues, quoted, continued)
        if act is None:
            continue
        if m.continues and previous is not None and act.cue is not None:
            first = previous[1]
            if first.cue is None and first.inherit_from is None:
                first.inherit_from = act  # the attribution came in a later paragraph
        acts.append(act)
        previous = (m, act)
    acts.sort(key=lambda a: a.start)
    for act in acts:
        if act.subject is None and act.cue is None and act.inherit_from is None:
            _from_the_source_line(act, doc, body, paragraphs)
    if document.dateline is not None:
        lead = lead_end(body, document.dateline)
        for act in acts:
            _past_the_dateline(act, document.dateline, lead)
    resolve_speakers(acts, doc, entities, aliases, quoted)
    lead = lead_end(body, document.dateline)
    for act in acts:
        if lead is not None and act.start < lead <= act.end:
            act.start = (
                lead  # "SANAA: The exchange was delayed, according to ...": not the dateline
            )
    return [to_record(act, doc, document, utterance_date(doc, act, document.date)) for act in acts]


def _told_just_before(acts: list[Act], m: Marks, body: str, paragraphs) -> Act | None:
    """ "Zelensky said most of the men had defended the port." then a paragraph that is
    one bare quote: the quote goes on with what the paragraph before reported him saying."""
    if m.paragraph == 0 or not _whole_paragraph(body, m, paragraphs[m.paragraph]):
        return None
    start, end = paragraphs[m.paragraph - 1]
    told = sorted((a for a in acts if start <= a.start < end), key=lambda a: a.start)
    if told and not told[-1].direct and told[-1].subject is not None:
        return told[-1]
    return None


_QUOTE_LABELS = ("quote:", "quote :")
_SOURCE_LABELS = ("source:", "source :", "sources:")


def _from_the_source_line(act: Act, doc: Doc, body: str, paragraphs) -> None:
    """ "Source: President Volodymyr Zelenskyy on Telegram" ... "Quote: ...": a page laid
    out with labels names the speaker of its quote paragraph in the source line above."""
    here = next((i for i, (a, b) in enumerate(paragraphs) if a <= act.start < b), None)
    if here is None or not body[paragraphs[here][0] : act.start].strip().lower().startswith(
        _QUOTE_LABELS
    ):
        return
    for start, end in reversed(paragraphs[max(0, here - 3) : here]):
        if not body[start:end].lstrip().lower().startswith(_SOURCE_LABELS):
            continue
        named = [e for e in doc.ents if start <= e.start_char < end]
        named = [e for e in named if e.label_ == "PERSON"] or [
            e for e in named if e.label_ in ("ORG", "GPE", "NORP")
        ]
        if named:
            act.subject = named[0].root
            act.mention = named[0]
        return


def _whole_paragraph(body: str, m: Marks, paragraph: tuple[int, int]) -> bool:
    """The quote is all its paragraph holds (a closing full stop aside)."""
    start, end = paragraph
    if body[start:end].lstrip()[:1] != body[m.open] or len(body[start : m.open].strip()):
        return False
    return m.close is None or body[m.close + 1 : end].strip() in ("", ".")


def _past_the_dateline(act, dateline, lead: int | None) -> None:
    """The place of reporting says nothing; the parse may make it the subject and the
    speaker its apposition ("Kyiv, Ukraine - Ukraine and Russia said ...")."""
    subject = act.subject
    if subject is None or not dateline.start <= subject.idx < dateline.end:
        return
    after = [c for c in subject.children if c.dep_ in ("appos", "conj") and c.idx >= (lead or 0)]
    act.subject = after[0] if after else None
    act.mention = mention_of(act.subject)
    if act.mention is not None and lead is not None:
        doc = act.mention.doc
        words = [t for t in act.mention if t.idx >= lead]  # not the dateline's region
        act.mention = doc[words[0].i : act.mention.end] if words else None


# What follows a dateline's place before the report's first word: ", Yemen", ", April
# 14", " (AP)", then ":" or a dash.
_AFTER_PLACE = re.compile(r"(?:,[^:\n–—]{0,40}?)?\s*(?:\([^)\n]{0,30}\))?\s*(?::|[-–—]{1,2})\s*")


def lead_end(body: str, dateline) -> int | None:
    """Where the report's first sentence starts after its dateline, if it has one."""
    if dateline is None:
        return None
    match = _AFTER_PLACE.match(body, dateline.end)
    return match.end() if match else None


def utterance_date(doc: Doc, act: Act, reference) -> dt.date | None:
    """When the words were said, where the cue carries a date (``Trump said Sunday``)."""
    if act.cue is None or act.cue_lemma == "according to":
        return None
    timex = timex_for_token(doc, act.cue, reference)
    return timex.date if timex is not None else None


def reported_speech(doc: Doc, cues: Cues, quoted, marks: list[tuple[int, int]]) -> list[Act]:
    acts = []
    for token in doc:
        if token.lemma_ not in cues.reporting or token.pos_ not in ("VERB", "AUX") or quoted(token):
            continue
        complements = [c for c in token.children if c.dep_ == "ccomp"]
        if not complements or any(c.dep_ == "neg" for c in token.children):
            continue  # "did not explain why": nothing said
        left = min(c.left_edge.i for c in complements)
        right = max(c.right_edge.i for c in complements)
        if left <= token.i <= right:
            continue
        # "12.15pm: “I waited ...,” says Lina Aros": a label before a colon or a
        # dash is not what was said, whatever the parse hung it on.
        for i in range(min(c.i for c in complements) - 1, left - 1, -1):
            if doc[i].text in (":", "—", "–"):
                left = i + 1
                break
        if is_complementizer(doc, left, token):
            left += 1
        subject = subject_of(_speaking_on(token, cues))
        trailing = _trailing_speaker(doc, left, right) if subject is None else None
        if trailing is not None and right + 1 == token.i:
            subject, right = trailing, trailing.left_edge.i - 2  # before its comma
        start, end = trimmed(doc_text(doc), doc[left].idx, doc[right].idx + len(doc[right]))
        if end <= start or only_quoted(doc_text(doc), start, end, marks):
            continue  # the complement is a direct quotation: handled with the marks
        if any(a < start < b < end or start < a < end < b for a, b in marks):
            # '“... this period,” Putin announced, AP reported': a complement that runs
            # out of a quotation carries that quotation's own attribution; the outer
            # verb only relays it
            continue
        acts.append(
            Act(
                start=start,
                end=end,
                direct=False,
                partial=False,
                cue=token,
                cue_span=(token.idx, token.idx + len(token)),
                cue_lemma=token.lemma_,
                subject=subject,
                mention=mention_of(subject),
                evidence=sentence_bounds(doc, [token, doc[left], doc[right]]),
            )
        )
    return acts


def _speaking_on(cue: Token, cues: Cues) -> Token:
    """ "The army said that 11 prisoners will be freed, saying there had been a change":
    the parse may hang the participle on what was said; its speaker is the one who said
    it."""
    said = cue.head.head
    if (
        cue.tag_ == "VBG"
        and cue.dep_ == "advcl"
        and cue.head.dep_ == "ccomp"
        and said.lemma_ in cues.reporting
    ):
        return said
    return cue


def _trailing_speaker(doc: Doc, left: int, right: int) -> Token | None:
    """ "..., the International Committee of the Red Cross (ICRC) said": the parse may
    hang the speaker on the complement as an apposition, leaving the cue no subject. The
    named apposition after a comma that ends the complement is the speaker."""
    for token in doc[left : right + 1]:
        if (
            token.dep_ == "appos"
            and token.right_edge.i == right
            and token.left_edge.i - 2 > left
            and doc[token.left_edge.i - 1].text == ","
            and token.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
        ):
            return token
    return None


def is_complementizer(doc: Doc, i: int, cue: Token) -> bool:
    """``said that ...``: the small model sometimes parses this "that" as a subject
    ("that talks were"), so only "that is/was ..." keeps it as a pronoun."""
    word = doc[i].lower_
    if word in ("whether", "if"):
        return True
    return word == "that" and i > cue.i and i + 1 < len(doc) and doc[i + 1].pos_ != "AUX"


def only_quoted(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> bool:
    """True when nothing but punctuation lies outside the quotation marks in the span."""
    marks = [(a, b) for a, b in marks if a < end and start < b]  # only those in the span
    outside = [
        c for i, c in enumerate(text[start:end], start) if not any(a <= i < b for a, b in marks)
    ]
    return not any(c.isalnum() for c in outside)


def _origin(source: Token) -> Token:
    """ "information from the Red Cross" -> the Red Cross; "figures released by the
    ministry" -> the ministry: the source is who the information comes from."""
    if source.lemma_.lower() not in information_nouns():
        return source
    for child in source.children:
        preps = [child] if child.dep_ == "prep" else []
        preps += (
            [g for g in child.children if g.dep_ in ("prep", "agent")]
            if child.dep_ == "acl"
            else []
        )
        for prep in preps:
            if prep.lower_ in ("from", "by"):
                origin = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if origin is not None:
                    return origin
    return source


def according_to(doc: Doc, cues: Cues) -> list[Act]:
    acts = []
    for token in doc[:-1]:
        if token.lower_ != "according" or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None or (
            source.lemma_.lower() in not_sources()
            and source.pos_ != "PROPN"
            and not source.ent_type_
        ):
            continue  # "if all goes according to plan": nobody speaks
        sentence = token.sent
        phrase_end = source.right_edge.i + 1
        source = _origin(source)
        if token.i == sentence.start or doc[token.i - 1].is_sent_start:
            first, last = phrase_end, sentence.end - 1  # "According to X, ..."
            while first < last and doc[first].is_punct:
                first += 1  # not the comma after the source
        else:
            first, last = sentence.start, token.i - 1  # "..., according to X."
            before = [a for a in acts if a.cue.sent == sentence and a.cue.i < token.i]
            if before:
                # "killed 8,200, according to the ministry, and displaced 1.1 million,
                # according to the agency": each source says what follows the one before
                first = max(before[-1].subject.right_edge.i, before[-1].cue.i + 1) + 1
                while first < last and (doc[first].is_punct or doc[first].dep_ == "cc"):
                    first += 1
        if first > last:
            continue  # "According to X" ending the report: nothing reported (atheris)
        start, end = trimmed(doc_text(doc), doc[first].idx, doc[last].idx + len(doc[last]))
        if end <= start:
            continue
        acts.append(
            Act(
                start=start,
                end=end,
                direct=False,
                partial=False,
                cue=token,
                cue_span=(token.idx, to.idx + len(to)),
                cue_lemma="according to",
                subject=source,
                mention=mention_of(source),
                evidence=sentence_bounds(doc, [token]),
            )
        )
    return acts


def direct_quote(doc: Doc, m: Marks, cues: Cues, quoted, previous: Act | None) -> Act | None:
    """A quotation and its attribution; ``previous`` is the quote it continues, if any."""
    content = doc.char_span(m.start, m.end, alignment_mode="expand")
    if content is None:
        return None
    first = doc[content.start].sent
    last = doc[content.end - 1].sent
    if m.close is not None and last.end < len(doc) and last.end_char <= m.close + 1:
        # “It is finished!” one young man shouted: the parser ends the sentence at the
        # mark, but a lower-case word after it carries the attribution on.
        following = doc[last.end]
        if following.is_lower:
            last = following.sent
    window = doc[first.start : last.end]
    candidates = [t for t in cue_verbs(doc, cues, first.start, last.end) if not quoted(t)]
    cue = min(
        candidates, key=lambda t: min(abs(t.idx - m.open), abs(t.idx - m.outer_end)), default=None
    )
    fragment = embedded(doc_text(doc), m)
    if fragment:
        cue = governing_cue(content, cues)
        if cue is None:
            return None  # a scare quote or a title: not speech
    inherit = previous if cue is None else None
    subject = subject_of(cue) if cue is not None else None
    evidence = (window.start_char, window.end_char)
    return Act(
        start=m.start,
        end=m.end,
        direct=True,
        partial=fragment,
        cue=cue,
        cue_span=(cue.idx, cue.idx + len(cue)) if cue is not None else None,
        cue_lemma=cue.lemma_ if cue is not None else None,
        subject=subject,
        mention=mention_of(subject),
        evidence=trim_evidence(doc_text(doc), evidence),
        inherit_from=inherit,
    )


def cue_verbs(doc: Doc, cues: Cues, start: int, end: int) -> list[Token]:
    """Speech verbs among ``doc[start:end]``; the doc's are found once, so a
    sentence holding thousands of quotation marks is not scanned once per mark."""
    found = doc.user_data.get("trucewatch_cue_verbs")
    if found is None or found[0] is not cues:
        verbs = [t.i for t in doc if t.lemma_ in cues.any and t.pos_ in ("VERB", "AUX")]
        found = doc.user_data["trucewatch_cue_verbs"] = (cues, verbs)
    positions = found[1]
    return [doc[i] for i in positions[bisect_left(positions, start) : bisect_left(positions, end)]]


def embedded(text: str, m: Marks) -> bool:
    """A quoted fragment runs on from a word (``as “testimony``, ``to “clean out”``);
    a whole quotation starts a sentence or follows a colon or comma."""
    before = text[: m.open].rstrip()
    return bool(before) and before[-1].isalnum()


def governing_cue(content: Span, cues: Cues) -> Token | None:
    """A speech verb above the quoted words in the parse, within their sentence."""
    token = content.root
    sentence = token.sent
    while token.head.i != token.i and sentence.start <= token.head.i < sentence.end:
        token = token.head
        if token.lemma_ in cues.any and token.pos_ in ("VERB", "AUX"):
            return token
    return None


def sentence_bounds(doc: Doc, tokens: list[Token]) -> tuple[int, int]:
    start = min(t.sent.start_char for t in tokens)
    end = max(t.sent.end_char for t in tokens)
    return trim_evidence(doc_text(doc), (start, end))


def trim_evidence(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_record(act: Act, doc: Doc, document, date: dt.date | None) -> Quote:
    ev_start, ev_end = act.evidence
    mention = act.mention
    return Quote(
        doc=document.id,
        doc_date=document.date,
        start=act.start,
        end=act.end,
        evidence=doc_text(doc)[ev_start:ev_end],
        evidence_start=ev_start,
        evidence_end=ev_end,
        content=doc_text(doc)[act.start : act.end],
        direct=act.direct,
        partial=act.partial,
        speaker=act.speaker,
        # From the stored body, as content is: the parse saw long runs broken by
        # spaces (nlp.parse_text), so mention.text may differ (found by fuzzing).
        speaker_mention=doc_text(doc)[mention.start_char : mention.end_char]
        if mention is not None
        else None,
        speaker_start=mention.start_char if mention is not None else None,
        speaker_end=mention.end_char if mention is not None else None,
        cue=act.cue_lemma,
        cue_start=act.cue_span[0] if act.cue_span else None,
        cue_end=act.cue_span[1] if act.cue_span else None,
        date=date,
    )
