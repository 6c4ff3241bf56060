package io.binlake.tower.topic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Producer properties as a JSON object in one column; the order they were given in is kept. */
@Converter
class ProducerPropertiesConverter implements AttributeConverter<Map<String, String>, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> properties) {
        try {
            return JSON.writeValueAsString(properties == null ? Map.of() : properties);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Producer properties are not writable as JSON", e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String stored) {
        if (stored == null || stored.isBlank()) {
            return Collections.emptyMap();
        }
        try {
            return Collections.unmodifiableMap(JSON.readValue(stored, TYPE));
        } catch (JsonProcessingException e) {
            // Only Tower writes this column; unreadable text means the row was damaged outside Tower.
            throw new IllegalStateException("producer_properties of a topic rule is not a JSON object of strings", e);
        }
    }

    static int storedLength(Map<String, String> properties) {
        return new ProducerPropertiesConverter().convertToDatabaseColumn(properties).length();
    }
}
