package io.binlake.tower.dbs;

/**
 * An authorization order opened at DBS.
 *
 * @param orderId DBS's id of the order (at most 64 characters: the column that stores it); the decision names it
 * @param url     a page where people can follow the order, or null when DBS gives none
 */
public record DbsOrder(String orderId, String url) {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_URL_LENGTH = 512;

    public DbsOrder {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is required");
        }
        if (orderId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("orderId longer than " + MAX_ID_LENGTH + " characters");
        }
        if (url != null && (url.isBlank() || url.length() > MAX_URL_LENGTH)) {
            throw new IllegalArgumentException("url must be null or 1.." + MAX_URL_LENGTH + " characters");
        }
    }
}
