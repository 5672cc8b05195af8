"""Probes: test messages sent to a company by email, contact form and chat, and their replies timed."""
