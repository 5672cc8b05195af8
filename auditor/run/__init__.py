"""A run directory: its file names, writing and loading it, and the pipeline gather ->
artifacts.json -> checks -> results.json -> reports.
"""
