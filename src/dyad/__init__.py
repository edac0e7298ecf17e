"""dyad: political event data from news text — who did what to whom, when and where."""

import logging

__version__ = "0.1.0"

# A library logs; the application decides where it goes. Without this handler Python's last-resort
# handler would print dyad's warnings (a limit hit) on stderr next to the CLI's own summary of them.
logging.getLogger("dyad").addHandler(logging.NullHandler())
