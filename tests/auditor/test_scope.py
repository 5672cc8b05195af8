"""The audit's scope: the site on its ports; never another service or an internal address."""

from auditor.gather.scope import Scope, is_internal


def test_a_public_site_reaches_its_subdomains_on_its_ports_and_nothing_internal() -> None:
    scope = Scope("https://www.velo-werk.de/")
    assert scope.allows("http://velo-werk.de/kontakt") and scope.allows("https://shop.velo-werk.de/")
    assert not scope.allows("https://velo-werk.de:8443/admin")  # another service of the host
    assert not scope.allows("https://other-shop.de/")
    for internal in ("http://127.0.0.1/", "http://10.0.0.5/", "http://169.254.169.254/latest/meta-data/"):
        assert not scope.allows_load(internal), internal
    assert not scope.allows_load("http://localhost:5432/")
    assert not scope.allows_load("wss://velo-werk.de:9000/socket")
    assert scope.allows_load("https://embed.tawk.to/widget.js")  # a chat vendor's code, public
    assert scope.allows_load("data:text/plain,hi")


def test_a_site_on_loopback_keeps_to_its_own_port() -> None:
    scope = Scope("http://127.0.0.1:8000/")
    assert scope.allows("http://127.0.0.1:8000/contact")
    assert not scope.allows("http://127.0.0.1:8001/")
    assert not scope.allows_load("http://127.0.0.1:8001/status")


def test_internal_addresses() -> None:
    assert all(is_internal(h) for h in ("127.0.0.1", "::1", "[::1]", "192.168.1.1", "172.16.0.3", "localhost"))
    assert not any(is_internal(h) for h in ("8.8.8.8", "velo-werk.de", "2a00:1450:4001:80b::200e"))
