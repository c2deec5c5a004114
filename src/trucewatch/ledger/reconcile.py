"""Promised against delivered: an agreement spec and figure records in, a ledger out.

Figures (``claim`` records) arrive as the store or ``extract`` gives them:
dicts with ISO dates. For each obligation the ledger keeps the figures that
measure it (its categories, ``modality == "reported"``, known on or before
the as-of date, inside the phase), and, when another obligation of the phase
counts the same thing, only the party's own (``counts_for``: who frees them,
whose people they are, each side's or both sides'). Figures are evidence:
each independent report votes once per value (a near-duplicate votes as the
report it repeats, ``report_of``), and two kinds of statement are reconciled:

- **running totals** (``cumulative``: "18 hostages have been freed so far"):
  per day the value most reports give; over days they never go down (a later
  lower total is a ``decrease`` conflict unless more reports so far give it);
  a lone total below exchanges that more reports agree on gives way to them;
- **per-exchange figures** ("three hostages were freed on Saturday"): one per
  report and day, the largest (the others are parts, "including 120
  civilians", or back-references, "the three appeared thin"); a figure without
  a date belongs to the latest exchange its report dates, else to its report's
  day. Reports of the same day, or a day apart with the same figure, are one
  exchange, so five reports of one exchange count once; the value most
  reports give wins and the others are listed as conflicts. A figure that,
  added to the running total already known, would overshoot the promise is a
  running total whose sentence did not say so.

A phase that takes over from another within two days (an extension) reads its
running totals as counted from the first phase, less what the phases before
delivered (``since_the_phase``); a figure of its first days with no date of its own,
equal to the last exchange of the phase before, is that exchange told late when the
phase's other figures give another number (``_told_in_the_phase_before``: a swap
written as one phase a day).

Delivered = the accepted running total plus the exchanges after its date; the
sum of all exchanges is kept as a check and listed as a conflict when it
disagrees with a running total of the same day. ``low``/``high`` carry the
figures' own bounds ("some 600" is 600 with approximate bounds). Each row says
its ``support`` (independent reports), ``basis``, ``supported_by`` and ``dissent``.

Status, as of the date (day N of a phase counts its start as day 1):

- ``unknown``: the phase has no start, or nothing was reported;
- ``complete``: delivered reaches the promise (95% of it when the promise is
  approximate, "about 1,900");
- ``overdue``: the phase is over and the promise is not reached;
- ``on_track``: the share delivered is at least the share of the phase gone
  (18 of 33 on day 17 of 42 is on track);
- ``behind``: otherwise.

Terms of the deal stated in reports (``modality == "term"``) that give another
quantity than the spec are flagged in the obligation's conflicts; one under
half the promise is taken for a part of it ("four more are to be handed over").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import accumulate

from trucewatch.extract.actors import country_code, default_table
from trucewatch.extract.numbers import lexicon as claim_words
from trucewatch.ledger.spec import (
    Agreement,
    Obligation,
    Phase,
    party_names,
    party_peoples,
    state_of,
)

APPROX_COMPLETE = 0.95  # an approximate promise counts as met at 95%
TERM_TOLERANCE = 0.05  # a stated term within 5% of an approximate promise agrees with it
TERM_PART = 0.5  # a stated term under half the promise is a part of it


def _day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def known_on(claim: dict) -> dt.date | None:
    """The day a figure was known: its as-of date, else its report's date."""
    return _day(claim.get("as_of")) or _day(claim.get("doc_date"))


def happened_on(claim: dict) -> dt.date | None:
    """The day the counted thing happened, where stated, else the day it was known."""
    return _day(claim.get("date")) or known_on(claim)


def _could_have_happened(claim: dict) -> tuple:
    """The days a figure may count: the stated one, else its report's day or the day
    before (a morning report of the night's release)."""
    if _day(claim.get("date")):
        return (_day(claim["date"]),)
    known = known_on(claim)
    return () if known is None else (known, known - dt.timedelta(days=1))


def in_phase(day: dt.date | None, phase: Phase) -> bool:
    if day is None or phase.start is None:
        return False
    last = phase.last_day
    return day >= phase.start and (last is None or day <= last)


# A phase's last running total is often reported a day or two after it ends
# ("in all, 25 living hostages ... were returned during the first phase").
SUMMING_UP = dt.timedelta(days=3)
# A running total over one and a half times the promise is a count since before it
BEYOND_THE_PROMISE = 1.5


def summing_up(claim: dict, phase: Phase) -> bool:
    """An undated or running figure reported within days of the phase's end."""
    if claim.get("date") and not claim.get("cumulative"):
        return False
    day, last = known_on(claim), phase.last_day
    return day is not None and last is not None and last < day <= last + SUMMING_UP


def evidence_of(claim: dict, kind: str) -> dict:
    stated = claim.get("stated", {})  # a running total counted from an earlier phase
    shown = {
        "doc": claim["doc"],
        "date": _iso(known_on(claim)),
        "happened": _iso(happened_on(claim)),
        "source": claim.get("source"),
        "value": stated.get("value", claim.get("value")),
        "low": stated.get("low", claim.get("low")),
        "high": stated.get("high", claim.get("high")),
        "qualifier": claim.get("qualifier"),
        "kind": kind,
        "start": claim.get("start"),
        "end": claim.get("end"),
        "evidence": claim.get("evidence"),
        "review": claim.get("review"),
    }
    if stated:
        shown["carried"] = stated["carried"]  # what the phases before had delivered
    return shown


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _bounds(claim: dict) -> tuple[float, float, float]:
    value = claim.get("value")
    low = claim.get("low")
    high = claim.get("high")
    best = value if value is not None else (low if low is not None else high)
    return best, low if low is not None else best, high if high is not None else best


def reviewed(claim: dict) -> bool:
    """Whether an analyst confirmed, corrected or added the figure (rejected ones are gone)."""
    return claim.get("review") is not None


def _consensus(claims: list[dict]) -> tuple[dict, list[dict]]:
    """The figure most reports give (ties: an exact figure over a qualified one, "252"
    over "more than 250"; then the more precise, 69 over 70, a round figure being
    what a report rounds a count to; then the larger), and the ones that disagree.

    Each report votes once per value: one that repeats its figure in its lead
    and its last paragraph does not outvote two others. Reviewed figures
    vote alone when there are any: the analyst's word is final."""
    voters = [c for c in claims if reviewed(c)] or claims
    counts = _votes(voters)
    exact = {c.get("value") for c in voters if not c.get("qualifier")}
    winner_value = max(
        counts, key=lambda v: (counts[v], v in exact, -_round_digits(v), v if v is not None else -1)
    )
    winner = next(c for c in voters if c.get("value") == winner_value)
    return winner, [c for c in claims if c.get("value") != winner_value]


def _round_digits(value) -> int:
    """How many zeros a whole figure ends in: 0 for 69, 1 for 70, 2 for 300."""
    if value is None or not float(value).is_integer() or value == 0:
        return 0
    value, zeros = int(value), 0
    while value % 10 == 0:
        value, zeros = value // 10, zeros + 1
    return zeros


