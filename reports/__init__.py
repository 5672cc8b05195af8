"""Report renderers: every format is a view of results.json."""
