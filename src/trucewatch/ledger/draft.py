"""Draft an agreement spec from reports, for users who do not have the agreement's text.

Everything proposed comes from records, and every line of the YAML says which
report and sentence it came from, so a user checks the draft against the
evidence before trusting a ledger built on it:

- **parties**: the actors of AGREE events and of ceasefire events (PLOVER
  RETREAT/ceasefire), most often named first; the two most frequent;
- **mediators**: the actors of mediation events (CONSULT/mediate) that are
  not parties;
- **phase start**: the most reported date of a ceasefire taking effect;
- **phase length**: the most reported duration stated as a term in a sentence
  about a phase (``42-day first phase``, ``will last 42 days``); weeks and
  months are converted to days;
- **obligations**: per figure category of releases, the quantity most often
  stated as a term (``Hamas is to free 33 hostages``), approximate when its
  qualifier says so; the party is the actor of a planned release in the same
  sentence, or else, with two parties, the other party than the one whose
  obligation is known.

Only reports that name a party count once the parties are known, so a folder
of reports on several conflicts drafts the most reported agreement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import yaml

from trucewatch.ledger.spec import parse_spec

UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
RELEASES = {"hostages_released": "hostages", "prisoners_released": "prisoners"}
APPROXIMATE = {"around", "about", "some", "nearly", "approximately", "roughly", "almost"}


def _cite(record: dict, limit: int = 90) -> str:
    sentence = " ".join((record.get("evidence") or "").split())
    if len(sentence) > limit:
        sentence = sentence[: limit - 3] + "..."
    return f"{record['doc']} ({record.get('doc_date') or 'undated'}): {sentence}"


def _names(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def draft(claims: Iterable[dict], events: Iterable[dict]) -> dict:
    """The proposed spec as a dict, with ``_evidence`` notes keyed like the spec's fields."""
    claims, events = list(claims), list(events)
    notes: dict[str, str] = {}

    agreeing = [
        e
        for e in events
        if e.get("status") in ("occurred", "planned")
        and (
            e.get("type") == "AGREE"
            or (e.get("type") == "RETREAT" and e.get("mode") == "ceasefire")
        )
    ]
    votes = Counter(name for e in agreeing for name in _names(e.get("actor")))
    parties = [name for name, _ in votes.most_common(2)]
    for party in parties:
        notes[f"party:{party}"] = _cite(
            next(e for e in agreeing if party in _names(e.get("actor")))
        )

    def in_scope(record: dict) -> bool:
        return not parties or record["doc"] in scope_docs

    scope_docs = {
        e["doc"]
        for e in events
        for n in _names(e.get("actor")) + _names(e.get("target"))
        if n in parties
    }
    mediating = [
        e
        for e in events
        if e.get("type") == "CONSULT" and e.get("mode") == "mediate" and in_scope(e)
    ]
    mediator_votes = Counter(
        name for e in mediating for name in _names(e.get("actor")) if name not in parties
    )
    mediators = [name for name, _ in mediator_votes.most_common()]
    for name in mediators:
        notes[f"mediator:{name}"] = _cite(
            next(e for e in mediating if name in _names(e.get("actor")))
        )

    starts = [
        e for e in events
        if e.get("type") == "RETREAT" and e.get("mode") == "ceasefire" and e.get("date")
        and e.get("status") in ("occurred", "planned") and in_scope(e)
    ]  # fmt: skip
    start_votes = Counter(str(e["date"]) for e in starts)
    start = start_votes.most_common(1)[0][0] if start_votes else None
    if start:
        notes["start"] = _cite(next(e for e in starts if str(e["date"]) == start))

    lengths = [
        c for c in claims
        if c.get("category") == "duration" and c.get("modality") == "term" and in_scope(c)
        and (c.get("subject") or "").lower() in UNIT_DAYS and c.get("value")
        and "phase" in (c.get("evidence") or "").lower()
    ]  # fmt: skip
    length_votes = Counter(int(c["value"] * UNIT_DAYS[c["subject"].lower()]) for c in lengths)
    days = length_votes.most_common(1)[0][0] if length_votes else None
    if days:
        notes["days"] = _cite(
            next(c for c in lengths if int(c["value"] * UNIT_DAYS[c["subject"].lower()]) == days)
        )

    obligations = []
    for category, what in RELEASES.items():
        terms = [
            c for c in claims
            if c.get("category") == category and c.get("modality") == "term" and c.get("value")
            and in_scope(c)
        ]  # fmt: skip
        if not terms:
            continue
        quantity = Counter(int(c["value"]) for c in terms).most_common(1)[0][0]
        chosen = [c for c in terms if int(c["value"]) == quantity]
        approx = any((c.get("qualifier") or "") in APPROXIMATE for c in chosen)
        party = releasing_party(chosen, events, parties)
        obligations.append(
            {"id": what, "party": party, "action": "release", "what": what,
             "quantity": quantity, "approx": approx}
        )  # fmt: skip
        notes[f"obligation:{what}"] = _cite(chosen[0]) + f" [stated {len(chosen)} time(s)]"
    known = {o["party"] for o in obligations if o["party"]}
    for obligation in obligations:
        if obligation["party"] is None and len(parties) == 2 and len(known) == 1:
            obligation["party"] = next(p for p in parties if p not in known)
            notes[f"party-of:{obligation['id']}"] = "inferred: the other party"

    spec = {
        "id": "-".join(p.lower().replace(" ", "") for p in parties) or "draft",
        "name": " and ".join(parties) + " agreement (drafted from reports)",
        "parties": parties,
        "mediators": mediators,
        "phases": [{"name": "Phase 1", "start": start, "days": days, "obligations": obligations}],
    }
    return {"spec": spec, "notes": notes}


