-- Buying habits are computed from these per-order facts, written once per order number from the orders department's
-- ORDER_PLACED event (a redelivery finds the row and changes nothing); ORDER_CANCELLED marks the order, which then
-- counts nowhere. Erasure deletes a customer's facts.
CREATE TABLE customers_order_fact (
    order_number VARCHAR PRIMARY KEY,
    customer_id VARCHAR NOT NULL REFERENCES customers_customer (id),
    placed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    total DECIMAL(19, 4) NOT NULL,
    currency VARCHAR NOT NULL,
    cancelled_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX customers_order_fact_customer ON customers_order_fact (customer_id, placed_at);

CREATE TABLE customers_order_line_fact (
    order_number VARCHAR NOT NULL REFERENCES customers_order_fact (order_number),
    position INTEGER NOT NULL,
    sku VARCHAR NOT NULL,
    units BIGINT NOT NULL,
    unit_price DECIMAL(19, 4),
    brand VARCHAR,
    product_type VARCHAR,
    PRIMARY KEY (order_number, position)
);

CREATE TABLE customers_order_attribute_fact (
    order_number VARCHAR NOT NULL REFERENCES customers_order_fact (order_number),
    position INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    attribute_value VARCHAR NOT NULL,
    PRIMARY KEY (order_number, position, code)
);
