package dev.devcycle.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads JSON-P entity parameters ({@code JsonValue}, {@code JsonObject}, ...) as exactly one JSON value: the
 * runtime's own JSON-P reader stops after the first value and ignores trailing content. An application provider is
 * preferred over the runtime's for the same type (Jakarta REST 4.2.3). The body is already bounded by
 * {@link RequestFormatFilter}; bytes that are not valid in the request's charset (UTF-8 by default) are a 400, not
 * replaced silently.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class StrictJsonReader implements MessageBodyReader<JsonValue> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonValue.class.isAssignableFrom(type);
    }

    @Override
    public JsonValue readFrom(Class<JsonValue> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                              MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        JsonValue value = JsonText.parseWhole(decode(entityStream.readAllBytes(), mediaType));
        if (!type.isInstance(value)) {
            throw new InvalidRequestException("request body must be a JSON "
                    + (type.getSimpleName().equals("JsonArray") ? "array" : "object"));
        }
        return value;
    }

    private static String decode(byte[] bytes, MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        // RequestFormatFilter already answered 415 for a charset the JVM does not have.
        Charset charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("request body is not valid " + charset.name());
        }
    }
}
