package io.binlake.tower.security;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** JPA converter for secret columns: entities hold plain text in memory only, the database holds ciphertext. */
@Converter
public class EncryptedSecretConverter implements AttributeConverter<String, String> {
    private final SecretCipher cipher;

    public EncryptedSecretConverter(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public String convertToDatabaseColumn(String attribute) {
        return cipher.encrypt(attribute);
    }

    @Override
    public String convertToEntityAttribute(String dbData) {
        return cipher.decrypt(dbData);
    }
}
