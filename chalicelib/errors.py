"""The project's own exceptions: AWS and input errors translated at the boundary.

Each error carries the key of its sentence in `texts` and the facts to fill in,
so the handler that catches it can answer in the reader's language and decide
between "refuse", "retry" and "drop" by type, never by parsing message text.
"""

import re

from chalicelib import texts

# Seven digits or more, with the separators people write: what could be a
# phone number inside a fact.
_NUMBER_LIKE = re.compile(r"\+?\d[\d ()./-]{5,}\d")


class WijkalertError(Exception):
    """Base of everything wijkalert raises on purpose.

    `str(error)` is what ends up in Lambda's and CloudWatch's logs when an
    error escapes, so it masks phone numbers; `sentence` is what the person
    who typed the number reads, whole.
    """

    def __init__(self, key: str, *, field: str | None = None, **facts: object):
        self.key = key
        self.field = field
        self.facts = facts
        masked = {name: _masked(value) for name, value in facts.items()}
        super().__init__(texts.say(key, "en", **masked))

    def sentence(self, language: str | None = None) -> str:
        """The error as one clear sentence in `language`."""
        return texts.say(self.key, language, **self.facts)


class InvalidInput(WijkalertError):
    """Input a person gave is wrong; nothing was written."""


class InvalidPhoneNumber(InvalidInput):
    """A phone number that is unreadable, empty or cannot exist."""


class MemberExists(WijkalertError):
    """The phone number is already on this neighbourhood's roster."""


class MemberNotFound(WijkalertError):
    """The phone number is not on this neighbourhood's roster."""


class NeighbourhoodConflict(WijkalertError):
    """A neighbourhood id or long code is already in use."""


class MissingSetting(WijkalertError):
    """A required environment setting is absent or unusable at start."""


class SubscriptionFailed(WijkalertError):
    """SNS refused to subscribe a member's number to the members topic."""


class BroadcastFailed(WijkalertError):
    """Publishing to the members topic failed; the caller should retry."""


class MalformedInbound(WijkalertError):
    """An inbound event that is not a usable SMS; dropped, never retried."""


class TokenNotFound(WijkalertError):
    """No token with that id in this neighbourhood."""


class PayloadTooLarge(InvalidInput):
    """A request body larger than wijkalert accepts."""


class NeighbourhoodNotFound(WijkalertError):
    """No neighbourhood with that id."""


class MemberNotPending(WijkalertError):
    """Approve or refuse asked for a member who did not ask to join."""


class AlertNotFound(WijkalertError):
    """No alert with that id in this neighbourhood."""


class AlertNotBroadcast(WijkalertError):
    """A change only an alert that went round can take, asked of a text held back."""


def _masked(value: object) -> object:
    """`value` with every run that could be a phone number cut to its last digits."""
    if not isinstance(value, str):
        return value
    return _NUMBER_LIKE.sub(lambda match: "***" + match.group()[-3:], value)
