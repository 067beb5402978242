package io.codara.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Codara's token format, shaped like GitHub's: {@code cdr_}, 30 random base62 characters (178 bits), and a
 * 6-character base62 CRC32 of them. The prefix lets secret scanners spot a leaked token; the checksum lets them
 * (and Codara) tell a real token from a look-alike without asking the database.
 */
final class TokenFormat {

    static final String PREFIX = "cdr_";
    static final int RANDOM_LENGTH = 30;
    static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder body = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            body.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return PREFIX + body + checksum(body);
    }

    /** Whether {@code candidate} is shaped like a token and its checksum matches. */
    static boolean valid(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = candidate.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        String body = candidate.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return checksum(body).equals(candidate.substring(PREFIX.length() + RANDOM_LENGTH));
    }

    static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(out);
    }
}
