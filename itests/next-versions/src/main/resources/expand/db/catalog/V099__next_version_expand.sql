ALTER TABLE catalog_product ADD COLUMN tasting_note VARCHAR;
CREATE TABLE catalog_tasting_note (
    sku VARCHAR(64) NOT NULL PRIMARY KEY,
    note VARCHAR NOT NULL,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL
);
