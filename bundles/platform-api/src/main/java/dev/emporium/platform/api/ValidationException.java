package dev.emporium.platform.api;

import java.util.List;
import java.util.Map;

/** 400: the request is well-formed but some fields are invalid; each is named with its reason. */
public class ValidationException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public ValidationException(List<FieldError> errors) {
        super(400, "Invalid request", summary(errors), errors, Map.of());
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    private static String summary(List<FieldError> errors) {
        if (errors == null || errors.isEmpty()) {
            throw new IllegalArgumentException("a validation problem names at least one field");
        }
        return errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }
}
