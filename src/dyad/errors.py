"""Typed errors. The library raises these; only the CLI and the web layer turn them into messages."""


class DyadError(Exception):
    """Base of every error dyad raises on purpose."""


class InputError(DyadError):
    """A document or input file cannot be read; the message says why in plain words."""


class StoreError(DyadError):
    """The store cannot be opened, migrated or written."""


class GoldError(DyadError):
    """A gold file does not follow the ``dyad-gold/1`` format."""


class NotFound(DyadError):
    """A document, event or actor that was asked for does not exist."""
