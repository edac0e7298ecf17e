"""The SQLite store, its schema and the queries that the CLI, the web app and the eval share.

>>> from dyad.store import Store
>>> Store().counts()["documents"]
0
"""

from dyad.store.records import CanonicalActor, DocActorRow
from dyad.store.store import Store

__all__ = ["CanonicalActor", "DocActorRow", "Store"]
