-- Durable outbox subscriptions (DESIGN.md "Several nodes"): one row per subscription of scope cluster (node = '')
-- and one per subscription and node of scope node. A node delivers a subscription's events while holding the row's
-- lock, so two nodes never handle a cluster subscription at once, and records its progress per batch:
-- passed_id is the highest id handled, gaps the ids below it that were not committed yet when it passed them
-- ("lo-hi@epochMillis,..."), kept for a bounded time in case their transaction commits late.
CREATE TABLE platform_outbox_subscription (
    name VARCHAR(200) NOT NULL,
    node VARCHAR(200) NOT NULL,
    passed_id BIGINT NOT NULL,
    gaps VARCHAR,
    delivered BIGINT DEFAULT 0 NOT NULL,
    attempts INT DEFAULT 0 NOT NULL,
    last_error VARCHAR(2000),
    retry_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, node)
);

-- Jobs run once per schedule slot in the cluster: the node whose insert of (job, slot) wins runs it.
CREATE TABLE platform_job_run (
    job VARCHAR(200) NOT NULL,
    slot BIGINT NOT NULL,
    node VARCHAR(200) NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job, slot)
);