class Sides:
    """Which of an agreement's parties a list of names (``released_by``) names. Thousands
    of figures name the same few actors: each list is resolved once."""

    def __init__(
        self, names: dict[str, set[str]] | None = None, people: dict[str, set[str]] | None = None
    ):
        self.names = names or {}  # party -> every name it goes by, case-folded
        # party -> the people it alone stands for ("Palestinians" for Hamas), case-folded
        self.people = people or {}
        self.states: frozenset[str] = frozenset()  # the parties that are states
        self._resolved: dict[tuple, frozenset[str]] = {}
        self._whose: dict[tuple, frozenset[str]] = {}

    def of(self, names) -> frozenset[str]:
        if not names:
            return frozenset()
        key = tuple(names)
        found = self._resolved.get(key)
        if found is None:
            folded = {n.casefold() for n in key}
            found = frozenset(p for p, known in self.names.items() if folded & known)
            self._resolved[key] = found
        return found

    def whose(self, names) -> frozenset[str]:
        """The parties whose people ``received_by`` names: a party's own names, or the
        people only it stands for in the agreement ("Palestinian bodies": Hamas's side)."""
        if not names:
            return frozenset()
        key = tuple(names)
        found = self._whose.get(key)
        if found is None:
            folded = {n.casefold() for n in key}
            found = self.of(names) | {p for p, known in self.people.items() if folded & known}
            self._whose[key] = found
        return found


def party_sides(agreement: Agreement) -> Sides:
    names = {
        party: {n.casefold() for n in party_names(agreement, parties=[party])}
        for party in agreement.parties
    }
    for party, roles in _named_by_role(agreement).items():
        names[party] |= roles
    sides = Sides(names, _peoples(agreement))
    sides.states = frozenset(p for p in agreement.parties if _a_state(p, default_table()))
    return sides


# What reports call a party without naming it: "the government freed 100", "the
# militants released 20". Each word stands for a party only where one party alone
# is of its kind (a state; an armed group or movement).
STATE_ROLES = {"government", "authorities", "authority", "army", "military", "state", "regime"}
GROUP_ROLES = {
    "movement", "group", "militants", "militant group", "rebels", "rebel group", "insurgents",
    "militia", "faction",
}  # fmt: skip


def _named_by_role(agreement: Agreement) -> dict[str, set[str]]:
    table = default_table()
    states, groups = [], []
    for party in agreement.parties:
        (states if _a_state(party, table) else groups).append(party)
    roles: dict[str, set[str]] = {}
    if len(states) == 1:
        roles[states[0]] = STATE_ROLES
    if len(groups) == 1:
        roles[groups[0]] = GROUP_ROLES
    return roles


def _a_state(party: str, table) -> bool:
    actor = table.lookup(party) or state_of(party, table)
    state = actor is not None and (actor.label == "GPE" or actor.attributes.get("sector") == "GOV")
    return state or bool(country_code(party))


def _peoples(agreement: Agreement) -> dict[str, set[str]]:
    """Each party's people (``party_peoples``), case-folded."""
    return {
        party: {n.casefold() for n in names} for party, names in party_peoples(agreement).items()
    }


def counts_for(
    claim: dict,
    party: str,
    sides: Sides,
    holders: dict[str, set[str]] | None = None,
    obligated: frozenset[str] = frozenset(),
) -> bool | None:
    """Whether a release figure is ``party``'s release; None when the report does not say.

    A figure of both sides together is nobody's own ("an exchange of 800
    prisoners"; "Russia and Ukraine exchanged 190", unless "each"). Else the
    side that frees decides ("Russia released 95": Russia's); else whose people
    they are: the party other reports show freeing that side's people
    (``holders``: "Venezuela released 10 Americans", so "10 Americans were
    freed" is Venezuela's), or any party but theirs ("230 Ukrainian prisoners":
    not Ukraine's) when one party is left: people received by a party with nothing
    to free here ("13 were flown to Germany") are nobody's known release when
    several others free people. ``obligated``: the parties with an obligation to free these; a
    figure said to be freed by another party is read by whose people it counts.
    """
    if claim.get("each") is False:
        return False
    by = sides.of(claim.get("released_by"))
    if obligated:
        by &= obligated  # a party with nothing to free here says nothing about who did
    if by:
        return party in by and (len(by) == 1 or bool(claim.get("each")))
    if claim.get("each"):
        return True  # "Moscow and Kiev each swapped 103": every side's figure
    names = [n.casefold() for n in claim.get("received_by") or ()]
    # In a swap between states each gets its own people back, whoever once freed one of
    # them ("Ukraine handed over Medvedchuk, a Ukrainian"): "215 Ukrainians" are not
    # Kyiv's (in a civil war both sides' people are the state's nationals).
    between_states = len(obligated) > 1 and obligated <= sides.states
    if between_states and party in sides.whose(names):
        return False
    known = set().union(*((holders or {}).get(n, set()) for n in names))
    if between_states:
        known -= sides.whose(names)
    if obligated:
        known &= obligated
    if known:
        return party in known
    to = sides.whose(names)
    if to:
        if party in to:
            return False
        # Whose people they are names who freed them only when one party is left: with
        # several giving and receiving, people sent to a party with nothing to free
        # ("13 to Germany") could be any other party's release.
        givers = (obligated or frozenset(sides.names)) - to
        if not (to & obligated) and len(givers) > 1:
            return None
        return True
    return None


def release_holders(claims: list[dict], sides: Sides) -> dict[str, set[str]]:
    """Whose people each party is seen freeing: received-by name -> the parties freeing them."""
    holders: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        by = sides.of(claim.get("released_by"))
        if len(by) == 1:
            for name in claim.get("received_by") or ():
                holders[name.casefold()] |= by
    return holders


def _beside_the_parties(claims: list[dict], sides: Sides) -> list[dict]:
    """ "The group released three Israeli hostages and five Thai nationals": people of a
    state that is no party, named beside the people of a party (or beside people whose
    side is not named: "three hostages and five Thai workers") in one sentence, were
    freed beside the deal, not under it; the others are its count. A total of that
    sentence larger than its parties' part ("24 hostages, which includes 13 Israelis and
    11 foreigners") counts those freed beside the deal too, so the part is the count."""
    third = [c for c in claims if _of_a_third_state(c, sides)]
    if not third:
        return claims
    parts: dict[tuple, float] = {}
    for c in claims:
        if c.get("received_by") and sides.whose(c["received_by"]) and c.get("value") is not None:
            key = (c["doc"], c.get("evidence_start"))
            parts[key] = max(parts.get(key, 0), c["value"])
    beside: dict[tuple, float] = defaultdict(float)
    for c in third:
        beside[c["doc"], c.get("evidence_start")] += c.get("value") or 0
    # Such a total, once a report shows what it holds, is the same total in the
    # reports of that day that give it whole ("the first group of 24 hostages"); so is
    # the sum of its parts ("13 Israelis and four foreigners": 17 more hostages).
    inclusive = {
        (happened_on(c), c["value"])
        for c in claims
        if not c.get("received_by")
        and (key := (c["doc"], c.get("evidence_start"))) in beside
        and key in parts
        and (c.get("value") or 0) > parts[key]
    }
    inclusive |= {
        (happened_on(c), parts[key] + beside[key])
        for c in third
        if (key := (c["doc"], c.get("evidence_start"))) in parts
    }

    def counts_them(c: dict) -> bool:
        return any((day, c.get("value")) in inclusive for day in _could_have_happened(c))

    unnamed = [c for c in claims if not c.get("received_by") and not _of_a_third_state(c, sides)]
    # and so is the total its sentence brings it to ("freed 17, bringing the total to 58")
    counting = {(c["doc"], c.get("evidence_start")) for c in unnamed if counts_them(c)}
    dropped = {
        id(c)
        for c in unnamed
        if not reviewed(c)
        and (
            counts_them(c)
            or (c.get("cumulative") and (c["doc"], c.get("evidence_start")) in counting)
        )
    }
    claims = [c for c in claims if id(c) not in dropped]
    of_parties = {
        (c["doc"], c.get("evidence_start"))
        for c in claims
        if not _of_a_third_state(c, sides)
        and (not c.get("received_by") or sides.whose(c["received_by"]))
    }
    return [
        c
        for c in claims
        if not _of_a_third_state(c, sides)
        or (c["doc"], c.get("evidence_start")) not in of_parties
        or reviewed(c)
    ]


