"""The rendering plan, decided without a browser: which pages can JavaScript change?"""

from __future__ import annotations

from bs4 import BeautifulSoup

from auditor.gather.extract.dom import parse
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.page import extract_page
from auditor.gather.extract.scripts import is_app_shell, names_page, script_signature
from spiders.render_plan import RenderPlan

SITE = "https://velo-werk.de"


def page(path: str, body: str, head: str = "") -> PageFindings:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return extract_page(html, SITE + path, domain="velo-werk.de", depth=1)


def parse_page(path: str, body: str, head: str = "") -> BeautifulSoup:
    return parse(f"<html><head>{head}</head><body>{body}</body></html>")


ARTICLE = "<main><h1>Our bikes</h1><p>" + "Steel frames built to last. " * 20 + "</p></main>"
SHOP_JS = '<script src="/js/shop.js?v=3"></script>'


def test_pages_are_grouped_by_their_scripts_not_by_per_page_literals() -> None:
    one = parse_page("/a", ARTICLE, '<script src="/js/app.js?v=1"></script><script>track("a", 1)</script>')
    two = parse_page("/b", ARTICLE, '<script src="/js/app.js?v=2"></script><script>track("b", 22)</script>')
    three = parse_page("/c", ARTICLE, '<script src="/js/shop.js"></script><script>track("c", 3)</script>')
    assert script_signature(one, SITE + "/a") == script_signature(two, SITE + "/b")
    assert script_signature(one, SITE + "/a") != script_signature(three, SITE + "/c")


def test_an_empty_mount_node_and_a_bundle_is_an_app_shell() -> None:
    shells = [
        '<div id="root"></div><script type="module" src="/assets/index-4f2a.js"></script>',
        '<app-root></app-root><script src="main.js"></script>',
        '<div id="__nuxt"><div>Loading…</div></div><script src="/_nuxt/entry.js"></script>',
    ]
    for body in shells:
        soup = parse(f"<html><body>{body}</body></html>")
        assert is_app_shell(soup, script_signature(soup, SITE + "/")), body
    article = parse(f"<html><body>{ARTICLE}<script src='/js/app.js'></script></body></html>")
    assert not is_app_shell(article, script_signature(article, SITE + "/"))


def test_one_page_of_each_group_is_rendered_and_the_rest_follow_what_it_showed() -> None:
    plan = RenderPlan(enabled=True, budget=50)
    first = page("/shop/1", ARTICLE, SHOP_JS)
    assert plan.decide(first, home=False, vendor_code=False).render
    second = page("/shop/2", ARTICLE, SHOP_JS)
    held = plan.decide(second, home=False, vendor_code=False)
    assert not held.render and held.wait
    # Rendering the first shop page showed an email that only JavaScript writes.
    rendered = page("/shop/1", ARTICLE + "<p>shop@velo-werk.de</p>", SHOP_JS)
    released = plan.learn(first, rendered)
    assert [(f.page.url, d.render) for f, d in released] == [(SITE + "/shop/2", True)]
    third = page("/shop/3", ARTICLE, SHOP_JS)
    assert plan.decide(third, home=False, vendor_code=False).render


def test_a_group_whose_rendering_changed_nothing_is_not_rendered_again() -> None:
    plan = RenderPlan(enabled=True, budget=50)
    first = page("/blog/1", ARTICLE, SHOP_JS)
    plan.decide(first, home=False, vendor_code=False)
    second = page("/blog/2", ARTICLE, SHOP_JS)
    plan.decide(second, home=False, vendor_code=False)
    released = plan.learn(first, first)
    assert [(f.page.url, d.render) for f, d in released] == [(SITE + "/blog/2", False)]
    assert SITE + "/blog/1" in released[0][1].reason
    later = page("/blog/3", ARTICLE, SHOP_JS)
    decision = plan.decide(later, home=False, vendor_code=False)
    assert not decision.render and SITE + "/blog/1" in decision.reason


def test_each_section_of_a_site_gets_its_own_rendering() -> None:
    plan = RenderPlan(enabled=True, budget=50)
    blog = page("/blog/1", ARTICLE, SHOP_JS)
    shop = page("/shop/1", ARTICLE, SHOP_JS)
    assert plan.decide(blog, home=False, vendor_code=False).render
    assert plan.decide(shop, home=False, vendor_code=False).render


def test_pages_without_scripts_are_not_rendered_and_every_decision_says_why() -> None:
    plan = RenderPlan(enabled=True, budget=1)
    static = page("/about", ARTICLE)
    decision = plan.decide(static, home=False, vendor_code=False)
    assert not decision.render and "no scripts" in decision.reason
    shell = page("/#/faq", '<div id="app"></div>', '<script src="/app.js"></script>')
    assert plan.decide(shell, home=False, vendor_code=False).render
    other = page("/#/privacy", '<div id="app"></div>', '<script src="/app.js"></script>')
    over = plan.decide(other, home=False, vendor_code=False)
    assert not over.render and "budget" in over.reason


