"""One-to-one assignment: a maximum bipartite matching by augmenting paths (Kuhn's algorithm).

The scorer needs it twice: gold actors to the participants of one system event (two gold
actors may not both be satisfied by one participant), and gold events to system events in one
document (one system event is one true positive at most, and so is one gold event). The sets
are a handful of items, so the simple O(V·E) algorithm is plenty.
"""

from __future__ import annotations

from collections.abc import Sequence


def max_matching(adjacent: Sequence[Sequence[int]]) -> dict[int, int]:
    """A largest assignment of left items to distinct right items, as ``{left: right}``.

    ``adjacent[i]`` lists the right items that left item ``i`` may take, best first. Left items
    are placed in order and an item once placed stays placed (only its partner may change), so
    putting the items that matter most first makes them the ones kept when not all fit.

    >>> max_matching([[0], [0, 1]])
    {0: 0, 1: 1}
    >>> max_matching([[0, 1], [0]])
    {0: 1, 1: 0}
    >>> max_matching([[0], [0]])
    {0: 0}
    """
    owner: dict[int, int] = {}  # right item -> the left item holding it

    def place(left: int, seen: set[int]) -> bool:
        for right in adjacent[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or place(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(len(adjacent)):
        place(left, set())
    return dict(sorted((left, right) for right, left in owner.items()))
