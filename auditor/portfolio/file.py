"""A portfolio file: the sites a team scans every month, who owns each, and where alerts go.

```toml
[portfolio]
name = "Agency clients"
out = "scans"                      # run directories and the overview, beside this file
config = "contact-audit.toml"      # audit settings for every site, incl. [history] url

[alerts]
webhook = "https://hooks.example.com/T000/B000"   # Slack-compatible: {"text": ...}
email = ["web-team@example.com"]
[alerts.smtp]
host = "mail.example.com"
security = "starttls"               # or tls, none; port 587, 465 or 25 unless `port` is set
user = "bot"
password_env = "SMTP_PASSWORD"      # the environment variable that holds the password
sender = "audits@example.com"

[[sites]]
name = "Nimbus Bikes"
url = "https://www.nimbus-bikes.co.uk/"
owner = "jane@example.com"
probes = ["email", "form"]        # channels we are authorised to probe
max_pages = 30
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from auditor.config.file import ConfigSource, load_source
from auditor.config.probes import MailServer
from auditor.errors import ConfigError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SmtpServer(MailServer):
    """Where alerts are sent from: a mail server as the probes configure one, and the sender."""

    sender: str = Field(..., min_length=3)


class AlertsSettings(_Section):
    webhook: str = Field("", description="an http(s) URL that accepts a JSON POST (Slack-compatible)")
    email: list[str] = Field(default_factory=list)
    smtp: SmtpServer | None = None
    drop: float = Field(5, ge=0, le=100, description="score points a fall must reach to alert")

    @field_validator("webhook")
    @classmethod
    def _web_address(cls, url: str) -> str:
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// address")
        return url

    @model_validator(mode="after")
    def _email_needs_smtp(self) -> AlertsSettings:
        if self.email and self.smtp is None:
            raise ValueError("email alerts need an [alerts.smtp] server")
        return self


class PortfolioSite(_Section):
    name: str = Field(..., min_length=1, max_length=200)
    url: str
    owner: str = ""
    probes: list[Literal["email", "form", "chat"]] = Field(default_factory=list, description="authorised channels")
    max_pages: int | None = Field(None, ge=1)
    max_depth: int | None = Field(None, ge=0)
    delay: float | None = Field(None, ge=0, le=60)
    render: bool | None = None
    config: str | None = Field(None, description="this site's own config file, instead of the portfolio's")
    lang: str | None = None

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str) -> str:
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// address")
        return url


class PortfolioSettings(_Section):
    name: str = "Portfolio"
    out: str = Field("contact-audit-scans", description="where runs and the overview go, beside the file")
    config: str | None = None
    keep: int | None = Field(None, ge=1)
    timeout: float = Field(3600, gt=0, description="seconds one site's audit may take")


class Portfolio(_Section):
    portfolio: PortfolioSettings = Field(default_factory=PortfolioSettings)
    alerts: AlertsSettings = Field(default_factory=AlertsSettings)
    sites: list[PortfolioSite] = Field(..., min_length=1)

    @field_validator("sites")
    @classmethod
    def _unique_names(cls, sites: list[PortfolioSite]) -> list[PortfolioSite]:
        names = [s.name.casefold() for s in sites]
        twice = sorted({s.name for s in sites if names.count(s.name.casefold()) > 1})
        if twice:
            raise ValueError(f"two sites are named '{twice[0]}'")
        return sites


class LoadedPortfolio:
    def __init__(self, path: Path, portfolio: Portfolio) -> None:
        self.path = path.resolve()
        self.portfolio = portfolio

    def beside(self, name: str) -> Path:
        """A path from the file, taken relative to the file's folder."""
        return (self.path.parent / Path(name).expanduser()).resolve()

    @property
    def out(self) -> Path:
        return self.beside(self.portfolio.portfolio.out)

    @property
    def config(self) -> Path | None:
        name = self.portfolio.portfolio.config
        return self.beside(name) if name else None

    def config_for(self, site: PortfolioSite) -> Path | None:
        """The config file a site is audited with: its own, else the portfolio's."""
        return self.beside(site.config) if site.config else self.config


def load_portfolio(path: Path) -> LoadedPortfolio:
    source: ConfigSource = load_source(path)
    try:
        portfolio = Portfolio.model_validate(source.data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        message = message[0].lower() + message[1:]
        if first["type"] == "extra_forbidden":
            message = "is not a known setting"
        where = source.where(*first["loc"]).replace("config file", "portfolio file")
        raise ConfigError(f"{where}: key '{key}' {message}") from None
    loaded = LoadedPortfolio(path, portfolio)
    for file in [loaded.config, *(loaded.beside(s.config) for s in portfolio.sites if s.config)]:
        if file is not None and not file.is_file():
            raise ConfigError(f"portfolio file {path}: the config file {file} does not exist")
    return loaded


def load_sites_file(path: Path) -> LoadedPortfolio:
    """The sites of a batch: a portfolio file (.toml), or a plain list with one URL per line.

    In a list, a line may name its site after the URL (`https://shop.example/ Shop`); blank
    lines and lines starting with # are skipped. Runs go beside the list, in `<name>-runs/`."""
    if path.suffix.lower() == ".toml":
        return load_portfolio(path)
    from auditor.config.usage import check_url
    from auditor.domains import host_of
    from auditor.errors import UsageError

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(f"the list of sites {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"the list of sites {path} could not be read: {error}") from None
    sites: list[PortfolioSite] = []
    names: set[str] = set()
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        url, _, name = text.partition(" ")
        try:
            url = check_url(url)
        except UsageError as error:
            raise ConfigError(f"{path}, line {number}: {error}") from None
        name = name.strip() or host_of(url).removeprefix("www.")
        unique, count = name, 2
        while unique.casefold() in names:
            unique, count = f"{name} ({count})", count + 1
        names.add(unique.casefold())
        sites.append(PortfolioSite(name=unique[:200], url=url))
    if not sites:
        raise ConfigError(f"the list of sites {path} names no site (one URL per line)")
    settings = PortfolioSettings(name=path.stem, out=f"{path.stem}-runs")
    return LoadedPortfolio(path, Portfolio(portfolio=settings, sites=sites))
