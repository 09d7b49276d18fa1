package dev.emporium.orders.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.inventory.api.AdjustmentRecord;
import dev.emporium.inventory.api.Reservation;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.ReservationStatus;
import dev.emporium.inventory.api.ReservedLine;
import dev.emporium.inventory.api.StockReservations;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.Money;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.testing.MutableClock;
import dev.emporium.testing.TestDatabases;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What orders' tests stand on: fresh databases with orders' tables, an outbox that records in the caller's
 * transaction, and small in-test implementations of the catalog and inventory APIs (tests only, never product code).
 */
public final class TestStores {

    private TestStores() {
    }

    public static DataSource database(String engine) {
        DataSource ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "orders");
        TestDatabases.execute(ds, RecordingOutbox.TABLE);
        return ds;
    }

    /** A mapper set up as the platform's shared one is for what orders writes. */
    public static ObjectMapper json() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return m;
    }

    public static Product wine(String sku, String price, Integer pack, String packPrice, int grams) {
        List<PackPrice> packs = pack == null ? List.of() : List.of(new PackPrice(pack, Money.of(packPrice, "EUR")));
        return new Product(sku, sku.toLowerCase(), "Wine " + sku, null, null, "Domaine " + sku, "wine", Map.of(), List.of(),
                Money.of(price, "EUR"), packs, new Shipping(grams, 80, 80, 320), List.of(), null, ProductStatus.PUBLISHED,
                true, 1, Instant.parse("2026-03-01T09:00:00Z"));
    }

    public static Product unsellable(Product p) {
        return new Product(p.sku(), p.slug(), p.name(), null, null, null, p.type(), Map.of(), List.of(), p.price(),
                p.packPrices(), p.shipping(), List.of(), null, p.status(), false, p.version() + 1, p.updatedAt());
    }

    public static Product repriced(Product p, String price) {
        return new Product(p.sku(), p.slug(), p.name(), null, null, null, p.type(), Map.of(), List.of(), Money.of(price, "EUR"),
                p.packPrices(), p.shipping(), List.of(), null, p.status(), p.sellable(), p.version() + 1, p.updatedAt());
    }

    /** A catalog that knows some products; only {@code bySku} is answered (a proxy, so catalog-api may grow). */
    public static final class Products {
        public final Map<String, Product> bySku = new ConcurrentHashMap<>();

        public void put(Product p) {
            bySku.put(p.sku(), p);
        }

        public Catalog catalog() {
            return (Catalog) Proxy.newProxyInstance(Catalog.class.getClassLoader(), new Class<?>[] {Catalog.class}, (proxy, m, args) -> {
                if (m.getName().equals("bySku")) {
                    return Optional.ofNullable(bySku.get((String) args[0]));
                }
                if (m.getName().equals("toString")) {
                    return "in-test catalog";
                }
                throw new UnsupportedOperationException(m.getName());
            });
        }
    }

    /** Inventory's reservations in memory, with its contract: all or nothing, idempotent by reference. */
    public static final class Stock implements StockReservations, StockAdjustments {
        /** The adjustments asked for, as "sku@location+delta reason". */
        public final List<String> adjustments = new ArrayList<>();
        public final Map<String, Long> available = new HashMap<>();
        public final Set<String> discontinued = new HashSet<>();
        public final Map<Long, Reservation> reservations = new HashMap<>();
        public final AtomicInteger reserveCalls = new AtomicInteger();
        private long next = 1;

        @Override
        public synchronized Reservation reserve(List<ReservationLine> lines, Instant expiresAt, String reference) {
            reserveCalls.incrementAndGet();
            for (Reservation r : reservations.values()) {
                if (r.reference().equals(reference)) {
                    return r;
                }
            }
            for (ReservationLine l : lines) {
                if (discontinued.contains(l.sku())) {
                    throw new GoneException(l.sku() + " is no longer sold (discontinued); it cannot be reserved or bought");
                }
                if (!available.containsKey(l.sku())) {
                    throw new NotFoundException("inventory has no stock record for SKU " + l.sku());
                }
                if (available.get(l.sku()) < l.quantity()) {
                    throw new ConflictException("not enough stock of " + l.sku() + ": " + l.quantity() + " requested, "
                            + available.get(l.sku()) + " available");
                }
            }
            List<ReservedLine> held = new ArrayList<>();
            for (ReservationLine l : lines) {
                available.merge(l.sku(), -l.quantity(), Long::sum);
                held.add(new ReservedLine(l.sku(), "warehouse", l.quantity()));
            }
            Reservation r = new Reservation(next++, reference, ReservationStatus.HELD, expiresAt, Instant.now(), held);
            reservations.put(r.id(), r);
            return r;
        }

        @Override
        public synchronized Reservation commit(long id) {
            Reservation r = reservations.get(id);
            if (r.status() == ReservationStatus.RELEASED) {
                throw new ConflictException("reservation " + id + " was released");
            }
            return put(r, ReservationStatus.COMMITTED);
        }

        @Override
        public synchronized Reservation release(long id) {
            Reservation r = reservations.get(id);
            if (r.status() == ReservationStatus.HELD) {
                r.lines().forEach(l -> available.merge(l.sku(), l.quantity(), Long::sum));
                return put(r, ReservationStatus.RELEASED);
            }
            return r;
        }

        private Reservation put(Reservation r, ReservationStatus status) {
            Reservation changed = new Reservation(r.id(), r.reference(), status, r.expiresAt(), r.createdAt(), r.lines());
            reservations.put(r.id(), changed);
            return changed;
        }

        @Override
        public int expire(Instant now) {
            return 0;
        }

        @Override
        public synchronized Optional<Reservation> find(long id) {
            return Optional.ofNullable(reservations.get(id));
        }

        @Override
        public synchronized AdjustmentRecord adjust(StockAdjustment a) {
            available.merge(a.sku(), a.delta(), Long::sum);
            adjustments.add(a.sku() + "@" + a.location() + "+" + a.delta() + " " + a.reason());
            return null;
        }

        @Override
        public SkuStock discontinue(String sku, String reason, String actor) {
            throw new UnsupportedOperationException("discontinue");
        }

        /** Inventory's sweep: held reservations past their expiry are expired. */
        public synchronized List<Long> expireAll() {
            List<Long> expired = new ArrayList<>();
            for (Reservation r : List.copyOf(reservations.values())) {
                if (r.status() == ReservationStatus.HELD) {
                    r.lines().forEach(l -> available.merge(l.sku(), l.quantity(), Long::sum));
                    put(r, ReservationStatus.EXPIRED);
                    expired.add(r.id());
                }
            }
            return expired;
        }

        public synchronized long available(String sku) {
            return available.get(sku);
        }

        public synchronized long count(ReservationStatus status) {
            return reservations.values().stream().filter(r -> r.status() == status).count();
        }
    }

    /** The tests' outbox: a table written with the caller's connection, so an event survives exactly when its transaction commits. */
    public static final class RecordingOutbox implements Outbox {

        static final String TABLE = """
                CREATE TABLE test_outbox (
                    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                    topic VARCHAR NOT NULL,
                    payload VARCHAR NOT NULL
                )""";

        private final DataSource dataSource;

        public RecordingOutbox(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public long publish(Connection tx, String topic, Map<String, ?> payload) throws SQLException {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO test_outbox (topic, payload) VALUES (?, ?)", new String[] {"id"})) {
                ps.setString(1, topic);
                ps.setString(2, json().writeValueAsString(payload));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Event names (the topic's last segment) with their payload JSON, in order. */
        public List<String> events() throws SQLException {
            List<String> events = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT topic, payload FROM test_outbox ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    events.add(t.substring(t.lastIndexOf('/') + 1) + " " + rs.getString(2));
                }
            }
            return events;
        }

        public List<String> topics() throws SQLException {
            return events().stream().map(e -> e.substring(0, e.indexOf(' '))).toList();
        }
    }
}
