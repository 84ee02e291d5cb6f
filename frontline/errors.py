"""One rooted error tree: core modules raise these; the UI and the CLI translate them."""

from __future__ import annotations


class FrontlineError(Exception):
    """Base of every error Frontline raises on purpose."""


class DataError(FrontlineError, ValueError):
    """Bad input data, located by file, row and field so that a person can fix it.

    `row` is the line number in the file as a spreadsheet shows it (the header is line 1).
    """

    def __init__(self, message: str, *, file: str = "", row: int | None = None, field: str = ""):
        self.file, self.row, self.field, self.reason = file, row, field, message
        where = ", ".join(
            part
            for part in (
                file,
                f"row {row}" if row is not None else "",
                f"field '{field}'" if field else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class ValidationError(DataError):
    """Several data errors at once: an import reports them all and changes nothing."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        shown = "\n".join(f"- {e}" for e in errors[:20])
        more = f"\n- … and {len(errors) - 20} more" if len(errors) > 20 else ""
        FrontlineError.__init__(self, f"{len(errors)} problem(s) in the data:\n{shown}{more}")
        self.file, self.row, self.field, self.reason = "", None, "", str(self)


class ConfigError(FrontlineError, ValueError):
    """A setting (environment variable or option) that cannot be used."""


class StoreError(FrontlineError):
    """A change the store cannot make; the transaction it was part of changed nothing."""


class StoreNotFound(StoreError, LookupError):
    """No record with that id (or none in the state the change needs)."""


class StoreConflict(StoreError):
    """The change clashes with what the store holds: a record others still cite, one already
    deleted, or one another editor wrote at the same moment."""


class StoreInvalid(StoreError, ValueError):
    """Rows the store refuses: a required value missing, a value of the wrong kind."""
