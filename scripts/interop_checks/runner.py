"""Runs every check for one direction: the sender's card service delivers to the recipient.

A Direction holds the two logged-in accounts, the service under test and what the checks
learn on the way (features, limits, delivery ids). The checks run in the order of the draft's
use cases; the cleanups registered by the feature checks run at the end whatever happened.
"""
import secrets

from . import backup, core, discovery, errors, requests, sets, sync, text, tokens, web
from .account import Account, NoAnswer

CHECKS = [
    ("discovery", discovery.check_discovery),
    ("submit", core.check_submit),
    ("online delivery", core.check_online_delivery),
    ("spoofed ack", core.check_spoofed_ack),
    ("ack", core.check_ack),
    ("receipt", core.check_receipt),
    ("repeated ack", core.check_repeated_ack),
    ("status", core.check_status),
    ("rejected + reason", core.check_rejected),
    ("acks together", core.check_ack_batch),
    ("submit retry (id)", core.check_submit_retry),
    ("normalised recipient", core.check_normalisation),
    ("offline delivery", sync.check_offline),
    ("sync after offline", sync.check_sync_after_offline),
    ("sync resend", sync.check_sync),
    ("cards as text", text.check_text),
    ("unknown account", errors.check_unknown_account),
    ("unknown delivery", errors.check_unknown_delivery),
    ("invalid card", errors.check_invalid_card),
    ("invalid recipient", errors.check_invalid_recipient),
    ("foreign submit", errors.check_foreign_submit),
    ("foreign requests", errors.check_foreign_requests),
    ("too many recipients", errors.check_too_many_recipients),
    ("malformed submit", errors.check_malformed_submit),
    ("bad ack status", errors.check_bad_ack_status),
    ("wrong IQ type", errors.check_wrong_iq_type),
    ("unknown child", errors.check_unknown_child),
    ("unknown request", errors.check_unknown_request),
    ("101 status ids", errors.check_too_many_ids),
    ("extension ignored", errors.check_extension_ignored),
    ("card size limit", errors.check_card_size),
    ("still works", errors.check_still_works),
    ("sets", sets.check_sets),
    ("bad sets", sets.check_bad_sets),
    ("too many sets", sets.check_too_many_sets),
    ("set delivery", sets.check_set_delivery),
    ("unknown set", sets.check_unknown_set),
    ("update", sets.check_update),
    ("superseded update", sets.check_superseded_update),
    ("unfollow", sets.check_unfollow),
    ("tokens", tokens.check_tokens),
    ("token preview", tokens.check_preview),
    ("exchange", tokens.check_exchange),
    ("exchange without card", tokens.check_exchange_without_card),
    ("token in the past", tokens.check_token_in_past),
    ("token web page", web.check_web_page),
    ("revoke token", tokens.check_revoke),
    ("revoked web page", web.check_web_page_revoked),
    ("retract set", sets.check_retract),
    ("backup", backup.check_backup),
    ("backup errors", backup.check_backup_errors),
]


class Direction:
    """The sender, the recipient, the sender's card service and the state the checks share."""

    def __init__(self, name, sender, recipient, given_service, timeout, expect=None):
        self.name = name
        self.expect = expect or {}
        self.sender = sender
        self.recipient = recipient
        self.given_service = given_service
        self.timeout = timeout
        self.run_id = secrets.token_hex(4)
        self.service = None
        self.features = set()
        self.limits = {}
        self.first_id = None
        self.to_ack = []
        self.foreign_ids = []
        self.cleanups = []
        self.extra = []

    def expected(self, what):
        """The outcome --expect asks of the recipient's server for WHAT, or None."""
        return self.expect.get((self.recipient.domain.lower(), what))

    def _like(self, acct):
        """A new, not yet connected Account of the same user as ACCT."""
        return Account(acct.bare, acct.password, acct.address, acct.ca, acct.timeout)

    async def reconnect_recipient(self):
        """Logs the recipient in again (a new resource); it replaces d.recipient."""
        new = await self._like(self.recipient).connect()
        self.recipient.client = new.client
        self.recipient.inbox = new.inbox
        return self.recipient

    async def extra_recipient(self):
        """A second connection of the recipient (closed at the end of the direction)."""
        acct = await self._like(self.recipient).connect()
        self.extra.append(acct)
        return acct


async def run_direction(report, d):
    """Runs CHECKS for D (stopping after a failed discovery), then the cleanups."""
    try:
        for name, check in CHECKS:
            ok = await report.run(d.name, name, check, d)
            if name == "discovery" and not ok:
                report.note("%s: no card service to test; the other checks are left out"
                            % d.name)
                return
    finally:
        await cleanup(d)


async def cleanup(d):
    """Acks the run's deliveries again (an ack of a final delivery changes nothing, so only
    those a failed check left open are closed), removes sets, tokens and backups, closes the
    extra connections; problems here are not checks and do not fail the run."""
    mine = [(d.recipient, i) for i in d.to_ack] + [(d.sender, i) for i in d.foreign_ids]
    steps = [lambda a=acct, i=did: requests.ack(a, d.service, i) for acct, did in mine]
    steps += [lambda u=undo: u(d) for undo in reversed(d.cleanups)]
    for step in steps:
        try:
            await step()
        except NoAnswer:
            break  # the service does not answer: waiting out every step would not help
        except Exception:
            pass
    for acct in d.extra:
        await acct.close()
