package dev.emporium.platform.internal.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.component.annotations.Component;

/** The one Jackson mapper every department shares, published as an {@link ObjectMapper} service. */
@Component(service = ObjectMapper.class)
public class SharedObjectMapper extends ObjectMapper {

    private static final long serialVersionUID = 1L;

    public SharedObjectMapper() {
        JsonMapping.configure(this);
    }
}
