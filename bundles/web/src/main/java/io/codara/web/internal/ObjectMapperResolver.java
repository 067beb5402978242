package io.codara.web.internal;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Hands Jackson's JAX-RS provider Codara's configured mapper. */
@Provider
public final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = Json.mapper();

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
