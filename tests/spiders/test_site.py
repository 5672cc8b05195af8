from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from spiders.site import SiteSpider, describe_failure


def failure(error: Exception) -> Failure:
    try:
        raise error
    except Exception:
        return Failure()


def test_network_failures_become_one_plain_sentence() -> None:
    url = "https://shop.example.co.uk/"
    assert describe_failure(failure(DNSLookupError("x")), url) == (
        "the host name shop.example.co.uk could not be resolved (DNS lookup failed)"
    )
    assert describe_failure(failure(CannotResolveHostError("x")), url).startswith("the host name shop.example.co.uk")
    assert describe_failure(failure(DownloadConnectionRefusedError()), url) == (
        "the connection to shop.example.co.uk was refused"
    )
    assert describe_failure(failure(DownloadTimeoutError()), url) == "shop.example.co.uk did not answer in time"
    assert describe_failure(failure(ValueError("odd\nsecond line")), url) == f"{url} failed: odd"


def test_the_spider_stays_on_the_registrable_domain() -> None:
    spider = SiteSpider(url="https://www.shop.example.co.uk/start")
    assert spider.domain == "example.co.uk"
    assert spider.allowed_domains == ["example.co.uk"]