def _of_a_third_state(claim: dict, sides: Sides) -> bool:
    """People of a state that is no party: named ("five Thai nationals") or not ("four
    foreigners", "three foreign nationals")."""
    if claim.get("received_by"):
        return not sides.whose(claim["received_by"])
    words = (claim.get("subject") or "").lower().split()
    return "foreign" in words or "foreigners" in words


def own_figures(
    obligation: Obligation,
    phase: Phase,
    claims: list[dict],
    sides: Sides,
    holders: dict[str, set[str]] | None = None,
) -> list[dict]:
    """The figures of this obligation's party when another obligation of the phase counts
    the same thing (both sides of a swap free prisoners): those the report gives to the
    party, else, when no report says whose, the ones no report gives to anybody. An
    obligation alone in its category still leaves out what another party is said to
    have freed ("Israel handed over 270 bodies of Palestinians" is not Hamas's)."""
    categories = set(obligation.categories)
    shared = any(o is not obligation and categories & set(o.categories) for o in phase.obligations)
    if not shared:  # nor does a party free its own people ("225 Palestinian bodies returned")
        return [
            c
            for c in claims
            if (not (by := sides.of(c.get("released_by"))) or obligation.party in by)
            and obligation.party not in sides.whose(c.get("received_by"))
        ]
    obligated = frozenset(o.party for o in phase.obligations if categories & set(o.categories))
    verdicts = [(c, counts_for(c, obligation.party, sides, holders, obligated)) for c in claims]
    own = [c for c, verdict in verdicts if verdict]
    return own or [c for c, verdict in verdicts if verdict is None]


# One side's captives are "hostages" to one outlet and "prisoners" to another (an
# armed group's are read as hostages when the sentence does not say).
SIBLINGS = {"hostages_released": "prisoners_released", "prisoners_released": "hostages_released"}


def _misnamed_for(obligation: Obligation, phase: Phase, sides: Sides):
    """ "Four Israeli soldiers were handed to the Red Cross": people of a party, counted in
    the category of what that party itself frees (prisoners), are none of its release;
    they are the other side's captives, under the other side's word (hostages)."""
    siblings = {SIBLINGS[c] for c in obligation.categories if c in SIBLINGS}
    freeing = defaultdict(set)  # category -> the parties of the phase that free it
    for o in phase.obligations:
        for category in o.categories:
            freeing[category].add(o.party)

    def misnamed(claim: dict) -> bool:
        category = claim.get("category")
        if category not in siblings or sides.of(claim.get("released_by")):
            return False
        receivers = sides.whose(claim.get("received_by"))
        return (
            bool(receivers) and obligation.party not in receivers and receivers <= freeing[category]
        )

    return misnamed


def _named_otherwise(categories: set[str], phase: Phase) -> set[str]:
    """The sibling categories no obligation of the phase counts: a figure of one of them
    that a report gives to the obligation's party counts for it."""
    counted = {c for o in phase.obligations for c in o.categories}
    return {SIBLINGS[c] for c in categories if c in SIBLINGS} - counted


