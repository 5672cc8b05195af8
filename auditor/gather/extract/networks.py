"""Where a company's profile can live on each network, and which of the network's paths are its own.

Each network is described by its URL grammar, not by examples of bad links:
- `reserved`: first path segments that are the network's own pages (help, login,
  search, trending, the network's own account...), never a member's profile;
- `prefixes`: first segments followed by the handle (`/company/HANDLE`); a prefix with
  nothing after it (`/in/`, `/company/`, `/groups`) is the network's own page;
- `needs`: networks whose profiles always have a prefix (`prefix`), an `@` (`at`), or
  either (`prefix_or_at`); any other path on them is the network's own;
- `post`: what after the handle names a post, a video or a status (content, not a
  profile); anything else after the handle is a tab of the profile (`/about`);
- `handle_syntax`: the user names the network accepts at the root (`/NAME`), where it publishes its rules;
  `typed_syntax` holds rules that old or unusual accounts may break, so they are enforced only on
  URLs typed as text (nobody followed them; a link's address was usually copied from the browser);
- `content_first`: a first segment that is itself content (a Vimeo video id);
- `youtu.be` and other short-link domains only ever name content, so they are not listed;
- `service_hosts`: sub-domains that are a service of the network (a player, short
  links, a help centre) although they look like a language mirror.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMON = frozenset(
    {
        "about",
        "help",
        "login",
        "signup",
        "register",
        "privacy",
        "terms",
        "legal",
        "policies",
        "search",
        "settings",
        "share",
        "sharer",
        "sharer.php",
        "share.php",
        "intent",
        "dialog",
        "plugins",
        "widgets",
        "embed",
        "oauth",
        "developers",
        "business",
        "ads",
        "jobs",
        "careers",
        "download",
        "explore",
        "hashtag",
        "home",
        "logout",
    }
)


@dataclass
class FoundLink:
    """A link to a profile or a conversation, normalised so one profile counts once."""

    kind: str  # "social", "messenger" or "review" (a review site's listing)
    network: str
    url: str
    handle: str
    problem: str = ""  # why a link that looks like a channel cannot reach anyone


@dataclass(frozen=True)
class Network:
    name: str
    domains: tuple[str, ...]
    reserved: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    needs: str = ""  # "", "prefix", "at" or "prefix_or_at"
    post: re.Pattern[str] | None = None
    content_first: re.Pattern[str] | None = None
    service_hosts: frozenset[str] = frozenset()
    handle_subdomain: bool = False  # ACME.tumblr.com
    handle_syntax: re.Pattern[str] | None = None  # what the network accepts as a user name
    typed_syntax: re.Pattern[str] | None = None  # the same, enforced on URLs typed as text only
    prefix_in_url: bool = True  # False: /orgs/ACME is written github.com/ACME
    keep_case: bool = False
    kind: str = "social"  # "review": a review site's listing, not a profile the company runs


def _net(name: str, domains: str, reserved: str = "", prefixes: str = "", **options: object) -> Network:
    return Network(
        name,
        tuple(domains.split()),
        reserved=_COMMON | frozenset(reserved.split()),
        prefixes=frozenset(prefixes.split()),
        **options,  # type: ignore[arg-type]
    )


NETWORKS = (
    _net(
        "facebook",
        "facebook.com fb.com fb.me",
        "facebook profile.php l.php login.php r.php reg recover policy.php terms.php tr "
        "watch events marketplace gaming messages me notifications bookmarks friends photo photo.php "
        "story.php permalink.php video.php reel reels stories home.php lite places fundraisers offers games "
        "live media mobile v unsupportedbrowser privacy_sandbox",
        # /p/<name>-<id> is where a page run from a personal profile lives.
        "pages groups people pg p",
        post=re.compile(r"^/(?:posts|videos|photos|photo|reel|reels|story|permalink|events|notes)/.", re.I),
        # A user name is letters, digits and dots; a page without one is "<name>-<page id>".
        typed_syntax=re.compile(r"^(?:[A-Za-z0-9.]+|.+-\d{6,})$"),
    ),
    _net(
        "instagram",
        "instagram.com instagr.am",
        "p reel reels tv stories accounts developer direct _n _u web static emails session challenge press api "
        "directory ar create s invites",
        post=re.compile(r"^/(?:p|reel|tv)/.", re.I),
        handle_syntax=re.compile(r"^(?!.*\.\.)(?!\.)[A-Za-z0-9._]{1,30}(?<!\.)$"),
    ),
    _net(
        "x",
        "twitter.com x.com",
        "i account messages notifications tos compose rules en lists following followers safety status "
        "personalization signin i18n",
        post=re.compile(r"^/(?:status|statuses)/.", re.I),
        handle_syntax=re.compile(r"^@?[A-Za-z0-9_]{1,15}$"),
    ),
    _net("linkedin", "linkedin.com", "", "company in school showcase pub groups", needs="prefix"),
    _net(
        "youtube",
        "youtube.com",
        "watch results playlist shorts feed trending gaming music premium live kids account t howyoutubeworks "
        "redirect signin upload post attribution_link v supported_browsers creators yt s channels "
        "subscription_center index oembed iframe_api player_api select_site new movies browse copyright",
        "channel c user",
        service_hosts=frozenset({"tv", "music", "studio", "gaming", "kids"}),
        keep_case=True,
    ),
    _net(
        "tiktok",
        "tiktok.com",
        needs="at",
        post=re.compile(r"^/(?:video|photo)/.", re.I),
        service_hosts=frozenset({"vm", "vt"}),
    ),
    _net(
        "pinterest",
        "pinterest.com",
        "pin search ideas categories today _ topics news_hub discover source resource password shopping videos "
        "create offsite",
    ),
    _net("threads", "threads.net threads.com", needs="at", post=re.compile(r"^/post/.", re.I)),
    _net("bluesky", "bsky.app", "", "profile", needs="prefix", post=re.compile(r"^/post/.", re.I)),
    _net(
        "mastodon",
        "mastodon.social mastodon.online mstdn.social fosstodon.org hachyderm.io infosec.exchange mas.to chaos.social",
        needs="at",
        post=re.compile(r"^/\d+", re.I),
    ),
    _net(
        "reddit",
        "reddit.com",
        "",
        "r u user",
        needs="prefix",
        post=re.compile(r"^/comments/.", re.I),
    ),
    _net("discord", "discord.gg discord.com discordapp.com", "", "invite", keep_case=True),
    _net(
        "github",
        "github.com",
        "marketplace trending pricing features topics join site security enterprise team customer-stories "
        "readme collections events apps contact new codespaces issues pulls discussions password_reset "
        "copilot solutions resources premium-support notifications",
        "orgs sponsors",
        prefix_in_url=False,
    ),
    _net(
        "vk",
        "vk.com vk.ru",
        "away.php login feed im app apps dev support blog friends groups music audio market "
        "widget_community.php js images doc video",
        content_first=re.compile(r"^(?:wall|photo|video|topic|album|clip|market|doc|note|page|board|poll|audio)-?\d"),
    ),
    _net(
        "odnoklassniki",
        "ok.ru odnoklassniki.ru",
        "dk games video music apps gifts feed app messages guests live mail",
        "group profile",
        post=re.compile(r"^/(?:topic|album|video)/.", re.I),
    ),
    _net("xing", "xing.com", "", "pages profile companies company", needs="prefix"),
    _net("snapchat", "snapchat.com", "", "add", needs="prefix_or_at"),
    _net("dzen", "dzen.ru", "a b video shorts news media suite list", "id", post=re.compile(r"^/.")),
    _net(
        "tumblr",
        "tumblr.com",
        "dashboard tagged apps blog likes following inbox new reblog docs press buttons logo safe-mode "
        "communities policy",
        handle_subdomain=True,
        post=re.compile(r"^/(?:post/)?\d+", re.I),
    ),
    _net(
        "weibo",
        "weibo.com weibo.cn",
        "newlogin hot sorry ajax a tv video status detail",
        "u n",
        post=re.compile(r"^/."),
    ),
    _net("medium", "medium.com", "", "u", needs="prefix_or_at", post=re.compile(r"^/.")),
    _net(
        "twitch",
        "twitch.tv",
        "directory videos p downloads store turbo subscriptions prime bits friends inventory wallet drops "
        "messages creatorcamp broadcast moderator popout collections",
        post=re.compile(r"^/(?:clip|video|v)/.", re.I),
        service_hosts=frozenset({"clips", "player"}),
    ),
    _net(
        "vimeo",
        "vimeo.com",
        "album ondemand watch categories log_in join upload features pricing blog stock manage live create "
        "solutions enterprise partners site_map cookie_policy showcase",
        "channels groups",
        content_first=re.compile(r"^\d+$"),
        post=re.compile(r"^/\d+"),
    ),
    _net(
        "behance",
        "behance.net",
        "gallery joblist assets galleries hire live blog for_you moodboard collection onboarding misc dev adobe talent",
    ),
    _net(
        "dribbble",
        "dribbble.com",
        "shots tags designers session stories learn pro resources hiring freelance-jobs services following "
        "likes uploads account colors places community",
    ),
    _net(
        "soundcloud",
        "soundcloud.com",
        "discover stream upload you pages terms-of-use charts notifications messages mobile connect imprint "
        "pro artists people popular tags oembed player",
        post=re.compile(r"^/(?!(?:tracks|albums|popular-tracks|reposts|likes|followers|following)/?$)."),
    ),
    _net(
        "yelp",
        "yelp.com yelp.ca yelp.de yelp.co.uk yelp.es yelp.fr yelp.com.au",
        "",
        "biz",
        needs="prefix",
        kind="review",
    ),
    _net("trustpilot", "trustpilot.com", "", "review", needs="prefix", kind="review"),
    _net("tripadvisor", "tripadvisor.com tripadvisor.co.uk tripadvisor.de tripadvisor.fr", kind="review"),
    _net("reviews.io", "reviews.io", "", "company-reviews", needs="prefix", kind="review"),
)
_BY_DOMAIN = {domain: network for network in NETWORKS for domain in network.domains}
# Networks with a site under every country suffix (pinterest.de, tripadvisor.it).
_ANY_SUFFIX = {d.split(".", 1)[0]: _BY_DOMAIN[d] for d in ("pinterest.com", "tripadvisor.com", "yelp.com")}
# Hosts of Mastodon servers not listed above: any host whose name says so.
_MASTODON_HOST = re.compile(r"(?:^|\.)(?:mastodon|mstdn|toot)[a-z0-9-]*\.", re.I)
# Hosts that serve another company's domain but belong to a network.
_OTHER_HOSTS = {"zen.yandex.ru": "dzen"}
# Copies of the main site under another sub-domain: language mirrors, mobile and old versions.
_MIRROR = re.compile(r"^(?:|www|m|mobile|web|old|new|np|ptb|canary|touch|mbasic|[a-z]{2}(?:-[a-z]{2})?)$", re.I)


def network_of(host: str, registrable: str) -> tuple[Network, str] | None:
    """The network a host belongs to, and its sub-domain (`de`, `www`, `player`), or None."""
    host = host.lower()
    if host in _OTHER_HOSTS:
        return next(n for n in NETWORKS if n.name == _OTHER_HOSTS[host]), ""
    network = _BY_DOMAIN.get(registrable) or _ANY_SUFFIX.get(registrable.split(".", 1)[0])
    if network is None and _MASTODON_HOST.search(host + "."):
        network = _BY_DOMAIN["mastodon.social"]
    if network is None:
        return None
    return network, host[: -len(registrable)].rstrip(".") if host.endswith(registrable) else ""


def is_mirror(network: Network, subdomain: str) -> bool:
    """True when a sub-domain shows the same profiles as the main site (`de.`, `m.`, `old.`)."""
    return subdomain.lower() not in network.service_hosts and bool(_MIRROR.match(subdomain))


def social_domains() -> dict[str, str]:
    """Every listed domain and the network it belongs to."""
    return {domain: network.name for domain, network in _BY_DOMAIN.items()}
