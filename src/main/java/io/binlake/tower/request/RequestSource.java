package io.binlake.tower.request;

/**
 * Where a request came from. Kafka producers are trusted systems (the topic is protected by Kafka ACLs); a REST
 * caller is a logged-in user, whose permissions the command checks, and who is recorded as the requester.
 */
public record RequestSource(Channel channel, String userId) {
    public enum Channel {
        KAFKA, REST, DBS_CALLBACK
    }

    public static RequestSource kafka() {
        return new RequestSource(Channel.KAFKA, null);
    }

    public static RequestSource rest(String userId) {
        return new RequestSource(Channel.REST, userId);
    }

    public static RequestSource dbsCallback() {
        return new RequestSource(Channel.DBS_CALLBACK, null);
    }

    public boolean isUser() {
        return channel == Channel.REST;
    }
}
