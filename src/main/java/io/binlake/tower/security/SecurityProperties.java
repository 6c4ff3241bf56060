package io.binlake.tower.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param secretKey     base64 of 32 random bytes: the AES key that encrypts secrets at rest (TOWER_SECRET_KEY in prod)
 * @param secretKeyFile where the local profile keeps a generated key when {@code secretKey} is not set
 * @param superAdminGroup Camunda group whose members are Tower super admins (besides the super_admin table)
 */
@Validated
@ConfigurationProperties(prefix = "tower.security")
public record SecurityProperties(String secretKey, String secretKeyFile, String superAdminGroup) {
    public SecurityProperties {
        if (superAdminGroup == null || superAdminGroup.isBlank()) {
            superAdminGroup = "camunda-admin";
        }
    }
}
