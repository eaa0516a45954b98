-- Webhook delivery claims for many hub nodes on one database. A node's dispatcher claims a subscription's due
-- deliveries (its lane) under a lease: claimed_by names the claiming dispatcher, claimed_until is when the claim lapses
-- if the node dies. No other node takes a lane while any of its pending rows is claimed, so each receiver gets one
-- delivery at a time, in queue order, and each delivery is sent by one node.
ALTER TABLE webhook_deliveries ADD COLUMN claimed_by text;
ALTER TABLE webhook_deliveries ADD COLUMN claimed_until timestamptz;
CREATE INDEX webhook_deliveries_claimed ON webhook_deliveries(subscription_id, claimed_until) WHERE status = 'pending' AND claimed_by IS NOT NULL;
