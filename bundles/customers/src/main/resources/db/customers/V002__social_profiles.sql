-- Reach: the customer's social network accounts, entered by the customer or an agent. Personal data: erasure deletes them.
CREATE TABLE customers_social_profile (
    customer_id VARCHAR NOT NULL REFERENCES customers_customer (id),
    network VARCHAR NOT NULL,
    handle VARCHAR NOT NULL,
    followers BIGINT NOT NULL,
    source VARCHAR NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id, network),
    CONSTRAINT customers_social_profile_followers CHECK (followers >= 0)
);
