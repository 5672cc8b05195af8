"""Evaluation of the extractors on a labelled corpus, beside rival extractors measured the same
way.
"""
