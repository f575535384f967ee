"""Optional polish of a draft through a language model the user configured with `llm`.

Followthrough works fully without it. The model is told the facts it may use and nothing else;
whatever it returns goes through the same checker as any draft (the caller runs it).
"""

from __future__ import annotations

from collections.abc import Iterable

from followthrough.domain.errors import FollowthroughError

SYSTEM = """\
You polish short messages that a job seeker sends after an interview.
Rewrite the draft to read naturally and warmly, in the same language and about the same length
or shorter. Keep every fact exactly as given; add no new facts, names, numbers, companies,
claims or questions. Keep the greeting's recipient and the sign-off. Never add placeholders.
Reply with the message only: an optional first line "Subject: ...", a blank line, the body."""

HOW_TO_CONFIGURE = (
    "no language model configured: install one with `llm install <plugin>` (e.g. llm-gpt4all "
    "for a local model), then `llm models default <model>`, or pass --model"
)


class PolishError(FollowthroughError):
    """The language model could not be used; the message says how to fix it."""


def prompt_for(text: str, kind: str, facts: Iterable[str]) -> str:
    """Return the prompt: the facts the model may use, then the draft."""
    listed = "\n".join(f"- {f}" for f in facts if f)
    return (
        f"Kind of message: {kind}\nFacts you may use (and no others):\n{listed}\n\nDraft:\n{text}"
    )


def polish(text: str, kind: str, facts: Iterable[str], model_id: str | None) -> tuple[str, str]:
    """Return (polished text, model id) from the user's model, or raise PolishError."""
    try:
        import llm
    except ImportError:
        raise PolishError(
            "polish: the language-model extra is not installed: pip install 'followthrough[llm]'"
        ) from None
    if model_id is None and not (llm.user_dir() / "default_model.txt").exists():
        raise PolishError(f"polish: {HOW_TO_CONFIGURE}")
    try:
        model = llm.get_model(model_id) if model_id else llm.get_model(llm.get_default_model())
    except llm.UnknownModelError:
        raise PolishError(
            f"model: unknown model {model_id!r}; list yours with `llm models`"
        ) from None
    try:
        response = model.prompt(prompt_for(text, kind, facts), system=SYSTEM)
        result = response.text().strip()
    except llm.NeedsKeyException:
        raise PolishError(
            f"model: {model.model_id} needs an API key: `llm keys set <name>`, or choose "
            "another model with --model"
        ) from None
    except Exception as exc:  # a model plugin failing in its own way
        raise PolishError(f"polish: {model.model_id} failed: {exc}") from exc
    if not result:
        raise PolishError(f"polish: {model.model_id} returned nothing; the draft is unchanged")
    return result + "\n", model.model_id
