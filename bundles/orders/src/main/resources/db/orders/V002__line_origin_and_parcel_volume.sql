-- Expand only (DESIGN rule 5): the previous bundle reads these tables unchanged.
-- An order line remembers the brand and product type it was sold as (buying habits, ORDER_PLACED).
ALTER TABLE orders_order_line ADD COLUMN brand VARCHAR;
ALTER TABLE orders_order_line ADD COLUMN product_type VARCHAR;

-- The volume of one unit of a cart line in cubic millimetres (length x width x height), for volumetric shipping;
-- 0 for lines added before (priced on weight alone, as they were).
ALTER TABLE orders_cart_line ADD COLUMN unit_volume_mm3 BIGINT DEFAULT 0 NOT NULL;

-- Lookups by reservation: inventory's expiry names the reservation, not the order.
CREATE INDEX orders_order_reservation_ix ON orders_order (reservation_id);

-- Co-purchases for suggestions: who bought a SKU.
CREATE INDEX orders_order_line_sku_ix ON orders_order_line (sku, order_id);
