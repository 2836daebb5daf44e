"""Exceptions with a user-facing message; the CLI turns them into one line and an exit code."""

from __future__ import annotations


class TeieditionError(Exception):
    """Base class: ``str(err)`` is the one-line message a user sees."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        return f"{where}: error: {self.message}" if where else f"error: {self.message}"


class InputError(TeieditionError):
    """The input cannot be read as what it claims to be (bad text, bad XML, too large)."""

    exit_code = 2


class InvalidDocument(TeieditionError):
    """The input was read but is not a valid document (schema or rule violations)."""

    exit_code = 1


class NotTEI(InvalidDocument, InputError):
    """The input is XML but not a TEI P5 document (P4, wrong namespace, another vocabulary).

    The publishers cannot read it at all, so it is bad input for them (exit 2); ``validate``
    reports the same message as a problem of the document.
    """

    exit_code = 2
