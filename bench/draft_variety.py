"""Can a reader tell which template a thank-you came from? Ten drafts for a blind reviewer.

    python bench/draft_variety.py OUT [--templates DIR] [--seed N]   # OUT/drafts.md, OUT/key.json
    python bench/draft_variety.py --score OUT/key.json GROUPS.json    # agreement with the key

Ten applications with different companies, roles, people, topics and projects (drawn with
`--seed`) each get the thank-you a user would see (the same variant choice and context as
`followthrough draft`), rendered with the packaged templates or with those of `--templates DIR`
(for example an older version taken out of git). OUT/drafts.md lists them in a shuffled order
without their template; OUT/key.json says which template each came from. A reviewer who never saw
the templates groups the drafts by the template they think made them (GROUPS.json: a list of
lists of draft numbers); `--score` prints the adjusted Rand index of that grouping against the
key (1: the templates are told apart exactly; about 0: no better than chance) and the share of
pairs judged right. Results go to docs/drafts.md by hand, with the reviewer's own words.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from itertools import combinations
from pathlib import Path
from zoneinfo import ZoneInfo

from followthrough.domain.model import (
    Application,
    ApplicationFacts,
    Contact,
    Debrief,
    Format,
    Interview,
    Role,
)
from followthrough.drafts import context as ctx
from followthrough.drafts import render

ZONE = ZoneInfo("Europe/London")
COMPANIES = ["Halden Foods", "Brightwater Health", "Norvik Energy", "Cobalt Ledger",
             "Marlow & Finch", "Tidewell Logistics", "Quillstone Press", "Arbor Schools Trust",
             "Pellucid Labs", "Castlegate Council", "Juniper Retail", "Orrery Games"]  # fmt: skip
ROLES = ["Data Analyst", "Ward Manager", "Site Engineer", "Product Designer", "Paralegal",
         "Operations Lead", "Editor", "Head of Maths", "Platform Engineer", "Policy Officer",
         "Store Manager", "QA Lead"]  # fmt: skip
PEOPLE = ["Priya Nair", "Tom Baker", "Sofia Rossi", "Kwame Mensah", "Hannah Becker",
          "Luis Ortega", "Mei Chen", "Olivia Grant", "Ravi Kapoor", "Aisling Byrne", "Jonas Berg",
          "Nadia Haddad"]  # fmt: skip
TOPICS = ["their move to weekly releases", "the new patient-flow dashboard",
          "the offshore wind tender", "their ledger reconciliation backlog",
          "the cross-border disputes practice", "the Leeds depot rollout",
          "the spring poetry list", "the maths mastery programme", "their Kubernetes migration",
          "the housing strategy consultation", "the store refit in Bath",
          "their flaky test suite"]  # fmt: skip
PROJECTS = ["rebuilt our reporting in dbt", "cut ward handover time by a third",
            "led the substation commissioning at Hornsea", "designed the onboarding flow at Kite",
            "ran disclosure on a 40-party arbitration", "opened two depots in a year",
            "edited a prize-shortlisted debut", "raised GCSE pass rates by 12 points",
            "moved 200 services to Terraform", "drafted the council's cycling policy",
            "turned round the Exeter store", "introduced contract testing at Fable"]  # fmt: skip


def facts(i: int, rng: random.Random) -> tuple[ApplicationFacts, dict[str, object]]:
    """Return application `i` with one interview and its debrief, and the thank-you's row."""
    company, role = COMPANIES[i], ROLES[i]
    person = PEOPLE[i]
    contact = Contact(10 + i, person, f"{person.split()[0].lower()}@example.com",
                      role=Role.INTERVIEWER, direct_contact=True)  # fmt: skip
    start = dt.datetime(2026, 11, 2 + rng.randrange(20), 10, 0, tzinfo=ZONE)
    interview = Interview(i + 1, i + 1, start=start, end=start + dt.timedelta(hours=1),
                          format=rng.choice([Format.VIDEO, Format.IN_PERSON]),
                          interviewer_ids=(contact.id,))  # fmt: skip
    debrief = Debrief(i + 1, start + dt.timedelta(hours=2), topics=(TOPICS[i],),
                      projects=(PROJECTS[i],))  # fmt: skip
    app = Application(i + 1, company, role)
    row = {"key": f"thank-you:i{i + 1}:c{contact.id}", "interview_id": i + 1,
           "recipient_contact_id": contact.id, "recipient_name": person,
           "via_contact_id": None, "via_name": None}  # fmt: skip
    return ApplicationFacts(app, {contact.id: contact}, (interview,), {i + 1: debrief}), row


def drafts(templates: Path | None, seed: int) -> list[tuple[str, str]]:
    """Return (template, text) of ten thank-yous, in a shuffled order."""
    rng = random.Random(seed)
    out = []
    for i in rng.sample(range(len(COMPANIES)), 10):
        f, row = facts(i, rng)
        names = render.phrasings("thank-you", templates)
        variant = ctx.choose_variant(f"thank-you:i{row['interview_id']}", len(names), 0)
        context = ctx.build_context("thank-you", row, f, "Sam Carter", ZONE, variant)
        shown = render.render(names[variant], context, templates)
        out.append((shown.template, f"Subject: {shown.subject}\n\n{shown.body}"))
    rng.shuffle(out)
    return out


def score(key: list[str], groups: list[list[int]]) -> tuple[float, float]:
    """Return (adjusted Rand index, share of pairs judged right) of `groups` against `key`."""
    label = {n: g for g, members in enumerate(groups) for n in members}
    n = len(key)
    pairs = list(combinations(range(n), 2))
    same_true = [key[a] == key[b] for a, b in pairs]
    same_seen = [label.get(a + 1, -1 - a) == label.get(b + 1, -1 - b) for a, b in pairs]
    right = sum(t == s for t, s in zip(same_true, same_seen, strict=True)) / len(pairs)
    both = sum(t and s for t, s in zip(same_true, same_seen, strict=True))
    expected = sum(same_true) * sum(same_seen) / len(pairs)
    top = (sum(same_true) + sum(same_seen)) / 2
    ari = (both - expected) / (top - expected) if top != expected else 1.0
    return ari, right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--templates", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--score", nargs=2, type=Path, metavar=("KEY", "GROUPS"))
    args = parser.parse_args(argv)
    if args.score:
        key = json.loads(args.score[0].read_text())
        ari, right = score(key, json.loads(args.score[1].read_text()))
        print(f"adjusted Rand index {ari:.2f}; pairs judged right {right:.0%}")
        return 0
    if args.out is None:
        parser.error("give OUT, or --score KEY GROUPS")
    made = drafts(args.templates, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    text = "\n\n".join(f"## Draft {n}\n\n{body}" for n, (_, body) in enumerate(made, 1))
    (args.out / "drafts.md").write_text(text + "\n", encoding="utf-8")
    (args.out / "key.json").write_text(json.dumps([t for t, _ in made]), encoding="utf-8")
    print(f"wrote {args.out}/drafts.md and key.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
