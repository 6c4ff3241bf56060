package io.binlake.tower.manager;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The manager's wire encoding (contract §1): a request body is lower-case {@code hex(gzip(JSON(MetaData)))};
 * {@code Rule.any} is {@code gzip(JSON(MQRule))} (base64 as a JSON byte[]); an answer is either {@code {code,message}}
 * JSON or, for slave/status, {@code hex(gzip(JSON(MetaData)))}.
 *
 * <p>Uses its own Jackson mappers, not Spring's: the wire format must not change when someone tunes the application's
 * JSON settings.
 */
public final class ManagerCodec {

    private static final HexFormat HEX = HexFormat.of();

    /** What Tower sends: every field written (explicit nulls like the real console), but a null list as {@code []}. */
    private static final ObjectMapper WRITER = baseBuilder().addModule(nullListsAsEmpty()).build();

    /** What Tower reads back: tolerant of fields a newer or older manager adds (e.g. Admin's getter names). */
    private static final ObjectMapper LENIENT = baseBuilder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ManagerCodec() {
    }

    /** The result of a write route: {@code {"code":1000,"message":""}} means success. */
    public record Answer(int code, String message) {

        public static final int SUCCESS = 1000;

        public boolean success() {
            return code == SUCCESS;
        }
    }

    /**
     * A new mapper that reads like the real manager's Jackson 1.9 defaults: unknown fields and unknown (or empty) enum
     * names fail, numbers in strings are coerced, null and absent are both allowed. It writes nulls as they are.
     */
    public static ObjectMapper strictMapper() {
        return baseBuilder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withCoercionConfig(LogicalType.Enum,
                        c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }

    private static JsonMapper.Builder baseBuilder() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
    }

    /** The JSON Tower sends for {@code meta} (before gzip and hex). Contains the dump password: never log it. */
    public static String toJson(MetaData meta) {
        try {
            return WRITER.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize MetaData: " + e.getOriginalMessage(), e);
        }
    }

    /** The request body for {@code meta}: lower-case hex of gzip(JSON). */
    public static String encode(MetaData meta) {
        return encodeBody(toJson(meta));
    }

    /** Lower-case hex of gzip(json), what the manager expects as a raw POST body. */
    public static String encodeBody(String json) {
        return HEX.formatHex(gzip(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The JSON text inside a hex(gzip) body. Whitespace (the trailing newline, line breaks) is ignored and hex is
     * case-insensitive, as on the manager.
     *
     * @throws IllegalArgumentException if the body is not hex of gzip data
     */
    public static String decodeBody(String body) {
        String hex = body.replaceAll("\\s+", "");
        byte[] gz;
        try {
            gz = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex body (" + e.getMessage() + ")", e);
        }
        try {
            return new String(gunzip(gz), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("hex body is not gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** Decodes a slave/status success body into MetaData, ignoring fields our model does not know. */
    public static MetaData decode(String body) {
        String json = decodeBody(body);
        try {
            return LENIENT.readValue(json, MetaData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a MetaData JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** True when a response body is a {@code {code,message}} answer rather than hex (contract §0.2: first char). */
    public static boolean isAnswer(String body) {
        return body.strip().startsWith("{");
    }

    /**
     * Parses a {@code {"code":N,"message":"..."}} answer.
     *
     * @throws IllegalArgumentException if the body is not such a JSON object
     */
    public static Answer parseAnswer(String body) {
        JsonNode node;
        try {
            node = LENIENT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a {code,message} JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || !node.path("code").canConvertToInt()) {
            throw new IllegalArgumentException("not a {code,message} JSON: no integer code");
        }
        JsonNode message = node.path("message");
        return new Answer(node.get("code").asInt(), message.isNull() || message.isMissingNode() ? "" : message.asText());
    }

    /** The {@code {code,message}} JSON text of an answer (without the trailing newline). */
    public static String answerJson(int code, String message) {
        try {
            return WRITER.writeValueAsString(new Answer(code, message == null ? "" : message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encodeMqRule(MQRule rule) {
        try {
            return gzip(WRITER.writeValueAsBytes(rule));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize MQRule: " + e.getOriginalMessage(), e);
        }
    }

    static MQRule decodeMqRule(byte[] any) {
        try {
            return LENIENT.readValue(gunzip(any), MQRule.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Rule.any is not gzip(JSON(MQRule)): " + e.getMessage(), e);
        }
    }

    public static byte[] gzip(byte[] data) {
        var bos = new ByteArrayOutputStream(data.length / 2 + 32);
        try (var gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bos.toByteArray();
    }

    /** @throws IOException {@code java.util.zip.ZipException: Not in GZIP format} etc., as the manager reports them */
    public static byte[] gunzip(byte[] gz) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /**
     * Serializes a null list as {@code []}: Tower never sends a null list (tower-spec §4.6.1, the wave calls size() on
     * them). Maps stay null ({@code "msgid":null} is what the real console sends).
     */
    private static SimpleModule nullListsAsEmpty() {
        JsonSerializer<Object> emptyArray = new JsonSerializer<>() {
            @Override
            public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeStartArray();
                gen.writeEndArray();
            }
        };
        var module = new SimpleModule("tower-null-lists-as-empty");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription beanDesc,
                                                             List<BeanPropertyWriter> beanProperties) {
                for (BeanPropertyWriter writer : beanProperties) {
                    if (writer.getType().isCollectionLikeType()) {
                        writer.assignNullSerializer(emptyArray);
                    }
                }
                return beanProperties;
            }
        });
        return module;
    }
}
