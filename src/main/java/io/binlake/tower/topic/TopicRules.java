package io.binlake.tower.topic;

import io.binlake.tower.common.FieldErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What a topic rule may contain. */
final class TopicRules {
    /** The only producer binlake-wave ships (tower-spec §1.6). */
    static final String DEFAULT_PRODUCER_CLASS = "com.jd.binlog.produce.mq.impl.Kafka100Producer";
    /** The original's column default. */
    static final OrderType DEFAULT_ORDER = OrderType.INSTANCE_ORDER;
    static final int NAME_MAX = 128;
    static final int PRODUCER_PROPERTIES_STORED_MAX = 4000;
    static final int PRODUCER_PROPERTIES_MAX = 64;
    static final int FILTERS_MAX = 200;
    /** Kafka's legal topic characters; the length is the column's (Kafka allows 249). */
    private static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9._-]{1,200}$");
    private static final Pattern CLASS_NAME =
            Pattern.compile("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$");
    private static final Pattern PROPERTY_KEY = Pattern.compile("^[a-z0-9.\\-]{1,128}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /**
     * Tower sets these per instance: bootstrap.servers from the cluster and client.id as topic-host-port (jmq4 needs
     * one per producer); the wave writes byte arrays, so other serializers would fail every send.
     */
    private static final Set<String> TOWER_OWNED_PROPERTIES =
            Set.of("bootstrap.servers", "client.id", "key.serializer", "value.serializer");
    /**
     * Topic rules are readable by every member of a group and stored in clear; credentials do not belong here (they
     * would be returned by the API) but to the cluster's Kafka settings.
     */
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("(password|jaas|secret|ssl\\.keystore\\.key)");

    private TopicRules() {
    }

    /** The mutable settings of a rule, validated and with defaults applied. */
    record Settings(String name, String producerClass, boolean withTransaction, OrderType orderType,
            Map<String, String> producerProperties, List<String> filterIds) {
    }

    static String validTopic(String value, FieldErrors errors) {
        String topic = value == null ? "" : value.trim();
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            errors.add("topic", "a Kafka topic name: letters, digits, '.', '_' or '-', at most 200, not '.' or '..'");
            return null;
        }
        return topic;
    }

    static Settings validate(TopicRuleService.TopicRuleDraft d, FieldErrors errors) {
        String name = d.name() == null ? "" : d.name().trim();
        if (name.isEmpty() || name.length() > NAME_MAX || CONTROL.matcher(name).find()) {
            errors.add("name", "required, at most " + NAME_MAX + " characters");
        }
        String producerClass = d.producerClass() == null || d.producerClass().isBlank() ? DEFAULT_PRODUCER_CLASS
                : d.producerClass().trim();
        if (producerClass.length() > 255 || !CLASS_NAME.matcher(producerClass).matches()) {
            errors.add("producerClass", "a fully qualified Java class name, at most 255 characters");
        }
        OrderType order = orderType(d.orderType(), errors);
        Map<String, String> properties = producerProperties(d.producerProperties(), errors);
        List<String> filterIds = filterIds(d.filterIds(), errors);
        return new Settings(name, producerClass, Boolean.TRUE.equals(d.withTransaction()), order, properties,
                filterIds);
    }

    private static OrderType orderType(String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return DEFAULT_ORDER;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (OrderType o : OrderType.values()) {
            if (o.name().equals(v)) {
                return o;
            }
        }
        errors.add("orderType", "one of " + List.of(OrderType.values()));
        return null;
    }

    private static Map<String, String> producerProperties(Map<String, String> values, FieldErrors errors) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        if (values.size() > PRODUCER_PROPERTIES_MAX) {
            errors.add("producerProperties", "at most " + PRODUCER_PROPERTIES_MAX + " properties");
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().trim();
            if (!PROPERTY_KEY.matcher(key).matches()) {
                errors.add("producerProperties", "'" + key + "' is not a Kafka property name (a-z, 0-9, '.', '-')");
                return Map.of();
            }
            if (TOWER_OWNED_PROPERTIES.contains(key)) {
                errors.add("producerProperties", "'" + key + "' is set by Tower for each instance and cannot be given");
                return Map.of();
            }
            if (CREDENTIAL_KEY.matcher(key).find()) {
                errors.add("producerProperties", "'" + key + "' carries credentials, which topic rules do not store");
                return Map.of();
            }
            if (e.getValue() == null || CONTROL.matcher(e.getValue()).find()) {
                errors.add("producerProperties", "the value of '" + key + "' must be a string without control characters");
                return Map.of();
            }
            properties.put(key, e.getValue());
        }
        if (ProducerPropertiesConverter.storedLength(properties) > PRODUCER_PROPERTIES_STORED_MAX) {
            errors.add("producerProperties", "too long: at most " + PRODUCER_PROPERTIES_STORED_MAX
                    + " characters as JSON");
            return Map.of();
        }
        return Collections.unmodifiableMap(properties);
    }

    private static List<String> filterIds(List<String> values, FieldErrors errors) {
        if (values == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank() || v.trim().length() > 32) {
                errors.add("filterIds", "each must be a filter id");
                return List.of();
            }
            ids.add(v.trim());
        }
        if (ids.size() > FILTERS_MAX) {
            errors.add("filterIds", "at most " + FILTERS_MAX + " filters");
        }
        return List.copyOf(new ArrayList<>(ids));
    }
}
