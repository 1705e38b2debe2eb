#!/usr/bin/python3
"""A client that knows nothing of urn:xmpp:bizcard:0 (slixmpp, as Debian packages it): logs in,
says READY, and prints the body of the first message that contains EXPECT, then exits. Used to
check that people whose clients lack the extension still read a card's fallback body.

usage: plain_receiver.py JID PASSWORD HOST CA_FILE EXPECT TIMEOUT_SECONDS
"""
import asyncio
import sys

import slixmpp


class Receiver(slixmpp.ClientXMPP):
    def __init__(self, jid, password, ca_file, expect):
        super().__init__(jid, password)
        self.ca_certs = ca_file  # TLS is verified against the federation's own CA
        self.expect = expect
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("message", self.on_message)

    async def start(self, _event):
        self.send_presence()
        await self.get_roster()
        print("READY", flush=True)

    def on_message(self, message):
        body = message["body"]
        if self.expect in body:
            print(f"FROM {message['from']}", flush=True)
            print(body, flush=True)
            self.disconnect()


def main():
    jid, password, host, ca_file, expect, timeout = sys.argv[1:7]
    client = Receiver(jid, password, ca_file, expect)
    client.connect((host, 5222))
    try:
        client.loop.run_until_complete(asyncio.wait_for(client.disconnected, float(timeout)))
    except asyncio.TimeoutError:
        print(f"no message containing {expect!r} within {timeout} s", flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
