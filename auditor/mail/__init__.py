"""Mail: the one SMTP client, shared by the email probes and the scan's alerts (implicit TLS,
STARTTLS with an optional private CA, or plain on a local test server).
"""
