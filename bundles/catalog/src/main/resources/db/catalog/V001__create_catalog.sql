CREATE TABLE catalog_product_type (
    code VARCHAR(40) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    definition VARCHAR NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE catalog_category (
    code VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    parent VARCHAR(64)
);

CREATE TABLE catalog_product (
    sku VARCHAR(64) PRIMARY KEY,
    slug VARCHAR(120) NOT NULL,
    type_code VARCHAR(40) NOT NULL,
    name VARCHAR(200) NOT NULL,
    brand VARCHAR(120),
    status VARCHAR(16) NOT NULL,
    sellable BOOLEAN NOT NULL,
    price_amount DECIMAL(19, 4) NOT NULL,
    price_currency CHAR(3) NOT NULL,
    data VARCHAR NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX catalog_product_slug ON catalog_product (slug);

CREATE INDEX catalog_product_status ON catalog_product (status, sku);
