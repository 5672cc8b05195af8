"""Portfolios: the portfolio file, a scan over its sites, the overview page, alerts and the
schedule that runs the scan.
"""
