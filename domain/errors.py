"""Domain errors: every refusal the business can give, with a stable code.

    DomainError(code, message)
     ├── NotFound              an order, customer, product... that does not exist
     ├── InvalidTransition     a status change the transition table forbids
     ├── ValidationFailed      bad values; carries field errors
     ├── MergeRefused          two orders that cannot be merged, with the reason
     ├── ConcurrencyConflict   a lost race on an aggregate; the bus retries
     └── Forbidden             the caller may not do this (manager-only commands)

Codes are stable strings that tests and adapters may match on; messages are for a
person and say what was wrong and, where it helps, what to do instead.
"""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base of every refusal from the domain."""

    code: str = "error"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """The thing named does not exist."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind}.not_found", f"No {kind} {key}.")
        self.kind = kind
        self.key = key


class InvalidTransition(DomainError):
    """A status change that the transition table does not allow."""


@dataclass(frozen=True)
class FieldError:
    """One bad value: which field, and what was wrong with it."""

    field: str
    message: str


class ValidationFailed(DomainError):
    """One or more values were refused."""

    def __init__(self, code: str, message: str, errors: tuple[FieldError, ...] = ()) -> None:
        super().__init__(code, message)
        self.errors = errors

    @classmethod
    def field(cls, field: str, message: str, code: str = "validation.field") -> ValidationFailed:
        """A refusal of a single field."""
        return cls(code, f"{field}: {message}", (FieldError(field, message),))


class MergeRefused(DomainError):
    """Two orders that cannot be merged; `reason` is the stable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"merge.{reason}", message)
        self.reason = reason


class ConcurrencyConflict(DomainError):
    """Someone else changed the same aggregate first; the command may be retried."""

    def __init__(self, what: str) -> None:
        super().__init__(
            "concurrency.conflict",
            f"{what} was changed by someone else at the same time; try again.",
        )


class Forbidden(DomainError):
    """The caller is not allowed to run this command."""
