"""The offline demo: the bundled Nimbus Bikes site, a static host for it, and the whole probe
loop against a local lab.
"""
