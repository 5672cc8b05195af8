"""Revisions: each file declares `revision` and `down_revision`; never edit one that shipped."""
