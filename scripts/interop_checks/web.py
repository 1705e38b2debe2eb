"""The web page of a token (draft: "A Web Page for Every Scanner", "Web Pages of Tokens").

When a token carries a 'web' address, the page must be https (or plain http on a loopback
host), show the set's card, name the token's XMPP URI in a <link rel="alternate"/>, set no
cookies, serve no script, forbid framing and referrers with a Content-Security-Policy without
'unsafe-inline', consume no use when viewed, and answer 404 once the token is revoked.
"""
import asyncio
import html.parser
import ipaddress
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request

from . import protocol as p
from .report import Fail, Skip, expect

LARGEST_PAGE = 1 << 20


class Links(html.parser.HTMLParser):
    """Collects the <link/> elements and whether the page has a <script/>."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.script = False

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "script":
            self.script = True


def is_loopback(host):
    """True for localhost and loopback addresses."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fetch(url, ca, timeout):
    """(status, headers, text) of a plain GET of URL (at most LARGEST_PAGE octets)."""
    host = urllib.parse.urlsplit(url).hostname or ""
    handlers = [urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=ca))]
    if is_loopback(host):
        handlers.append(urllib.request.ProxyHandler({}))
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(url, timeout=timeout) as r:
            return r.status, r.headers, r.read(LARGEST_PAGE).decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, ""
    except (urllib.error.URLError, OSError) as e:
        raise Fail("cannot fetch %s: %s" % (url, e)) from None


async def get(d, url):
    """fetch() off the event loop, so that the XMPP streams keep being read."""
    return await asyncio.to_thread(fetch, url, d.sender.ca, d.timeout)


def header_problems(headers):
    """What in the page's headers differs from the draft's rules for web pages."""
    problems = []
    if headers.get("Set-Cookie"):
        problems.append("it sets a cookie")
    csp = headers.get("Content-Security-Policy") or ""
    if not csp:
        problems.append("no Content-Security-Policy")
    elif "unsafe-inline" in csp:
        problems.append("its Content-Security-Policy allows 'unsafe-inline'")
    frame_ok = (re.search(r"frame-ancestors\s+'(none|self)'", csp)
                or (headers.get("X-Frame-Options") or "").upper() in ("DENY", "SAMEORIGIN"))
    if not frame_ok:
        problems.append("nothing forbids framing (frame-ancestors or X-Frame-Options)")
    if "no-referrer" not in (headers.get("Referrer-Policy") or ""):
        problems.append("no Referrer-Policy: no-referrer")
    return problems


async def uses_left(d):
    """The uses left of the run's token, from <tokens/>."""
    listed = await d.sender.iq(d.service, "get", p.el("tokens"))
    for e in listed.iter(p.q(p.NS, "token")):
        if e.get("value") == d.token:
            return e.get("uses-left")
    return None


async def check_web_page(d):
    """The token's web page shows the card and the XMPP URI, safely, and costs no use."""
    if p.FEATURES["tokens"] not in d.features:
        raise Skip("#tokens not advertised by %s" % d.service)
    if not getattr(d, "token", None):
        raise Skip("no token")
    web = getattr(d, "token_web", None)
    if not web:
        raise Skip("the token has no 'web' address: the service serves no page")
    parts = urllib.parse.urlsplit(web)
    expect(parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname)),
           "web=%r is neither https nor http on a loopback host" % web)
    before = await uses_left(d)
    status, headers, text = await get(d, web)
    expect(status == 200, "GET %s: HTTP %s, expected 200" % (web, status))
    page = Links()
    page.feed(text)
    problems = header_problems(headers)
    want = "xmpp:%s?bizcard;token=%s" % (d.service, d.token)
    alternates = [l.get("href") for l in page.links if l.get("rel") == "alternate"]
    if want not in alternates:
        problems.append('no <link rel="alternate" href="%s"> (found %s)' % (want, alternates))
    if page.script:
        problems.append("the page has a <script>")
    fn = d.set_cards[max(d.set_cards)].findtext("%s/%s" % (p.q(p.VCARD, "fn"),
                                                          p.q(p.VCARD, "text")))
    if fn not in text:
        problems.append("the page does not show the set's card (FN %r)" % fn)
    after = await uses_left(d)
    if before != after:
        problems.append("viewing the page used the token (uses-left %s, then %s)"
                        % (before, after))
    expect(not problems, "; ".join(problems))
    return "%s: 200, card and alternate link shown, no script or cookie, safe headers" % web


async def check_web_page_revoked(d):
    """After the token is revoked its page answers 404."""
    web = getattr(d, "revoked_web", None)
    if not web:
        raise Skip("no revoked token with a web page")
    status, _, _ = await get(d, web)
    expect(status == 404, "GET %s after revoke: HTTP %s, expected 404" % (web, status))
    return "HTTP 404"
