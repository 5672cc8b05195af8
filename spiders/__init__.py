"""Scrapy spiders that gather artifacts about a company's website."""
