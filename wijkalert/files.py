"""Files people hand the command: event files and roster lists, read as written."""

from pathlib import Path

import click

from chalicelib import texts
from chalicelib.report import SPREADSHEET_MARK


class UnreadableFile(Exception):
    """A file that cannot be read; the message is a sentence for the user."""


class UnwritableFile(Exception):
    """A file that cannot be written; the message is a sentence for the user."""


def read_text(path: Path, lang: str) -> str:
    """A text file's content, whether saved as UTF-8 or as Excel saves it.

    Excel on a Dutch Windows saves "CSV (gescheiden door lijstscheidingsteken)"
    in cp1252, with semicolons; everything else writes UTF-8, sometimes with a
    byte-order mark.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = reason_for(error, lang)
        sentence = texts.say("sandbox.file_unreadable", lang, path=path, reason=reason)
        raise UnreadableFile(sentence) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def write_text(path: Path, document: str, lang: str) -> None:
    """Write `document` to `path` as UTF-8, or say in a sentence why not."""
    try:
        path.write_text(document, encoding="utf-8")
    except OSError as error:
        reason = reason_for(error, lang, writing=True)
        sentence = texts.say("report.file_unwritable", lang, path=path, reason=reason)
        raise UnwritableFile(sentence) from None


def show(document: str) -> None:
    """Print a report or export on the terminal: without the byte-order mark a
    spreadsheet needs in a file, which a terminal would print as a stray
    character."""
    click.echo(document.removeprefix(SPREADSHEET_MARK), nl=False)


def reason_for(error: OSError, lang: str, *, writing: bool = False) -> str:
    """Why a file could not be read or written, as a short phrase."""
    # A file about to be written is missing by nature; what is missing when
    # the write fails is a folder on the way to it, unless the folder is there
    # and refuses new files (such as /proc, which the system fills itself).
    if isinstance(error, FileNotFoundError):
        if not writing:
            return texts.say("sandbox.no_such_file", lang)
        if error.filename is not None and Path(error.filename).parent.is_dir():
            return texts.say("sandbox.folder_takes_no_files", lang)
        return texts.say("sandbox.no_such_folder", lang)
    if isinstance(error, IsADirectoryError):
        return texts.say("sandbox.is_directory", lang)
    if isinstance(error, NotADirectoryError):
        return texts.say("sandbox.not_a_folder", lang)
    if isinstance(error, PermissionError):
        key = "sandbox.no_write_permission" if writing else "sandbox.no_permission"
        return texts.say(key, lang)
    return error.strerror or str(error)
