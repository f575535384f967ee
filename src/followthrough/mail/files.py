"""Exported mailboxes: an mbox file (Google Takeout, Thunderbird's folder files) or a Maildir
directory with its folders, read one message at a time (stdlib `mailbox`)."""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from pathlib import Path

from followthrough.domain.errors import ValidationError

#: Folder names that hold what the user sent, in the usual clients and languages.
SENT_NAMES = re.compile(
    r"(?:^|[./\\])(?:sent(?: items| mail| messages)?|gesendet(?:e elemente|e objekte)?"
    r"|envoy[ée]s|[ée]l[ée]ments envoy[ée]s|enviados|elementos enviados|posta inviata"
    r"|inviati|verzonden(?: items)?|skickat|sendt|l[äa]hetetyt|wys[łl]ane|送信済み|已发送)$",
    re.IGNORECASE,
)
_GMAIL_LABELS = re.compile(rb"^X-Gmail-Labels:[^\r\n]*\bSent\b", re.IGNORECASE | re.MULTILINE)


def is_sent_folder(name: str) -> bool:
    """Return True when a folder's name says it holds sent mail."""
    return bool(SENT_NAMES.search(name.strip()))


def _head(raw: bytes) -> bytes:
    end = raw.find(b"\n\n")
    end2 = raw.find(b"\r\n\r\n")
    cut = min(x for x in (end, end2, len(raw)) if x >= 0)
    return raw[:cut]


def read_export(path: Path) -> Iterator[tuple[str, bool, bytes]]:
    """Yield (folder, is the Sent folder, raw bytes) for each message of an mbox file or a
    Maildir (its INBOX, then each folder); raise ValidationError naming the fix when `path`
    is neither."""
    if path.is_dir():
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            raise ValidationError(
                "FILE",
                f"{path} is a folder but not a Maildir (no cur/ or new/); give an "
                "mbox file or a Maildir folder",
            )
        yield from _maildir(mailbox.Maildir(path, factory=None, create=False))
        return
    if not path.is_file():
        raise ValidationError("FILE", f"{path} does not exist; give an mbox file or a Maildir")
    with path.open("rb") as f:
        start = f.read(5)
    if start and start != b"From ":
        raise ValidationError(
            "FILE",
            f"{path} is not an mbox file (it does not start with 'From '); export the "
            "folder as mbox, or give a Maildir folder",
        )
    box = mailbox.mbox(path, factory=None, create=False)
    sent_file = is_sent_folder(path.stem)
    try:
        for key in box.iterkeys():
            raw = box.get_bytes(key)
            sent = sent_file or bool(_GMAIL_LABELS.search(_head(raw)))
            yield (path.stem, sent, raw)
    finally:
        box.close()


def _maildir(box: mailbox.Maildir, name: str = "INBOX") -> Iterator[tuple[str, bool, bytes]]:
    sent = is_sent_folder(name)
    for key in sorted(box.iterkeys()):
        yield (name, sent, box.get_bytes(key))
    for folder in sorted(box.list_folders()):
        sub = box.get_folder(folder)
        yield from _maildir(sub, folder if name == "INBOX" else f"{name}/{folder}")
