package dev.emporium.platform.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.EventTopics;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.internal.storage.OutboxDelivery;
import dev.emporium.platform.internal.storage.OutboxEvent;
import dev.emporium.platform.internal.storage.OutboxStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Delivers committed outbox events through Event Admin, oldest first, at least once, and keeps at it across restarts. */
@Component(immediate = true, configurationPid = PlatformConfig.PID)
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final EventAdmin eventAdmin;
    private final ObjectMapper mapper;
    private final OutboxDelivery delivery;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emporium-outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> schedule;

    /** The {@link Outbox} reference makes sure the platform schema exists before the first poll. */
    @Activate
    public OutboxRelay(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource, @Reference EventAdmin eventAdmin,
                       @Reference ObjectMapper mapper, @Reference Outbox outbox, PlatformConfig config) {
        this.eventAdmin = eventAdmin;
        this.mapper = mapper;
        this.delivery = new OutboxDelivery(dataSource, new OutboxStore(mapper), BATCH);
        modified(config);
    }

    @Modified
    synchronized void modified(PlatformConfig config) {
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = executor.scheduleWithFixedDelay(this::deliverAll, 0, config.outboxPollMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private void deliverAll() {
        try {
            while (!executor.isShutdown() && delivery.deliverPending(e -> eventAdmin.sendEvent(toEvent(e))) == BATCH) {
                // a full batch: more may be waiting
            }
        } catch (Exception e) {
            LOG.warn("Outbox delivery will retry: {}", e.getMessage());
        }
    }

    Event toEvent(OutboxEvent e) {
        Map<String, Object> props = new HashMap<>();
        try {
            JsonNode payload = mapper.readTree(e.payloadJson());
            payload.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                if (v.isTextual()) {
                    props.put(f.getKey(), v.asText());
                } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                    props.put(f.getKey(), v.asLong());
                } else if (v.isBoolean()) {
                    props.put(f.getKey(), v.asBoolean());
                } else if (v.isNumber()) {
                    props.put(f.getKey(), v.decimalValue().toPlainString());
                }
            });
        } catch (IOException ex) {
            LOG.warn("Outbox event {} has an unreadable payload; delivering it raw", e.id());
        }
        props.put(EventTopics.EVENT_ID, e.id());
        props.put(EventTopics.PAYLOAD, e.payloadJson());
        props.put(EventTopics.CREATED_AT, e.createdAt().toString());
        return new Event(e.topic(), props);
    }
}
