package io.binlake.tower.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (dump password, DBS token, cluster admin password) with AES-256-GCM.
 * Stored form: "v1:" + base64(iv || ciphertext+tag). The key never appears in logs.
 */
@Component
public class SecretCipher {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecurityProperties properties) {
        this.key = new SecretKeySpec(resolveKey(properties), "AES");
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("A stored secret is not in the encrypted form");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt a stored secret: is tower.security.secret-key the key it was "
                    + "written with?", e);
        }
    }

    private static byte[] resolveKey(SecurityProperties p) {
        if (p.secretKey() != null && !p.secretKey().isBlank()) {
            return decodeKey(p.secretKey().trim(), "tower.security.secret-key");
        }
        if (p.secretKeyFile() != null && !p.secretKeyFile().isBlank()) {
            Path file = Path.of(p.secretKeyFile());
            try {
                if (Files.exists(file)) {
                    return decodeKey(Files.readString(file).trim(), file.toString());
                }
                byte[] generated = new byte[32];
                new SecureRandom().nextBytes(generated);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(generated));
                return generated;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read or create the secret key file " + file, e);
            }
        }
        throw new IllegalStateException("No encryption key for secrets at rest: set TOWER_SECRET_KEY "
                + "(tower.security.secret-key) to base64 of 32 random bytes, e.g. `openssl rand -base64 32`.");
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", e);
        }
        if (k.length != 32) {
            throw new IllegalStateException(source + " must be base64 of exactly 32 bytes (AES-256), it has " + k.length);
        }
        return k;
    }
}