def reconcile_obligation(
    obligation: Obligation,
    phase: Phase,
    claims: Iterable[dict],
    as_of: dt.date,
    sides: Sides | None = None,
    holders: dict[str, set[str]] | None = None,
    recaps: set[tuple] | None = None,
    before: float = 0,
    followed: bool = False,
    told_before: tuple[dt.date, float] | None = None,
) -> dict:
    """One obligation's row of the ledger (see the module doc for the rules). ``before``:
    what the phases this one took over from delivered of the same (``since_the_phase``);
    ``followed``: another phase took over from this one, so a total past this one's
    promise reported after it ended counts the next one's deliveries too;
    ``told_before``: the day and figure of the last exchange of the phase this one took
    over from (``_told_in_the_phase_before``)."""
    categories = set(obligation.categories)
    sides = sides or Sides()
    borrowed = _named_otherwise(categories, phase)
    misnamed = _misnamed_for(obligation, phase, sides)
    pool = [
        c
        for c in claims
        if not c.get("obligation")
        and (
            c.get("category") in categories
            or (c.get("category") in borrowed and counts_for(c, obligation.party, sides, holders))
            or (misnamed(c) and counts_for(c, obligation.party, sides, holders))
        )
    ]
    # A reviewer who says which obligation a figure counts for has the last word on it.
    assigned = [c for c in claims if c.get("obligation") == obligation.id]
    relevant = _beside_the_parties(own_figures(obligation, phase, pool, sides, holders), sides)
    relevant += assigned
    counted = [
        c
        for c in relevant
        if c.get("modality") == "reported"
        and c.get("value") is not None
        and (known_on(c) or dt.date.max) <= as_of
        and (
            in_phase(happened_on(c), phase)
            or (summing_up(c, phase) and not (followed and c["value"] > _ceiling(obligation)))
        )
    ]
    counted = _added_together(counted)
    if recaps is None:
        recaps = recap_sentences(phase, claims)
    if recaps:
        counted = [
            {**c, "cumulative": True}
            if not c.get("cumulative") and (c["doc"], c.get("evidence_start")) in recaps
            else c
            for c in counted
        ]
    # "Afghan Gov't Releases 361 Taliban Prisoners", over "has so far released 361": an
    # undated figure its own report calls a running total in so many words is that
    # total told again (not "four were freed" beside "four have been freed")
    told_as_totals = {
        (c["doc"], c["value"])
        for c in counted
        if c.get("cumulative") and _TALLIED.search(c.get("evidence") or "")
    }
    counted = [
        {**c, "cumulative": True}
        if not c.get("cumulative")
        and not c.get("increment")
        and not reviewed(c)
        and not c.get("date")
        and (c["doc"], c["value"]) in told_as_totals
        else c
        for c in counted
    ]
    conflicts: list[dict] = []

    totals = since_the_phase([c for c in counted if c.get("cumulative")], before, phase)
    # "Since the start of the war, 5,757 have been returned": a running total far above
    # the whole promise counts from before the agreement, not its deliveries
    beyond = {
        id(t)
        for t in totals
        if t["value"] > _ceiling(obligation) * BEYOND_THE_PROMISE and not reviewed(t)
    }
    conflicts += [_conflict("beyond_promise", known_on(t), [t]) for t in totals if id(t) in beyond]
    totals = [t for t in totals if id(t) not in beyond]
    # "150 were freed in total, including 22 women": a smaller figure in a running
    # total's own sentence is a part of it, not an exchange of its own.
    largest: dict[tuple, float] = {}
    for t in totals:
        key = (t["doc"], t.get("evidence_start"))
        value = t.get("stated", t)["value"]  # as the sentence gives it
        largest[key] = max(largest.get(key, value), value)
    figures = per_report_figures(
        [
            c
            for c in counted
            if not c.get("cumulative")
            and (
                reviewed(c)
                or c["value"] >= largest.get((c["doc"], c.get("evidence_start")), c["value"])
            )
        ],
        counted,
        [c for c in pool if c.get("modality") == "reported" and not c.get("cumulative")],
    )
    if told_before is not None:
        figures = _told_in_the_phase_before(figures, told_before)
    # A figure for "one exchange" that, added to a running total already known,
    # would overshoot the promise is itself a total whose sentence did not say
    # so ("Israel released nearly 1,800 prisoners", after "in all, ...").
    ceiling = _ceiling(obligation)
    known_totals = sorted((known_on(t), t["value"]) for t in totals)
    days = [d for d, _ in known_totals]
    highest = list(accumulate((v for _, v in known_totals), max))  # the largest known by then
    kept = []
    for day, claim in figures:
        n = bisect_right(days, day)
        # only a figure no smaller than the total known may be a later total: totals
        # never go down ("11 hostages released on Monday" after a total of 58)
        overshoots = (
            n and claim["value"] + highest[n - 1] > ceiling and claim["value"] >= highest[n - 1]
        ) or (
            before and claim["value"] > ceiling  # counted since an earlier phase
        )
        if overshoots and not reviewed(claim):
            totals += since_the_phase([claim], before, phase)
        elif claim["value"] > ceiling * BEYOND_THE_PROMISE and not reviewed(claim):
            # no one exchange of an agreement frees far more than it promises ("the 1,900
            # for 33 deal"); a total since an earlier phase was taken in just above
            conflicts.append(_conflict("beyond_promise", day, [claim]))
        elif in_phase(day, phase):  # an exchange after the phase is not the phase's
            kept.append((day, claim))
    figures = kept

    weighed: list[tuple[str, dict]] = []  # (kind, figure): the evidence, in order
    accepted = running_total(totals, conflicts, weighed, ceiling)
    exchanges = cluster_exchanges(_placed_in_the_phase(figures, phase))
    for exchange in exchanges:
        group = exchange["claims"]
        exchange.update(_decision("exchange", exchange["day"], exchange["claim"], group))
        weighed += [("exchange", c) for c in group]
        if len({c["value"] for c in group}) > 1:
            conflicts.append(
                _conflict("exchange", exchange["day"], _winner_first(exchange["claim"], group))
            )
    if accepted is not None and exchanges:
        accepted = _checked_against_exchanges(accepted, exchanges, conflicts)

    best = low = high = 0.0
    since = dt.date.min
    after = exchanges
    if accepted is not None:
        best, low, high = _bounds(accepted["claim"])
        since = accepted["day"]
        after = [e for e in exchanges if e["day"] > since]
    for exchange in after:
        b, lo, hi = _bounds(exchange["claim"])
        best, low, high = best + b, low + lo, high + hi
    check = sum(_bounds(e["claim"])[0] for e in exchanges)
    decided = ([accepted] if accepted is not None else []) + after
    support = min((d["support"] for d in decided), default=0)
    evidence = _weighed(weighed, decided)
    basis = _basis(accepted, after)
    dissent = [
        {"kind": d["kind"], "date": _iso(d["day"]), "value": v, "reports": n}
        for d in decided
        for v, n in d["dissent"]
    ]
    conflicts += _term_conflicts(obligation, relevant, as_of)

    reports = len({c["doc"] for c in counted})
    delivered = (
        {"best": _number(best), "low": _number(low), "high": _number(high)}
        if counted
        else {"best": None, "low": None, "high": None}
    )
    last = exchanges[-1] if exchanges else None
    return {
        "_last_exchange": (last["day"], last["claim"]["value"]) if last else told_before,
        "id": obligation.id,
        "party": obligation.party,
        "action": obligation.action,
        "what": obligation.what,
        "promised": obligation.quantity,
        "approx": obligation.approx,
        "delivered": delivered,
        # Why: the independent reports behind the delivered number (the fewest of
        # the figures it adds up), how it was chosen, and the values it outvoted.
        "support": support if counted else 0,
        "basis": basis if counted else None,
        "supported_by": sorted(set().union(*(d["docs"] for d in decided))) if counted else [],
        # How much of that support an analyst reviewed: the fewest reviewed reports
        # among the figures it adds up (``support`` is counted the same way).
        "reviewed": min((len(d["reviewed"]) for d in decided), default=0) if counted else 0,
        "dissent": dissent if counted else [],
        "exchanges": len(exchanges),
        "sum_of_exchanges": _number(check) if exchanges else None,
        "reports": reports,
        "evidence": sorted(evidence, key=lambda e: (e["date"] or "", e["doc"], e["start"] or 0)),
        "conflicts": conflicts,
        "status": status(obligation, phase, delivered["best"], reports, as_of),
    }


def _told_in_the_phase_before(
    figures: list[tuple[dt.date, dict]], told_before: tuple[dt.date, float]
) -> list[tuple[dt.date, dict]]:
    """ "Armenia and Azerbaijan have exchanged 390 prisoners each", in a report of the
    morning after the first day's 390, is the day before told late: a figure with no date
    of its own, the same as the last exchange of the phase just before and a few days
    after it, when this phase's other figures give another number (one phase a day of
    390, 307 and 303). With nothing else to go by, it is this phase's."""
    day, value = told_before

    def late(item: tuple[dt.date, dict]) -> bool:
        figure_day, claim = item
        return (
            claim["value"] == value
            and not claim.get("date")
            and not reviewed(claim)
            and 0 < (figure_day - day).days <= _LATE_REPORT_DAYS
        )

    told = [item for item in figures if late(item)]
    if not told or not any(claim["value"] != value for _, claim in figures):
        return figures
    return [item for item in figures if not late(item)]


def recap_sentences(phase: Phase, claims: Iterable[dict]) -> set[tuple]:
    """Sentences that sum up the phase so far: one of their figures meets a whole promise
    ("Hamas released 20 living hostages and handed over the remains of 13 more captives
    in exchange for nearly 2,000 prisoners", against promises of 20 and about 1,968).
    Their other figures are totals to date too, not the exchanges of the report's day.
    A figure of both sides together, of another kind of promise, or added to the ones
    before ("three more") does not count."""
    wholes: dict[str, list[float]] = defaultdict(list)
    for o in phase.obligations:
        if o.quantity and o.quantity >= 2:
            for category in o.categories:
                wholes[category].append(o.quantity)
    if not wholes:
        return set()
    found = {
        (c["doc"], c.get("evidence_start"))
        for c in claims
        if c.get("category") in wholes
        and c.get("modality") == "reported"
        and c.get("value") is not None
        and c.get("each") is not False
        and not c.get("increment")  # "three more hostages" is the day's, whatever it meets
        and any(_meets(c["value"], whole) for whole in wholes[c["category"]])
    }
    if not found:
        return found
    figures = Counter(
        (c["doc"], c.get("evidence_start"))
        for c in claims
        if c.get("modality") == "reported" and c.get("value") is not None
    )
    return {key for key in found if figures[key] > 1}


