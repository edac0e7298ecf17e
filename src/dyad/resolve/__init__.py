"""Resolution: actors within and across documents, places and dates."""
