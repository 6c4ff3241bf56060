package io.binlake.tower.manager;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code error} node (the real class is {@code Meta.Error}; renamed so it does not shadow {@link java.lang.Error}).
 * Written by the wave; read through slave/status.
 *
 * @param code BinlogException code: 1000x retried, 2xxxx-4xxxx stopped
 * @param msg  UTF-8 text as bytes (base64 on the wire)
 */
public record ErrorInfo(int code, byte[] msg) {

    public static final ErrorInfo NONE = new ErrorInfo(0, new byte[0]);

    public static ErrorInfo of(int code, String text) {
        return new ErrorInfo(code, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The message as text ({@code ""} when absent). */
    public String text() {
        return msg == null ? "" : new String(msg, StandardCharsets.UTF_8);
    }

    // Records compare arrays by identity; compare the bytes instead.
    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorInfo e && e.code == code && Arrays.equals(e.msg, msg);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(msg);
    }

    @Override
    public String toString() {
        return "ErrorInfo[code=" + code + ", msg=" + text() + "]";
    }
}