def _meets(value: float, whole: float) -> bool:
    """A figure that is a promise's whole: the number itself, or within 5% of a large one
    ("nearly 2,000" of 1,968); not a figure far above it, which counts something else."""
    return value == whole or (whole >= 20 and abs(value - whole) <= TERM_TOLERANCE * whole)


# The extractor's words for a running total (claims.yaml) that say so themselves: not
# "since", "already" or "total", which one exchange's sentence may hold too.
_TALLIED = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(phrase)
        for phrase in claim_words()["cumulative"]["phrases"]
        if phrase not in ("since", "already", "total", "overall")
    )
    + r")\b",
    re.I,
)


def _added_together(claims: list[dict]) -> list[dict]:
    """Counts a report adds together in one clause ("270 soldiers and 120 civilians",
    ``together``: 390) are one figure of their total, counted once: the first part
    stands for the group with the total's value."""
    seen: set[tuple] = set()
    out = []
    for c in claims:
        total = c.get("together")
        if total is None or reviewed(c):
            out.append(c)
            continue
        key = (c["doc"], c.get("evidence_start"), total)
        if key in seen:
            continue
        seen.add(key)
        out.append({**c, "value": _number(total), "low": None, "high": None})
    return out


def running_total(
    totals: list[dict],
    conflicts: list[dict],
    weighed: list[tuple[str, dict]],
    ceiling: float = 0,
) -> dict | None:
    """The running total the ledger stands on: per day the value most independent
    reports give; over days it never goes down. A later, lower total is a stale or
    wrong figure (a conflict of kind ``decrease``) unless an analyst reviewed it and
    not the higher one, or, counting every day so far, more reports give it than gave
    the higher one, which is then the outlier. A later total beyond the whole promise
    (``ceiling``) that fewer reports give than the one before is an outlier too (a
    conflict of kind ``overshoot``). Each total joins ``weighed``."""
    by_day: dict[dt.date, list[dict]] = defaultdict(list)
    for claim in totals:
        by_day[known_on(claim)].append(claim)
    accepted: tuple[dt.date, dict, list[dict]] | None = None  # day, winner, its group
    told: dict[float, set[str]] = defaultdict(set)  # value -> the reports giving it so far
    for day, group in sorted(by_day.items()):
        group = _largest_per_report(group)
        for claim in group:
            told[claim["value"]].add(report_of(claim))
        winner, others = _consensus(group)
        weighed += [("cumulative", c) for c in group]
        if others:
            conflicts.append(_conflict("cumulative", day, _winner_first(winner, group)))
        if (
            accepted is not None
            and ceiling
            and winner["value"] > max(ceiling, accepted[1]["value"])
            and not reviewed(winner)
            and len(told[winner["value"]]) < len(told[accepted[1]["value"]])
        ):
            conflicts.append(_conflict("overshoot", day, [accepted[1], winner]))
            continue  # one report's total past the promise against more that agree
        if accepted is None or winner["value"] >= accepted[1]["value"]:
            accepted = (day, winner, group)
            continue
        if reviewed(accepted[1]) != reviewed(winner):
            lower_wins = reviewed(winner)
        else:
            lower_wins = len(told[winner["value"]]) > len(told[accepted[1]["value"]])
        pair = [winner, accepted[1]] if lower_wins else [accepted[1], winner]
        conflicts.append(_conflict("decrease", day, pair))
        if lower_wins:
            accepted = (day, winner, group)
    return _decision("cumulative", *accepted) if accepted is not None else None


def _largest_per_report(totals: list[dict]) -> list[dict]:
    """One running total per report and day, its largest: the smaller ones a report gives
    the same day are parts of it ("Russia released 16 people ... a total of three
    American citizens were released"), not its count of everyone freed. Reviewed
    figures all stay: the analyst said what each is."""
    largest: dict[str, float] = {}
    for claim in totals:
        if not reviewed(claim):
            report = report_of(claim)
            largest[report] = max(largest.get(report, claim["value"]), claim["value"])
    return [c for c in totals if reviewed(c) or c["value"] >= largest[report_of(c)]]


def _checked_against_exchanges(accepted: dict, exchanges: list[dict], conflicts) -> dict | None:
    """A running total below the exchanges up to its day stands only when at least as
    many independent reports give it as give the least-told exchange it would overrule:
    one report's "13 released so far" does not beat two that agree on the day's 2,000,
    but it stands against a sum one of whose exchanges only one report tells. A total
    above them stands: reports of some exchange may be missing."""
    covered = [e for e in exchanges if e["day"] <= accepted["day"]]
    on_total_day = sum(_bounds(e["claim"])[0] for e in covered)
    total = _bounds(accepted["claim"])[0]
    if not covered or on_total_day == total:
        return accepted
    conflicts.append(
        {
            "kind": "sum_of_exchanges",
            "date": _iso(accepted["day"]),
            "values": [
                {"value": total, "source": accepted["claim"].get("source"),
                 "doc": accepted["claim"]["doc"], "what": "running total"},
                {"value": on_total_day, "source": None, "doc": None,
                 "what": f"sum of {len(covered)} exchange(s)"},
            ],
        }
    )  # fmt: skip
    if reviewed(accepted["claim"]):
        return accepted
    if any(reviewed(e["claim"]) for e in covered):
        return None  # the exchanges an analyst reviewed outweigh an unreviewed total
    if len(covered) > 1 and any(
        total == _bounds(e["claim"])[0] and (accepted["day"] - e["day"]).days <= 1 for e in covered
    ):
        # "three missionaries have been released", the day three more were: the day's
        # exchange told in the perfect, not a total that would undo the ones before (or
        # the one beside it: "175 freed in the swap, another 22 outside it")
        return None
    # a sum is only as well told as the least-told exchange it adds up
    weakest = min(e["support"] for e in covered)
    if total > on_total_day or accepted["support"] >= min(2, weakest):
        return accepted
    return None


def _decision(kind: str, day: dt.date, winner: dict, group: list[dict]) -> dict:
    """A chosen figure with how many independent reports give it and the dissent."""
    votes = _votes(group)
    chosen = winner.get("value")
    # "more than 250" agrees with the 252 chosen: it is no dissent but support
    agreeing = {c.get("value") for c in group if _rounds(c, chosen)}
    agreeing -= {c.get("value") for c in group if not _rounds(c, chosen)}
    return {
        "kind": kind,
        "day": day,
        "claim": winner,
        "docs": {c["doc"] for c in group if supports(c, chosen)},
        "support": votes[chosen],
        "dissent": sorted(
            ((v, n) for v, n in votes.items() if v != chosen and v not in agreeing),
            key=lambda d: -d[1],
        ),
        "group": group,
        "reviewed": {report_of(c) for c in group if supports(c, chosen) and reviewed(c)},
    }


