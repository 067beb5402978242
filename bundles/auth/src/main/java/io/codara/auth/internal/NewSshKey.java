package io.codara.auth.internal;

/** The body of {@code POST /user/keys}: a title and one line of {@code id_*.pub}. */
public record NewSshKey(String title, String key) {
}
