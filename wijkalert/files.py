"""Files people hand the command: event files and roster lists, read as written."""

from pathlib import Path

from chalicelib import texts


class UnreadableFile(Exception):
    """A file that cannot be read; the message is a sentence for the user."""


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


def reason_for(error: OSError, lang: str) -> str:
    """Why a file could not be read or written, as a short phrase."""
    if isinstance(error, FileNotFoundError):
        return texts.say("sandbox.no_such_file", lang)
    if isinstance(error, IsADirectoryError):
        return texts.say("sandbox.is_directory", lang)
    if isinstance(error, PermissionError):
        return texts.say("sandbox.no_permission", lang)
    return error.strerror or str(error)