def _weighed(weighed: list[tuple[str, dict]], decided: list[dict]) -> list[dict]:
    """The evidence items, each with its ``role`` in the delivered number: ``decides``
    (gives the chosen value of a figure it adds up), ``dissent`` (gives another value
    for it) or ``superseded`` (an earlier total or exchange the chosen total covers);
    ``weight``: how far the delivered number would move were the item wrong (a chosen
    value over its reports; a dissent's distance from the chosen value)."""
    roles: dict[int, tuple[str, float]] = {}
    for decision in decided:
        chosen = decision["claim"]["value"]
        for claim in decision["group"]:
            if supports(claim, chosen):
                roles[id(claim)] = ("decides", chosen / max(decision["support"], 1))
            else:
                roles[id(claim)] = ("dissent", abs(claim["value"] - chosen))
    items = []
    for kind, claim in weighed:
        item = evidence_of(claim, kind)
        role, weight = roles.get(id(claim), ("superseded", 0))
        item["role"], item["weight"] = role, _number(weight)
        items.append(item)
    return items


def _basis(accepted: dict | None, after: list[dict]) -> str | None:
    if accepted is None:
        return f"sum of {len(after)} exchange(s)" if after else None
    text = f"running total of {_iso(accepted['day'])}"
    return text + (f" + {len(after)} exchange(s) after it" if after else "")


def report_of(claim: dict) -> str:
    """The independent report a figure is from: a near-duplicate's original (wire copy
    in another outlet) counts as the same report."""
    return claim.get("report") or claim["doc"]


def _votes(claims: list[dict]) -> Counter:
    """Value -> how many independent reports give it (each report once per value).

    A rounded figure votes for the exact ones it rounds as well as for itself:
    "more than 250" and "about 250" support 252 (``_rounds``)."""
    given = {(report_of(c), c.get("value")) for c in claims}
    exact = {c.get("value") for c in claims if not c.get("qualifier") and c.get("value")}
    given |= {(report_of(c), v) for c in claims for v in exact if _rounds(c, v)}
    return Counter(value for _report, value in given)


ROUNDING = 0.05  # a qualified figure within 5% of an exact one may be its rounding


def supports(claim: dict, chosen) -> bool:
    """Whether a figure gives the chosen value, or rounds it ("more than 250" for 252)."""
    return claim.get("value") == chosen or _rounds(claim, chosen)


def _rounds(claim: dict, exact) -> bool:
    """A qualified figure whose bounds hold ``exact`` and whose number is within 5% of it:
    "more than 250" rounds 252, "nearly 200" does not, nor does "more than 200"."""
    value = claim.get("value")
    if not claim.get("qualifier") or value is None or not exact or value == exact:
        return False
    low, high = claim.get("low"), claim.get("high")
    if (low is not None and exact < low) or (high is not None and exact > high):
        return False
    return abs(exact - value) <= ROUNDING * exact


def per_report_figures(
    claims: list[dict], context: list[dict] = (), dated_by: list[dict] = ()
) -> list[tuple[dt.date, dict]]:
    """One figure per report and day: the largest (the others are parts or back-references).

    "390 people each, including 120 civilians" is one exchange of 390; "the
    three hostages appeared thin" repeats the three freed. A figure without a
    date of its own belongs to the latest exchange its report dates, if any
    ("eight captives on Thursday ... all five Thai workers"), else to the day
    it was known. ``dated_by``: the report's other figures whose days count too (the
    other side's release in a swap: "Another 307 came home on Saturday ... Baku said 307
    of its servicemen had returned").
    """
    dated: dict[str, list[dt.date]] = defaultdict(list)
    for claim in [*claims, *dated_by]:
        if claim.get("date"):
            dated[claim["doc"]].append(_day(claim["date"]))
    best: dict[tuple[str, dt.date], dict] = {}
    added: dict[tuple[str, dt.date], dict] = {}
    for claim in claims:
        day = _day(claim.get("date"))
        if day is None:
            day = max(dated[claim["doc"]]) if dated[claim["doc"]] else known_on(claim)
        key = (claim["doc"], day)
        if key not in best or claim["value"] > best[key]["value"]:
            best[key] = claim
        if claim.get("increment") and (key not in added or claim["value"] > added[key]["value"]):
            added[key] = claim
    figures = [(day, claim) for (_doc, day), claim in best.items()]
    # "175 defenders returned, and another 22 are coming home": a report that gives the
    # day's figure and another beside it tells two releases of that day
    values: dict[str, set] = defaultdict(set)
    for claim in [*claims, *context]:
        values[claim["doc"]].add(claim["value"])
    figures += [
        (day, claim)
        for (doc, day), claim in added.items()
        if best[(doc, day)] is not claim
        and claim["value"] != best[(doc, day)]["value"]
        # not a part of the day's figure that another of the report's figures completes
        # ("two coffins ..., where the two additional ones received earlier are", of four)
        and best[(doc, day)]["value"] - claim["value"] not in values[doc]
    ]
    return sorted(figures, key=_by_day)


def _by_day(item: tuple[dt.date, dict]):
    day, claim = item
    return day, claim["doc"], claim.get("start") or 0


def cluster_exchanges(figures: list[tuple[dt.date, dict]]) -> list[dict]:
    """Reports of one exchange, together: same day, or a day apart with the same figure
    where one of them is dated only by its report (a few days, when nothing was
    released in between: ``_told_late``).

    Reports of an evening release are often dated the next morning; a report
    never counts twice in one exchange. The figure most reports give wins.
    """
    exchanges: list[dict] = []
    for day, claim in figures:
        home = (
            _exchange_in_its_period(claim, day, exchanges)
            or _same_words_reprinted(claim, day, exchanges)
            or _same_figure_that_day(claim, day, exchanges)
        )
        for exchange in reversed(exchanges) if home is None else ():
            gap = (day - exchange["day"]).days
            if gap > 1:
                if exchange is exchanges[-1] and _told_late(claim, gap, exchange):
                    home = exchange
                break
            if report_of(claim) in exchange["docs"]:
                copy = any(
                    report_of(c) == report_of(claim) and c["value"] == claim["value"]
                    for c in exchange["claims"]
                )
                if copy and (gap == 0 or not claim.get("increment")):
                    # a wire copy of a report already here, or the report telling its
                    # release again the next day ("back in Israel on Monday"): no new vote
                    home = exchange
                    break
                continue
            if gap == 0:
                home = exchange
                break
            # Only a figure dated by its report alone may be a late report of the day
            # before: one dated to its own day is that day's exchange, alike or not,
            # and a late report leaves the exchange on its day (13 freed on each of
            # three days are three exchanges).
            if (
                claim["value"] == exchange["claim"]["value"]
                and not claim.get("date")
                and not claim.get("increment")  # "another 30 prisoners" the next day
            ):
                home = exchange
                break
        if home is None:
            home = {"day": day, "docs": set(), "claims": []}
            exchanges.append(home)
        home["docs"].add(report_of(claim))
        home["claims"].append(claim)
        home["claim"] = _consensus(home["claims"])[0]
    return exchanges


