"""The web side of dyad: the app, its JSON/CSV API, pages, charts and the research exports."""
