"""Analysis: the spaCy pipeline and mention finding (text → Doc with mentions)."""
