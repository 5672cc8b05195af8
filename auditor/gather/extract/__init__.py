"""Extraction: pure functions from a page's HTML (or a rendered DOM) to contacts, forms, chat
widgets and links. `page.extract_page` reads one page; `merge` joins the pages of a site.
"""
