"""History: a run recorded in the database, its snapshot, the comparison of two runs and the CI
gate that judges what got worse.
"""
