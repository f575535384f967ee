"""The draft checker's wrong-name rule: a name from another of the user's applications.

Pure and stdlib only. Names are matched word by word (case-insensitive, a trailing 's ignored);
a one-word name that is also a dictionary word counts only when written with a capital.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from followthrough.domain.checker_model import CheckContext, Finding, Lexicons
from followthrough.domain.checker_phrases import ERROR, GREETED, WORD
from followthrough.domain.checker_text import find_words, norm, own_words

_FIRST_RUN = re.compile(r"\w+")
#: A title and a surname anywhere in the text ("the interview with Dr. Fox"): as telling as a
#: full name, where a lone first name is not.
TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?\s+([A-Z][^\W\d_]+)\b")


@functools.lru_cache(maxsize=256)
def _name_index(names: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name in names:
        key = tuple(norm(w).removesuffix("'s") for w in WORD.findall(name))
        if key:
            index.setdefault(key[0], []).append((key, name))
    for options in index.values():
        options.sort(key=lambda o: -len(o[0]))
    return index


def _find_names(
    text: str, names: tuple[str, ...], lex: Lexicons | None
) -> Iterable[tuple[int, int, str]]:
    index = _name_index(names)
    if not index:
        return
    matches = list(find_words(text))
    words = [norm(m.group()).removesuffix("'s") for m in matches]
    for i, word in enumerate(words):
        for key, name in index.get(word, ()):
            if tuple(words[i : i + len(key)]) != key:
                continue
            # A one-word name that is also a plain word ("Orange", "Target") counts only
            # when written with a capital, as a name is.
            if (
                lex is not None
                and len(key) == 1
                and lex.known(key[0])
                and not matches[i].group()[0].isupper()
            ):
                continue
            yield matches[i].start(), matches[i + len(key) - 1].end(), name
            break


def check_wrong_names(text: str, ctx: CheckContext, lex: Lexicons) -> list[Finding]:
    """Return the `wrong-name` findings: names of other applications that are not this one's."""
    own_keys = {norm(n) for n in ctx.own_names}
    others = tuple(n for n in ctx.other_names if norm(n) not in own_keys)
    if not others:
        return []
    own_spans = [(s, e) for s, e, _ in _find_names(text, ctx.own_names, None)]
    hits = [
        hit
        for hit in _find_names(text, others, lex)
        if not any(hit[0] < b and a < hit[1] for a, b in own_spans)
    ]
    # Greeting someone by the first name of another application's contact is the classic mix-up;
    # elsewhere a lone first name is too common a word to flag.
    greeting = GREETED.match(text)
    if greeting and not any(a <= greeting.start(2) < b for a, b in own_spans):
        greeted, by_surname = norm(greeting.group(2)), bool(greeting.group(1))
        own = own_words(ctx)
        for name in others:
            words = WORD.findall(name)
            if (
                len(words) > 1
                and norm(words[-1 if by_surname else 0]) == greeted
                and greeted not in own
            ):
                hits.append((greeting.start(2), greeting.end(2), name))
                break
    hits += _titled(text, others, own_words(ctx), own_spans)
    return [
        Finding(
            "wrong-name",
            ERROR,
            s,
            e,
            f"{text[s:e]!r} belongs to another of your applications ({name}), not this "
            "one: check the company, the role and every name",
        )
        for s, e, name in sorted(set(hits))
    ]


def _titled(
    text: str, others: tuple[str, ...], own: frozenset[str], own_spans: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Return the surnames of other applications' people named with a title ("Dr. Fox" for
    Ellen Fox), unless the surname is also one of this application's words."""
    surnames = {
        norm(words[-1]): name for name in others if len(words := WORD.findall(name)) > 1
    }
    return [
        (m.start(1), m.end(1), surnames[key])
        for m in TITLED.finditer(text)
        if (key := norm(m.group(1))) in surnames
        and key not in own
        and not any(a <= m.start(1) < b for a, b in own_spans)
    ]


def infer_application(
    text: str, apps: Mapping[int, Iterable[str]], lex: Lexicons
) -> tuple[int | None, tuple[int, ...]]:
    """Return the application `text` is about, and the other applications it also names.

    `apps` maps each application to its names (company, role, agency, people). Only names that
    belong to one application tell them apart (a recruiter or referee shared by two does not).
    The application whose names appear most is the one the text is about (the first named
    breaks a tie: the greeting comes first); the others named are a mix-up. No name: (None, ()).
    """
    owners: dict[str, set[int]] = {}
    for app_id, names in apps.items():
        for name in names:
            key = norm(name)
            ids = owners.get(key)
            if ids is None:
                owners[key] = {app_id}
            else:
                ids.add(app_id)
    # a name can only be found if its first run of word characters is in the text: a cheap
    # test that spares indexing the words of the hundreds of names a text never uses
    low = norm(text)
    unique = {
        n: n
        for n, ids in owners.items()
        if len(ids) == 1 and (m := _FIRST_RUN.search(n)) is not None and m.group() in low
    }
    found: dict[int, tuple[set[str], int]] = {}
    for start, _end, name in _find_names(text, tuple(sorted(unique)), lex):
        (app_id,) = owners[norm(name)]
        names, first = found.get(app_id, (set(), start))
        names.add(norm(name))
        found[app_id] = (names, min(first, start))
    greeting = GREETED.match(text)
    if greeting:  # "Dear Ann," names Ann Lee's application when she is in one only
        greeted, by_surname = norm(greeting.group(2)), bool(greeting.group(1))
        people = {
            app_id
            for name, ids in owners.items()
            if greeted in name
            and len(words := WORD.findall(name)) > 1
            and words[-1 if by_surname else 0] == greeted
            for app_id in ids
        }
        if len(people) == 1:
            (app_id,) = people
            names, _first = found.get(app_id, (set(), 0))
            found[app_id] = (names | {f"greeting:{greeted}"}, greeting.start(2))
    ranked = sorted(found, key=lambda a: (-len(found[a][0]), found[a][1]))
    return (ranked[0], tuple(ranked[1:])) if ranked else (None, ())