def releasing_party(terms: list[dict], events: Iterable[dict], parties: list[str]) -> str | None:
    """The actor of a planned release whose words hold a stated term ("Hamas is to free 33
    hostages"), if a party."""
    for claim in terms:
        for event in events:
            holds = event["doc"] == claim["doc"] and event["start"] <= claim["start"] < event["end"]
            if holds and event.get("type") == "RETREAT" and event.get("mode") == "release":
                for name in _names(event.get("actor")):
                    if name in parties or not parties:
                        return name
    return None


def draft_yaml(result: dict) -> str:
    """The draft as YAML, each proposed value followed by a comment citing its evidence.

    The text is checked with the spec parser, so what is printed loads as a spec.
    """
    spec, notes = result["spec"], result["notes"]
    lines = [
        "# Drafted by trucewatch from reports: check every value against its evidence.",
        f"id: {spec['id']}",
        f"name: {_scalar(spec['name'])}",
        f"parties: {_flow(spec['parties'])}",
    ]
    lines += [f"#   {p}: {notes[f'party:{p}']}" for p in spec["parties"]]
    lines.append(f"mediators: {_flow(spec['mediators'])}")
    lines += [f"#   {m}: {notes[f'mediator:{m}']}" for m in spec["mediators"]]
    phase = spec["phases"][0]
    lines += ["phases:", f"  - name: {phase['name']}"]
    lines.append(f"    start: {phase['start'] or 'null'}")
    if "start" in notes:
        lines.append(f"    #   {notes['start']}")
    if phase["days"]:
        lines += [f"    days: {phase['days']}", f"    #   {notes['days']}"]
    lines.append("    obligations:" + ("" if phase["obligations"] else " []"))
    for o in phase["obligations"]:
        oid = o["id"]
        lines += [
            f"      - id: {o['id']}",
            f"        party: {o['party'] or 'null  # not found: fill in'}",
            f"        action: {o['action']}",
            f"        what: {o['what']}",
            f"        quantity: {o['quantity']}",
            f"        approx: {'true' if o['approx'] else 'false'}",
            f"        #   {notes['obligation:' + oid]}",
        ]
        if "party-of:" + oid in notes:
            lines.append(f"        #   party {notes['party-of:' + oid]}")
    text = "\n".join(_comment_safe(line) for line in lines) + "\n"
    if spec["parties"] and all(o["party"] for o in phase["obligations"]):
        parse_spec(text, "<draft>")
    return text


def _scalar(value: str) -> str:
    """A string as a YAML scalar on one line (quoted when YAML needs it)."""
    return yaml.safe_dump(value, width=10_000).strip().removesuffix("...").strip()


def _flow(names: list[str]) -> str:
    return "[" + ", ".join(_scalar(n) for n in names) + "]"


def _comment_safe(line: str) -> str:
    return line.replace("\n", " ")
