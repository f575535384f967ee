"""Draft use cases: render an action's message, check any text, keep the user's edits."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from followthrough import shapes
from followthrough.domain import guards
from followthrough.domain.errors import ValidationError
from followthrough.domain.parse import check_one_line
from followthrough.drafts import context as ctx
from followthrough.drafts import render
from followthrough.services import checking
from followthrough.services.context import Context
from followthrough.store import draft_names, journal
from followthrough.text.regex_cache import kept


@dataclasses.dataclass
class Drafts:
    """Drafting for one user."""

    svc: Context
    user_dir: Path | None = None

    # ------------------------------------------------------------ rendering

    def draft(
        self,
        action_id: int,
        as_kind: str | None = None,
        extras: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Return the draft of an action (the user's edited text if there is one), checked.
        `extras`: `link` and `note` (what a value-add shares), `attached` (what was promised
        is attached to this message)."""
        extras = _checked_extras(extras or {})
        with kept(), self.svc.repo.read() as conn:
            row = self.svc.repo.action(conn, action_id)
            kind = as_kind or ctx.ACTION_DRAFT.get(row["kind"])
            if kind is None:
                raise ValidationError(
                    "action", f"{row['kind']} sends no message, so it has no draft"
                )
            if kind not in ctx.DRAFT_KINDS:
                raise ValidationError("as", f"{kind!r}; use one of {', '.join(ctx.DRAFT_KINDS)}")
            if row["application_id"] is None:
                raise ValidationError("action", "this action belongs to no application")
            facts = self.svc.repo.facts(conn, row["application_id"])
            zone = self.svc.week(conn).zone
            names = self._names(conn, row["application_id"])
            me = self.svc.settings(conn).get("name") or None
            templates = render.phrasings(kind, self.user_dir)
            if not templates:
                raise ValidationError("kind", f"no template for {kind}")
            variant = self._variant(row, facts, len(templates))
            if kind != "value-add" and (extras["link"] or extras["note"]):
                field = "link" if extras["link"] else "note"
                raise ValidationError(
                    field,
                    f"only a value-add shares a link; this draft is a {kind} (add "
                    "--as value-add to share it instead)",
                )
            context = ctx.build_context(kind, row, facts, me, zone, variant, extras)
            rendered = render.render(templates[variant], context, self.user_dir)
            subject, body = rendered.subject, _greet_nameless(rendered.body, row, facts)
            edited = bool(row["edited"]) and row["draft_body"] is not None and as_kind is None
            if edited:
                subject, body = row["draft_subject"] or "", row["draft_body"]
            result = self._check(conn, body, kind, row, facts, names)
            recipient = shapes.action_json(row, zone)["recipient"]
            return {
                "action_id": action_id,
                "kind": kind,
                "channel": ctx.DRAFT_CHANNEL[kind],
                "recipient": recipient,
                "subject": subject,
                "body": body,
                "findings": result["findings"],
                "words": result["words"],
                "missing": ctx.missing_facts(kind, context),
                "template": rendered.template,
                "edited": edited,
                "notice": _notice(row, recipient, kind, context, edited),
                "promised": context.get("promised"),
            }

    @staticmethod
    def _variant(row: Mapping[str, Any], facts: Any, count: int) -> int:
        key = str(row["key"])
        if row["kind"] == "thank-you" and row["interview_id"] is not None:
            panel = next(
                (iv.interviewer_ids for iv in facts.interviews if iv.id == row["interview_id"]),
                (),
            )
            person = row["via_contact_id"] or row["recipient_contact_id"]
            position = panel.index(person) if person in panel else 0
            return ctx.choose_variant(f"thank-you:i{row['interview_id']}", count, position)
        return ctx.choose_variant(key, count)

    def polish(
        self,
        action_id: int,
        model_id: str | None,
        as_kind: str | None = None,
        extras: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Return the draft rewritten by the user's language model, checked again."""
        from followthrough.drafts.polish import polish

        result = self.draft(action_id, as_kind, extras)
        text = (f"Subject: {result['subject']}\n\n" if result["subject"] else "") + result["body"]
        facts = self._facts_for_model(action_id)
        polished, model = polish(text, result["kind"], facts, model_id)
        subject, body = split_message(polished)
        with self.svc.repo.read() as conn:
            row = self.svc.repo.action(conn, action_id)
            app_facts = self.svc.repo.facts(conn, row["application_id"])
            names = self._names(conn, row["application_id"])
            checked = self._check(conn, body, result["kind"], row, app_facts, names)
        return {
            **result,
            "subject": subject or result["subject"],
            "body": body,
            "findings": checked["findings"],
            "words": checked["words"],
            "polished_by": model,
        }

    def _facts_for_model(self, action_id: int) -> list[str]:
        with self.svc.repo.read() as conn:
            row = self.svc.repo.action(conn, action_id)
            facts = self.svc.repo.facts(conn, row["application_id"])
            me = self.svc.settings(conn).get("name")
        app = facts.application
        out = [f"company: {app.company}", f"role: {app.role}"]
        if row["recipient_name"]:
            out.append(f"recipient: {row['recipient_name']}")
        if row["via_name"]:
            out.append(f"to be passed on to: {row['via_name']}")
        if me:
            out.append(f"sender: {me}")
        for d in facts.debriefs.values():
            out += [f"topic discussed: {t}" for t in d.topics]
            out += [f"my project: {p}" for p in d.projects[:2]]
        for iv in facts.interviews:
            out += [f"promised: {p}" for p in iv.promises]
        return out

    def save(self, action_id: int, subject: str, body: str) -> dict[str, Any]:
        """Store the user's own text for an action's draft (the action is marked edited)."""
        check_one_line(subject, "subject")
        if not body.strip():
            raise ValidationError("body", "is empty; write the message or drop --edit")
        checking.check_size(body, "body")
        repo = self.svc.repo.writer()
        with repo.write(self.svc.now, self.svc.interface) as conn:
            action = repo.action(conn, action_id)
            journal.describe(conn, conn.info.get("event"), "draft-edit",
                             f"Edited the draft of “{action['title']}”",
                             action["application_id"])  # fmt: skip
            repo.set_action(
                conn,
                action_id,
                draft_subject=subject,
                draft_body=body,
                edited=True,
                updated_at=self.svc.now,
            )
        return self.draft(action_id)

    # ------------------------------------------------------------ checking

    def lint(self, text: str, kind: str | None = None, app_id: int | None = None) -> dict[str, Any]:
        """Return the checker's findings on any text (as a draft for `app_id`, or for the
        application it names): services/checking.py, also answering the read route."""
        return checking.lint(self.svc, text, kind, app_id)

    def _check(
        self,
        conn: Connection,
        text: str,
        kind: str | None,
        row: Mapping[str, Any] | None,
        facts: Any,
        names: tuple[set[str], set[str]],
    ) -> dict[str, Any]:
        from followthrough.domain.checker import check, word_count
        from followthrough.text.lexicons import lexicons_for

        own, others = names
        me = self.svc.settings(conn).get("name")
        words = checking.debriefed(facts)
        context = checking.context(conn, self.svc.repo, kind, words, own, others, me)
        read = text[: checking.MAX_CHECKED]  # a body stored before the limit: its head only
        findings = [f.as_dict() for f in check(read, context, lexicons_for(read))]
        if len(read) < len(text):
            findings.append({"rule": "length", "severity": "warning", "start": len(read),
                             "end": len(text), "message": f"only the first "
                             f"{checking.MAX_CHECKED:,} characters were checked"})  # fmt: skip
        if row is not None and facts is not None:
            findings += self._guard_findings(conn, row, facts, text, kind)
        return {"words": word_count(text), "findings": findings}

    def _guard_findings(
        self,
        conn: Connection,
        row: Mapping[str, Any],
        facts: Any,
        text: str,
        kind: str | None,
    ) -> list[dict[str, Any]]:
        due = shapes.aware(row["due_at"])
        assert due is not None
        # the guards judge the message being written: its draft kind (a recruiter call's note
        # is a thank-you; `--as check-in` is a check-in), sent at the action's due time
        out = guards.Outgoing(
            at=max(self.svc.now, due),
            kind=kind or ctx.ACTION_DRAFT.get(row["kind"], row["kind"]),
            recipient_id=row["recipient_contact_id"],
            channel=row["channel"],
            text=text,
        )
        verdicts = guards.check_outgoing(out, facts, self.svc.week(conn), self.svc.policy(conn))
        return [
            {
                "rule": v.guard,
                "severity": "warning",
                "start": 0,
                "end": 0,
                "message": f"{v.reason} ({', '.join(v.sources)})",
            }
            for v in verdicts
        ]

    def _names(self, conn: Connection, app_id: int | None) -> tuple[set[str], set[str]]:
        """Return (names of this application, names of the user's other applications)."""
        return draft_names.names_around(conn, self.svc.repo.owner, app_id)


def split_message(text: str) -> tuple[str, str]:
    """Split 'Subject: ...' + blank line + body into (subject, body)."""
    text = text.lstrip("\n")
    if text.startswith("Subject:"):
        first, _, rest = text.partition("\n")
        return first[len("Subject:") :].strip(), rest.strip("\n") + "\n"
    return "", text.strip("\n") + "\n"


def _no_address(row: Mapping[str, Any], recipient: Any, channel: str) -> str | None:
    """Return what to say at the top of an e-mail draft whose recipient has no address."""
    if channel != "email" or recipient is None or recipient.get("email"):
        return None
    name = recipient.get("name") or "them"
    who = row.get("recipient_contact_id")
    edit = f"`followthrough contact edit {who} --email ...`" if who else "`contact edit`"
    return f"no e-mail address for {name}: add one with {edit}, or ask the recruiter to pass it on"


def _checked_extras(extras: Mapping[str, Any]) -> dict[str, Any]:
    """Return the user's extras for a draft, refusing a link that is no web address."""
    link = (extras.get("link") or "").strip() or None
    if link is not None and not re.match(r"https?://[^\s/]+\.[^\s]+$", link):
        raise ValidationError("link", f"{link!r} is not a web address; give it as https://...")
    note = (extras.get("note") or "").strip() or None
    if note is not None:
        check_one_line(note, "note")
    return {"link": link, "note": note, "attached": bool(extras.get("attached"))}


#: The kinds whose notes say what was promised ("As promised, I will also send ..."); a
#: withdrawal or a referee's note has nothing to attach.
PROMISING = frozenset({"thank-you", "recruiter-thanks"})


def _notice(
    row: Mapping[str, Any], recipient: Any, kind: str, context: Mapping[str, Any], edited: bool
) -> str | None:
    """Return what to tell the user above the draft: no address to send it to, something
    promised to attach, a value-add with nothing to share yet."""
    said = [_no_address(row, recipient, ctx.DRAFT_CHANNEL[kind])]
    action = row.get("id")
    if context.get("promised") and kind in PROMISING and not edited:
        if context.get("attached"):
            said.append(f"remember to attach {context['promised']} before you send it")
        else:
            said.append(
                f"you promised {context['promised']}: attach it and mark it attached "
                f"(`followthrough draft {action} --attached`), or send it separately as the "
                "note says"
            )
    if kind == "value-add" and not context.get("link") and not edited:
        said.append(
            "share something of yours, not their own news: add a link and a few words on it "
            f"(`followthrough draft {action} --link URL --note 'what it is'`)"
        )
    return "; ".join(s for s in said if s) or None


#: The salutation that opens a draft: "Dear hiring team,", "Hi there,", "Hello Ann,".
_SALUTATION = re.compile(r"^(?:Dear|Hi|Hello)\b[^,\n]{0,40},", re.M)


def _greet_nameless(body: str, row: Mapping[str, Any], facts: Any) -> str:
    """Return the draft greeting "Hello," when it goes to a known person whose name we do not
    have (a contact recorded by address alone, or named after a mailbox): neither "Dear hiring
    team" nor a guess from the address."""
    contact = facts.contacts.get(row.get("recipient_contact_id")) if facts is not None else None
    if contact is None or ctx.first_name(contact.name):
        return body
    return _SALUTATION.sub("Hello,", body, count=1)
