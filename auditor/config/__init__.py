"""Settings: the [crawl], [report], [gate], [history] and [probes] tables, from the config
file, the environment and the command line.
"""