def _placed_in_the_phase(
    figures: list[tuple[dt.date, dict]], phase: Phase
) -> list[tuple[dt.date, dict]]:
    """ "Earlier this month the two sides swapped 205 each", in a report of the phase's
    second day: a figure dated only by a month that began before the phase may be a
    release before it (the swap of 6 May). It is the phase's only where it repeats a
    figure the phase's reports give a day ("two were released in November")."""
    if phase.start is None:
        return figures

    def before_the_phase(claim: dict) -> bool:
        day = known_on(claim)
        return bool(claim.get("period")) and day is not None and day.replace(day=1) < phase.start

    dated = {c["value"] for _, c in figures if not c.get("period")}
    return [
        (day, c)
        for day, c in figures
        if not before_the_phase(c) or c["value"] in dated or reviewed(c)
    ]


def _same_figure_that_day(claim: dict, day: dt.date, exchanges: list[dict]) -> dict | None:
    """Of two releases one day ("175 in the swap, another 22 outside it"), the one with
    the report's figure."""
    for exchange in reversed(exchanges):  # in day order: only the last few are that day's
        if exchange["day"] != day:
            return None
        if (
            exchange["claim"]["value"] == claim["value"]
            and report_of(claim) not in exchange["docs"]
        ):
            return exchange
    return None


# Days a report may come out after the release it tells, with nothing released since.
_LATE_REPORT_DAYS = 3


def _told_late(claim: dict, gap: int, latest: dict) -> bool:
    """ "Two missionaries freed in Haiti", three days after two were freed and nobody
    since: a figure dated only by its report, the same as the latest exchange's, a few
    days after it, is a late report of it (or its report telling it again), not a
    release of its own ("another two" is)."""
    return (
        gap <= _LATE_REPORT_DAYS
        and claim["value"] == latest["claim"]["value"]
        and not claim.get("date")
        and not claim.get("increment")
    )


def _exchange_in_its_period(claim: dict, day: dt.date, exchanges: list[dict]) -> dict | None:
    """A figure dated only by an earlier month ("two were released in November", in a
    December report) is the exchange of that month with its value, where one is known:
    its day is the month's last only for want of a better one."""
    if claim.get("date") or not claim.get("period"):
        return None
    alike = [
        e
        for e in exchanges
        if 0 <= (day - e["day"]).days <= _A_MONTH and e["claim"]["value"] == claim["value"]
    ]
    return max(reversed(alike), key=lambda e: len(e["docs"]), default=None)  # the best told


_A_MONTH = 31


def _same_words_reprinted(claim: dict, day: dt.date, exchanges: list[dict]) -> dict | None:
    """The latest exchange, a day or two before, told in the same words around the same
    figure: a statement reprinted ("three more hostages were released last night")
    dates itself by each reprint's day, but it is one release."""
    if not exchanges:
        return None
    latest = exchanges[-1]
    if not 0 < (day - latest["day"]).days <= 2 or latest["claim"]["value"] != claim["value"]:
        return None
    words = _wording(claim)
    if words is None or report_of(claim) in latest["docs"]:
        return None
    return latest if any(_wording(c) == words for c in latest["claims"]) else None


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _wording(claim: dict, reach: int = 40) -> str | None:
    """The words either side of a figure in its sentence, quotes and spaces evened out;
    None when too short to tell one statement from a stock phrase."""
    sentence, start = claim.get("evidence"), claim.get("evidence_start")
    if not sentence or start is None or claim.get("start") is None:
        return None
    at = claim["start"] - start
    if not 0 <= at <= len(sentence):
        return None
    window = " ".join(sentence[max(0, at - reach) : at + reach].translate(_QUOTES).split())
    return window if len(window) >= 60 else None


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _winner_first(winner: dict, group: list[dict]) -> list[dict]:
    """Every report of the disputed figure, the accepted one first."""
    return [winner, *(c for c in group if c is not winner)]


def _conflict(kind: str, day: dt.date, claims: list[dict]) -> dict:
    return {
        "kind": kind,
        "date": _iso(day),
        "values": [
            {"value": c.get("value"), "source": c.get("source"), "doc": c["doc"]} for c in claims
        ],
    }


def _term_conflicts(obligation: Obligation, claims: list[dict], as_of: dt.date) -> list[dict]:
    if obligation.quantity is None:
        return []
    tolerance = obligation.quantity * TERM_TOLERANCE if obligation.approx else 0
    found = []
    for claim in claims:
        if claim.get("modality") != "term" or claim.get("value") is None:
            continue
        if (known_on(claim) or dt.date.max) > as_of:
            continue
        # "Four more are still to be handed over", "20 were to be sent abroad":
        # a term far below the promise is a part of it, not another figure for it.
        if claim["value"] < obligation.quantity * TERM_PART:
            continue
        if abs(claim["value"] - obligation.quantity) > tolerance:
            found.append(
                {
                    "kind": "term",
                    "date": _iso(known_on(claim)),
                    "values": [
                        {"value": obligation.quantity, "source": "spec", "doc": None},
                        {"value": claim["value"], "source": claim.get("source"),
                         "doc": claim["doc"]},
                    ],
                }
            )  # fmt: skip
    return found


def phase_day(phase: Phase, as_of: dt.date) -> int | None:
    """Day N of the phase on ``as_of`` (the start is day 1); None before it starts."""
    if phase.start is None or as_of < phase.start:
        return None
    return (as_of - phase.start).days + 1


def status(
    obligation: Obligation, phase: Phase, best: float | None, reports: int, as_of: dt.date
) -> str:
    if phase.start is None or obligation.quantity is None or not reports or best is None:
        return "unknown"
    needed = obligation.quantity * (APPROX_COMPLETE if obligation.approx else 1)
    if best >= needed:
        return "complete"
    last = phase.last_day
    if last is not None and as_of > last:
        return "overdue"
    day, length = phase_day(phase, as_of), phase.length
    if day is None or not length:
        return "unknown"
    share_due = min(day, length) / length
    return "on_track" if best / obligation.quantity >= share_due else "behind"


def with_dates(claims: Iterable[dict]) -> list[dict]:
    """Figures with their dates parsed, once: every rule asks each figure when it was known.

    ``ledger`` does this itself; a caller computing many ledgers over the same
    figures (``history``) does it once and passes ``dated=True``.
    """
    return [
        c if _parsed(c) else
        {**c, "as_of": _day(c.get("as_of")), "date": _day(c.get("date")),
         "doc_date": _day(c.get("doc_date"))}
        for c in claims
    ]  # fmt: skip


def _parsed(claim: dict) -> bool:
    """Dates already ``datetime.date`` (as the store's ``figures`` gives them): no copy needed."""
    return all(
        value is None or isinstance(value, dt.date)
        for value in (claim.get("as_of"), claim.get("date"), claim.get("doc_date"))
    )


