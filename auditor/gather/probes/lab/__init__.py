"""The probe lab: a local SMTP/IMAP server and helpdesk that answer probes, for the demo and
the tests.
"""
