"""One XMPP account logged in for the checks, built on slixmpp.

An Account connects (optionally to an overridden host and port, verifying TLS against a given
CA bundle), sends its initial presence, keeps every message it receives in an inbox, and sends
IQs whose answers are awaited for at most the run's timeout. Payloads are plain ElementTree
elements, so the checks see exactly what the service sent. A failure to connect, to set up TLS
or to authenticate raises ConnectError with a sentence naming the account and the cause.
"""
import asyncio
import logging
import secrets
import time

logging.getLogger("slixmpp").setLevel(logging.CRITICAL)

import slixmpp  # noqa: E402  (after quieting its import-time warnings)
from slixmpp.exceptions import IqError, IqTimeout  # noqa: E402
from slixmpp.util import sasl  # noqa: E402

from . import protocol as p  # noqa: E402


# The account logs in with its password. SASL EXTERNAL needs a client certificate, which it
# never presents, and ANONYMOUS would log in as nobody; slixmpp would choose EXTERNAL first
# wherever a server offers it (jabberd2 does after STARTTLS by default) and fail to log in.
PASSWORD_MECHANISMS = set(sasl.MECHANISMS) - {"EXTERNAL", "ANONYMOUS"}


class ConnectError(Exception):
    """An account could not connect, secure its stream or log in."""


class NoAnswer(Exception):
    """An IQ got no answer within the timeout."""


class Inbox:
    """Every message an account received, in order, with a way to wait for one."""

    def __init__(self):
        self.messages = []
        self._new = asyncio.Event()

    def add(self, xml):
        """Records a received message (its ElementTree element)."""
        self.messages.append((time.monotonic(), xml))
        self._new.set()

    def mark(self):
        """A position: wait(since=mark) looks only at messages received after it."""
        return len(self.messages)

    def find(self, pred, since=0):
        """All messages after SINCE that PRED accepts."""
        return [m for _, m in self.messages[since:] if pred(m)]

    async def wait(self, pred, timeout, since=0):
        """The first message after SINCE that PRED accepts, waiting at most TIMEOUT seconds;
        None when none came."""
        deadline = time.monotonic() + timeout
        seen = since
        while True:
            for _, m in self.messages[seen:]:
                if pred(m):
                    return m
            seen = len(self.messages)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self._new.clear()
            try:
                await asyncio.wait_for(self._new.wait(), left)
            except asyncio.TimeoutError:
                pass


class Account:
    """A logged-in connection of one user; several may exist for the same user."""

    def __init__(self, jid, password, address=None, ca=None, timeout=10.0, label=None):
        self.bare = jid
        self.password = password
        self.address = address
        self.ca = ca
        self.timeout = timeout
        self.label = label or jid
        self.inbox = Inbox()
        self.client = None

    @property
    def full(self):
        """The full JID this connection is bound to."""
        return str(self.client.boundjid)

    @property
    def domain(self):
        """The domain of the account's server."""
        return self.bare.split("@", 1)[1]

    async def connect(self):
        """Connects, secures the stream, logs in with a fresh resource and sends presence."""
        resource = "interop-" + secrets.token_hex(4)
        c = slixmpp.ClientXMPP("%s/%s" % (self.bare, resource), self.password)
        if self.ca:
            c.ca_certs = self.ca
        c["feature_mechanisms"].use_mechs = PASSWORD_MECHANISMS
        self.client = c
        loop = asyncio.get_running_loop()
        outcome = loop.create_future()

        def finish(result):
            if not outcome.done():
                outcome.set_result(result)

        def on_session(_):
            c.send_presence()
            finish(None)

        c.add_event_handler("session_start", on_session)
        c.add_event_handler("connection_failed",
                            lambda e: finish("connection failed: %s" % e))
        c.add_event_handler("ssl_invalid_chain",
                            lambda e: finish("TLS certificate not trusted: %s" % e))
        c.add_event_handler("failed_all_auth",
                            lambda _: finish("authentication failed (wrong password?)"))
        c.add_event_handler("no_auth", lambda _: finish("no usable authentication mechanism"))
        c.add_event_handler("stream_error",
                            lambda e: finish("stream error: %s" % e["condition"]))
        c.add_event_handler("disconnected",
                            lambda _: finish("the server closed the connection"))
        c.register_handler(slixmpp.xmlstream.handler.Callback(
            "interop inbox", slixmpp.xmlstream.matcher.MatchXPath("{%s}message" % p.CLIENT),
            lambda msg: self.inbox.add(msg.xml)))
        where = "%s:%d" % self.address if self.address else "its server (DNS)"
        c.connect(address=self.address)
        try:
            problem = await asyncio.wait_for(outcome, self.timeout)
        except asyncio.TimeoutError:
            problem = "no session within %gs" % self.timeout
        if problem:
            c.cancel_connection_attempt()
            c.abort()
            raise ConnectError("%s via %s: %s" % (self.bare, where, problem))
        return self

    async def close(self):
        """Ends the stream (bounded by the timeout); the account is then offline."""
        if self.client is None:
            return
        c, self.client = self.client, None
        try:
            await asyncio.wait_for(c.disconnect(wait=1.0), self.timeout)
        except (asyncio.TimeoutError, Exception):
            c.abort()
        filters = getattr(c, "_run_out_filters", None)
        if filters is not None:
            filters.cancel()

    async def iq(self, to, itype, payload=None, timeout=None):
        """Sends an IQ of type ITYPE to TO with PAYLOAD (an element or None) and returns the
        reply element, a result or an error; raises NoAnswer when none comes in time."""
        iq = self.client.make_iq(ito=to, itype=itype, id=self.client.new_id())
        if payload is not None:
            iq.xml.append(payload)
        wait = timeout or self.timeout
        try:
            reply = await iq.send(timeout=wait)
            return reply.xml
        except IqError as e:
            return e.iq.xml
        except IqTimeout:
            raise NoAnswer("no answer from %s within %gs" % (to, wait)) from None
