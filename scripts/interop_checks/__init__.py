"""The checks of scripts/interop, one job per module.

protocol  -- the draft's namespaces, payload builders, canonical card size, error parsing
account   -- one logged-in XMPP account: bounded IQ round trips and an inbox of messages
report    -- PASS / FAIL / SKIP lines, the summary and the JSON report
discovery -- finding the card service and checking what it advertises
requests  -- submit (within the advertised rate), ack, status, and what a card message must hold
core      -- submit, delivery, ack, receipt, status, rejection, submit retry, normalisation
sync      -- offline delivery and synchronisation
text      -- cards as text: copies and submits with the card as vCard 4.0 text (#text)
errors    -- the draft's error conditions for bad requests
sets      -- card sets and updates (#sets, #updates)
tokens    -- tokens and exchange (#tokens)
backup    -- backup and restore (#backup)
web       -- the web page of a token, when the service gives one
runner    -- runs every check for one direction (sender -> recipient)
"""
