"""How every part of contact-auditor starts Chromium: headless, and quiet on the network.

Without the background-networking flags Chromium phones home (component updates,
sync, DNS prefetch of links) whenever it starts; an audit must reach only the site.
"""

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--dns-prefetch-disable",
    "--disable-quic",
)