def shop_plan_whose_script_says(script: str) -> RenderPlan:
    """A plan whose first shop page was rendered and changed nothing, the shop's script reading `script`."""
    plan = RenderPlan(enabled=True, budget=50)
    first = page("/shop/1", ARTICLE, SHOP_JS)
    plan.decide(first, home=False, vendor_code=False)
    plan.learn(first, first)
    plan.add_script("velo-werk.de/js/shop.js", script)
    return plan


def test_a_page_its_script_names_or_with_its_own_hooks_is_rendered_though_its_group_changed_nothing() -> None:
    plan = shop_plan_whose_script_says('if (["/shop/7.html"].includes(location.pathname)) loadChat();')
    named = page("/shop/7.html", ARTICLE, SHOP_JS)
    decision = plan.decide(named, home=False, vendor_code=False)
    assert decision.render and "names this page" in decision.reason
    hooked = page("/shop/9", ARTICLE + '<div data-advice="returns"></div>', SHOP_JS)
    decision = plan.decide(hooked, home=False, vendor_code=False)
    assert decision.render and "data-advice" in decision.reason
    # An id that numbers an item is not a hook: every product page has its own.
    numbered = page("/shop/10", ARTICLE + '<div id="item-10"></div>', SHOP_JS)
    assert not plan.decide(numbered, home=False, vendor_code=False).render


def test_deep_pages_whose_url_has_a_contact_word_follow_their_group() -> None:
    plan = RenderPlan(enabled=True, budget=50)
    articles = [page(f"/support/article-{n}", ARTICLE, SHOP_JS) for n in range(3)]
    for findings in articles:
        findings.page.is_contact_page = True
        findings.page.depth = 3
    decisions = [plan.decide(findings, home=False, vendor_code=False) for findings in articles]
    assert [d.render for d in decisions] == [True, False, False]
    contact = page("/contact", ARTICLE, SHOP_JS)
    contact.page.is_contact_page = True
    assert plan.decide(contact, home=False, vendor_code=False).reason == "contact page"


def test_what_a_page_rendered_for_its_own_reasons_showed_does_not_speak_for_its_group() -> None:
    plan = RenderPlan(enabled=True, budget=50)
    first = page("/shop/1", ARTICLE, SHOP_JS)
    plan.decide(first, home=False, vendor_code=False)
    plan.learn(first, first)
    hooked = page("/shop/9", ARTICLE + '<div data-advice="returns"></div>', SHOP_JS)
    assert plan.decide(hooked, home=False, vendor_code=False).render
    assert plan.learn(hooked, page("/shop/9", ARTICLE + "<p>returns@velo-werk.de</p>", SHOP_JS)) == []
    assert not plan.decide(page("/shop/10", ARTICLE, SHOP_JS), home=False, vendor_code=False).render


def test_a_home_or_contact_page_without_any_script_is_read_from_its_html() -> None:
    plan = RenderPlan(enabled=True, budget=50)
    home = page("/", ARTICLE, "")
    contact = page("/contact", ARTICLE, "")
    contact.page.is_contact_page = True
    assert not plan.decide(home, home=True, vendor_code=False).render
    decision = plan.decide(contact, home=False, vendor_code=False)
    assert not decision.render and "contact page without scripts" in decision.reason
    # One script, or chat vendor code, and the page is rendered as before.
    assert plan.decide(page("/", ARTICLE, SHOP_JS), home=True, vendor_code=False).reason == "home page"
    assert plan.decide(page("/about", ARTICLE, ""), home=False, vendor_code=True).render


def test_a_script_names_a_page_by_its_whole_name_not_by_the_start_of_another() -> None:
    plan = shop_plan_whose_script_says('const chatOn = ["/shop/bikes/item-50.html", "/shop/post-42"];')
    for path in ("/shop/bikes/item-5.html", "/shop/post-4"):
        assert not plan.decide(page(path, ARTICLE, SHOP_JS), home=False, vendor_code=False).render, path
    # A listing is not named by the paths of the pages it lists.
    assert not names_page('["/shop/bikes/item-50.html"]', SITE + "/shop/")
    assert names_page('["/shop/", "/about/"]', SITE + "/shop/")
    for path in ("/shop/bikes/item-50.html", "/shop/post-42"):
        decision = plan.decide(page(path, ARTICLE, SHOP_JS), home=False, vendor_code=False)
        assert decision.render and "names this page" in decision.reason, path