def ledger(agreement: Agreement, claims: list[dict], as_of: dt.date, dated: bool = False) -> dict:
    """The whole ledger as JSON-ready dicts (the shape documented in the README)."""
    if not dated:
        claims = with_dates(claims)
    rejected = [c for c in claims if c.get("review") == "rejected"]
    if rejected:  # an analyst's "this figure is wrong": out of every number, listed apart
        claims = [c for c in claims if c.get("review") != "rejected"]
    sides = party_sides(agreement)
    shared = any(
        set(o.categories) & set(other.categories)
        for phase in agreement.phases
        for o in phase.obligations
        for other in phase.obligations
        if o is not other
    )
    # whose people each party frees matters only where two obligations count alike
    holders = release_holders(claims, sides) if shared else {}
    phases = []
    carried: dict[tuple, float] = {}  # (party, category): delivered in the phases just before
    last_exchanges: dict[tuple, tuple] = {}  # (party, categories): the phase before's last
    previous: Phase | None = None
    for index, phase in enumerate(agreement.phases):
        last = phase.last_day
        recaps = recap_sentences(phase, claims)
        if not _follows(previous, phase):
            carried, last_exchanges = {}, {}
        followed = index + 1 < len(agreement.phases) and _follows(
            phase, agreement.phases[index + 1]
        )
        phases.append(
            {
                "name": phase.name,
                "start": _iso(phase.start),
                "end": _iso(last),
                "day": phase_day(phase, as_of) if last is None or as_of <= last else phase.length,
                "days": phase.length,
                "exchanges": exchange_count(phase, claims, as_of),
                "obligations": [
                    reconcile_obligation(
                        o,
                        phase,
                        claims,
                        as_of,
                        sides,
                        holders,
                        recaps,
                        before=_carried(o, carried),
                        followed=followed,
                        told_before=last_exchanges.get((o.party, tuple(o.categories))),
                    )
                    for o in phase.obligations
                ],
            }
        )
        for o, row in zip(phase.obligations, phases[-1]["obligations"], strict=True):
            last_exchanges[o.party, tuple(o.categories)] = row.pop("_last_exchange")
            for category in o.categories:
                key = (o.party, category)
                carried[key] = carried.get(key, 0) + (row["delivered"]["best"] or 0)
        previous = phase
    return {
        "agreement": agreement.id,
        "name": agreement.name,
        "as_of": as_of.isoformat(),
        "parties": agreement.parties,
        "mediators": agreement.mediators,
        "phases": phases,
        "figures": competing_figures(claims, as_of),
        "rejected": [
            {
                **evidence_of(c, "rejected"),
                "category": c.get("category"),
                "reviewed_by": c.get("reviewed_by"),
            }
            for c in rejected
            if (known_on(c) or dt.date.max) <= as_of
        ],  # fmt: skip
    }


def _ceiling(obligation: Obligation) -> float:
    """The most a delivery of the promise can be; unbounded when the spec gives no quantity."""
    return (obligation.quantity or 0) * (1 + TERM_TOLERANCE) or float("inf")


def _follows(previous: Phase | None, phase: Phase) -> bool:
    """A phase that takes over from the one before (a truce and its extension, phase one
    and phase two), so that reports count since the first: not the next swap months on."""
    if previous is None or previous.last_day is None or phase.start is None:
        return False
    return dt.timedelta(0) <= phase.start - previous.last_day <= dt.timedelta(days=2)


def _carried(obligation: Obligation, carried: dict[tuple, float]) -> float:
    return max((carried.get((obligation.party, c), 0) for c in obligation.categories), default=0)


def since_the_phase(totals: list[dict], before: float, phase: Phase) -> list[dict]:
    """Running totals in a phase that took over from another count from the first:
    "bringing to 81 the number freed since the truce began", in an extension after 58
    were freed in the truce, is 23 of the extension's. A total no larger than what the
    phases before delivered, reported as they ended, is theirs ("33 hostages were freed
    in phase one", the day phase two began), not the new phase's."""
    if not before:
        return totals
    kept = []
    for total in totals:
        value = total["value"]
        if value > before * (1 + TERM_TOLERANCE) and not reviewed(total):
            low, high = total.get("low"), total.get("high")
            kept.append(
                {
                    **total,
                    "stated": {"value": value, "low": low, "high": high, "carried": before},
                    "value": value - before,
                    "low": None if low is None else max(low - before, 0),
                    "high": None if high is None else high - before,
                }
            )
        elif value >= before * (1 - TERM_TOLERANCE) and (known_on(total) or dt.date.max) <= (
            phase.start + SUMMING_UP
        ):
            continue  # the phase before, summed up as it ended
        else:
            kept.append(total)
    return kept


def exchange_count(phase: Phase, claims: list[dict], as_of: dt.date) -> dict:
    """Exchanges in the phase: the latest reported count, else the days with a release."""
    stated = [
        c
        for c in claims
        if c.get("category") == "exchanges"
        and c.get("modality") == "reported"
        and c.get("value") is not None
        and (known_on(c) or dt.date.max) <= as_of
        and in_phase(known_on(c), phase)
    ]
    if stated:
        latest = max(stated, key=lambda c: (known_on(c), c.get("value")))
        return {"count": _number(latest["value"]), "source": latest.get("source"),
                "doc": latest["doc"], "basis": "reported"}  # fmt: skip
    releases = [
        c
        for c in claims
        if c.get("category") in ("hostages_released", "prisoners_released")
        and c.get("modality") == "reported"
        and c.get("value") is not None
        and not c.get("cumulative")
        and (known_on(c) or dt.date.max) <= as_of
        and in_phase(happened_on(c), phase)
    ]
    counts = []
    for category in ("hostages_released", "prisoners_released"):
        figures = per_report_figures([c for c in releases if c["category"] == category], releases)
        # days, not clusters: "175 in the swap, another 22 outside it" is one day's
        counts.append(len({e["day"] for e in cluster_exchanges(figures)}))
    if not max(counts):
        return {"count": None, "source": None, "doc": None, "basis": None}
    return {"count": max(counts), "source": None, "doc": None, "basis": "release figures"}


# Categories whose figures are compared across sources (a toll by one account
# against another's); releases and exchanges are reconciled per obligation.
COMPARED = ("killed", "wounded", "displaced", "hostages_held")
# A war's running toll ("more than 46,000 killed since October 2023") and one
# incident's dead ("at least 19 killed in strikes during the delay") are different
# quantities: they are compared only with their own kind.
FIGURE_KINDS = (("running", True), ("incident", False))


def competing_figures(claims: list[dict], as_of: dt.date) -> list[dict]:
    """Per compared category and kind (running toll or incident count), each named
    source's latest figure: the tolls side by side, whether or not they differ."""
    result = []
    for category in COMPARED:
        for kind, cumulative in FIGURE_KINDS:
            latest: dict[str | None, dict] = {}
            for claim in claims:
                if claim.get("category") != category or claim.get("modality") != "reported":
                    continue
                if bool(claim.get("cumulative")) is not cumulative:
                    continue
                if claim.get("value") is None or (known_on(claim) or dt.date.max) > as_of:
                    continue
                key = claim.get("source")
                if key is None:
                    continue
                current = latest.get(key)
                if current is None or (known_on(claim), claim["value"]) > (
                    known_on(current),
                    current["value"],
                ):
                    latest[key] = claim
            if latest:
                result.append({"category": category, "kind": kind, "values": _by_source(latest)})
    return result


def _by_source(latest: dict[str, dict]) -> list[dict]:
    return [
        {
            "value": c["value"],
            "qualifier": c.get("qualifier"),
            "source": source,
            "location": c.get("location"),
            "subject": c.get("subject"),
            "date": _iso(known_on(c)),
            "doc": c["doc"],
            "evidence": c.get("evidence"),
        }
        for source, c in sorted(latest.items(), key=lambda kv: -kv[1]["value"])
    ]
