package dev.emporium.platform.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.emporium.platform.api.BadRequestException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;

import java.io.IOException;
import java.util.stream.Collectors;

/** Reads request bodies with the shared mapper and turns every way a body can be wrong into a clear 400. */
final class JsonBodies {

    private JsonBodies() {
    }

    static <T> T read(ObjectMapper mapper, byte[] body, String contentType, Class<T> type) {
        if (body.length == 0) {
            throw new BadRequestException("a JSON request body is required");
        }
        if (contentType == null || !isJson(contentType)) {
            throw new ProblemException(415, "Unsupported media type",
                    "send the body as application/json, not " + (contentType == null ? "without a Content-Type" : contentType));
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new BadRequestException("the request body is JSON null; a JSON object is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ValidationException(path(e), "unknown field");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProblemException p) {
                throw p;
            }
            String message = cause != null && cause.getMessage() != null ? cause.getMessage() : "invalid value";
            throw new ValidationException(path(e).isEmpty() ? "body" : path(e), message);
        } catch (InvalidFormatException e) {
            throw new ValidationException(path(e), "cannot read " + describe(e.getValue()) + " as " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            String field = path(e);
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (!field.isEmpty() && original.startsWith("Cannot map `null`")) {
                throw new ValidationException(field, "is required");
            }
            String expected = e.getTargetType() == null ? "another JSON type" : e.getTargetType().getSimpleName();
            if (field.isEmpty()) {
                throw new BadRequestException("the request body must be a JSON object of the expected shape (" + expected + ")");
            }
            throw new ValidationException(field, "wrong JSON type, expected " + expected);
        } catch (StreamConstraintsException e) {
            throw new BadRequestException("the request body is too deep or has a too long value: " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            // Inside a field, Jackson wraps syntax and size errors in a mapping error: report them as what they are.
            if (e.getCause() instanceof StreamConstraintsException c) {
                throw new BadRequestException("the request body is too deep or has a too long value: " + c.getOriginalMessage());
            }
            if (e.getCause() instanceof JsonProcessingException c) {
                throw malformed(c);
            }
            throw new ValidationException(path(e).isEmpty() ? "body" : path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new BadRequestException("the request body could not be read: " + e.getMessage());
        }
    }

    private static BadRequestException malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new BadRequestException("malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }

    static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
    }

    /** The JSON path of the failing field, as {@code lines[2].sku}. */
    static String path(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String describe(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
