-- Delivery follows the subscriptions' progress (platform_outbox_subscription) since V002; nothing looks pending events
-- up by delivered_at often any more (a subscription's first registration, once, and counts for operators), while the
-- index cost every event an entry at its write and two more when Event Admin's subscription marked it delivered: a
-- tenth of a supplier import's time. Those rare lookups read the table, which pruning keeps to the last hours.
DROP INDEX platform_outbox_pending;
