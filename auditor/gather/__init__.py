"""Gather: everything that touches the network. The crawl and the browser, the extractors that
turn pages into artifacts, and the probes.
"""
