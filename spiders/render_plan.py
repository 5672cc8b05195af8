"""Which fetched pages are rendered in Chromium, decided from what can change them.

A page's raw HTML cannot show what its scripts add. Pages are grouped by what can
change them: the scripts they load (external URLs without their query, and the shape
of inline code), the frames they embed, and the section of the site they sit in
(scripts that read `location.pathname` act per section). The first page of every
group is rendered; when rendering that sample changed what the page shows (a contact,
a chat widget, a link that only exists after JavaScript), every page of the group is
rendered. A page is also rendered on its own when one of the site's scripts names it
(a list of paths) or when it carries hooks (`data-*` attributes, ids) its group's
sample lacks: a script may act on it alone. An app shell (an empty mount node and a
bundle) says nothing in its raw HTML, so each of its routes is rendered. Each page
records why it was or was not rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.scripts import names_page, section_of

# Contact pages this close to the home page are the site's own; deeper pages whose URL
# only contains a contact word (`/support/article-7`) are judged like any other page.
_CONTACT_DEPTH = 1

# Reasons a page records (Page.render_reason).
HOME = "home page"
CONTACT = "contact page"
VENDOR = "chat vendor code in the HTML"
SHELL = "app shell: the HTML is an empty mount node for a script"
FIRST_OF_GROUP = "first page with these scripts in this section"
NAMED = "one of its scripts names this page"
HOOKS = "it has hooks for its scripts that the rendered page like it lacks ({hooks})"
GROUP_CHANGED = "scripts on pages like this one changed what they show"
SAME_AS = "not rendered: same scripts and section as {url}, whose rendering changed nothing"
WAITING = "not rendered yet: waiting for the rendering of {url}"
OFF = "not rendered: rendering is off"
BUDGET = "not rendered: the render budget ({budget} pages) was spent"
STATIC = "not rendered: no scripts that could change the page"
STATIC_KEY = "not rendered: a {what} without scripts shows what its HTML holds"
FAILED_PAGE = "not rendered: the page did not load"


def changed_by_rendering(raw: PageFindings, rendered: PageFindings) -> bool:
    """Whether JavaScript changed what the page shows a customer."""
    before, after = raw.channels, rendered.channels
    if after.chat_widgets:
        return True
    pairs = [
        ({e.address for e in before.emails}, {e.address for e in after.emails}),
        ({p.e164 or p.raw for p in before.phones}, {p.e164 or p.raw for p in after.phones}),
        ({s.url for s in before.social}, {s.url for s in after.social}),
        ({m.url for m in before.messengers}, {m.url for m in after.messengers}),
        ({f.action for f in before.forms}, {f.action for f in after.forms}),
        ({link.url for link in raw.page.links}, {link.url for link in rendered.page.links}),
    ]
    return any(shown - served for served, shown in pairs)


@dataclass
class _Group:
    representative: str
    hooks: frozenset[str] = frozenset()
    decided: bool = False
    changed: bool = False
    waiting: list[PageFindings] = field(default_factory=list)


@dataclass
class Decision:
    render: bool
    reason: str
    # Pages held back until this group's first rendering tells whether they need one.
    wait: bool = False
    # Not rendered only because the render budget was spent.
    over_budget: bool = False


class RenderPlan:
    """Decides, page by page, whether rendering can change the answer; learns from each render."""

    def __init__(self, *, enabled: bool, budget: int) -> None:
        self.enabled = enabled
        self.budget = budget
        self.requested = 0
        self._groups: dict[tuple[frozenset[str], str], _Group] = {}
        self._group_of: dict[str, tuple[frozenset[str], str]] = {}
        # First-party script bodies by "host/path", as the crawl fetched them.
        self._script_texts: dict[str, str] = {}

    def add_script(self, key: str, text: str) -> None:
        self._script_texts[key] = text

    def _spend(self, reason: str) -> Decision:
        if self.requested >= self.budget:
            return Decision(False, BUDGET.format(budget=self.budget), over_budget=True)
        self.requested += 1
        return Decision(True, reason)

    def _own_reason(self, findings: PageFindings, group: _Group) -> str | None:
        """Why this page may show what its group's rendered page did not: a script of its
        names it (a list of paths), or it carries hooks the rendered page lacks."""
        texts = [self._script_texts.get(part[4:], "") for part in findings.scripts if part.startswith("src:")]
        if any(names_page(text, findings.page.url) for text in texts if text):
            return NAMED
        extra = findings.hooks - group.hooks
        if extra:
            return HOOKS.format(hooks=", ".join(sorted(extra)[:3]))
        return None

    def decide(self, findings: PageFindings, *, home: bool, vendor_code: bool) -> Decision:
        page = findings.page
        if not self.enabled:
            return Decision(False, OFF)
        signature = findings.scripts
        key = (signature, section_of(page.url))
        self._group_of[page.url] = key
        group = self._groups.get(key)
        own = self._own_reason(findings, group) if group is not None and group.decided else None
        if vendor_code or findings.channels.chat_widgets:
            reason = VENDOR
        elif (home or (page.is_contact_page and page.depth <= _CONTACT_DEPTH)) and not (signature or findings.hooks):
            # Nothing on the page can run: a browser would show what its HTML holds.
            return Decision(False, STATIC_KEY.format(what=HOME if home else CONTACT))
        elif home:
            reason = HOME
        elif page.is_contact_page and page.depth <= _CONTACT_DEPTH:
            reason = CONTACT
        elif findings.app_shell:
            reason = SHELL
        elif not signature:
            return Decision(False, STATIC)
        elif group is None:
            reason = FIRST_OF_GROUP
        elif group.decided and group.changed:
            reason = GROUP_CHANGED
        elif own is not None:
            reason = own
        elif group.decided:
            return Decision(False, SAME_AS.format(url=group.representative))
        else:
            group.waiting.append(findings)
            return Decision(False, WAITING.format(url=group.representative), wait=True)
        decision = self._spend(reason)
        if decision.render and group is None:
            self._groups[key] = _Group(representative=page.url, hooks=findings.hooks)
        return decision

    def learn(self, raw: PageFindings, rendered: PageFindings | None) -> list[tuple[PageFindings, Decision]]:
        """Record what rendering `raw` showed (None: it failed); give back the pages that
        waited on it, each with its decision."""
        key = self._group_of.get(raw.page.url)
        group = self._groups.get(key) if key is not None else None
        # Only the group's own sample speaks for the group: a page rendered for reasons of
        # its own (a contact page, a page its script names) may show what only it shows.
        if group is None or group.representative != raw.page.url or group.decided:
            return []
        group.decided = True
        group.changed = rendered is not None and changed_by_rendering(raw, rendered)
        waiting, group.waiting = group.waiting, []
        out = []
        for findings in waiting:
            own = None if group.changed else self._own_reason(findings, group)
            if group.changed:
                out.append((findings, self._spend(GROUP_CHANGED)))
            elif own is not None:
                out.append((findings, self._spend(own)))
            else:
                out.append((findings, Decision(False, SAME_AS.format(url=group.representative))))
        return out

    def pending(self) -> list[PageFindings]:
        """Pages still waiting when the crawl ends (their group's rendering never came back)."""
        out = []
        for group in self._groups.values():
            out.extend(group.waiting)
            group.waiting = []
        return out
