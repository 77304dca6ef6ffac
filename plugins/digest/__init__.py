"""Digest: turn raw scraped news dumps into Pelican posts, roundup issues and feeds."""
