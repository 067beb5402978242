package io.codara.api.identity;

/**
 * An account's picture, ready to serve.
 *
 * @param png the image as PNG
 * @param etag a strong validator for HTTP caching
 */
public record Avatar(byte[] png, String etag) {
}
