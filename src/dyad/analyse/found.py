"""The working record of mention finding: a token-level mention that later stages refine.

``Found`` is mutable on purpose while one document is analysed (roles are attached, keys
assigned); it becomes a frozen ``Mention`` when the document is coded.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON, ORG, COUNTRY, GROUP, PLACE, DESC = "PERSON", "ORG", "COUNTRY", "GROUP", "PLACE", "DESC"


@dataclass
class Found:
    """A mention over tokens ``start:end`` of one sentence.

    ``name`` is the bare name (no title); ``role`` the title phrase that describes it;
    ``outer`` the token span of name and role together (what an event must skip over);
    ``embedded`` marks a person named only inside another's title ("Special Envoy of French
    President Emmanuel Macron"): such a person takes part in no event of that sentence.
    """

    start: int
    end: int
    label: str
    text: str
    sentence: int
    name: str = ""
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    value: str | None = None
    metonym: bool = False
    embedded: bool = False
    outer: tuple[int, int] = (0, 0)
    key: str | None = None
    head: str | None = None  # a description's head title ("minister" in "the Syrian minister")

    def __post_init__(self) -> None:
        if self.outer == (0, 0):
            self.outer = (self.start, self.end)
        if not self.name:
            self.name = self.text
