"""The staff and public APIs' OpenAPI schemas name every status an operation answers with, errors included."""

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "What went wrong: `detail` for the request as a whole, or a list of messages per field "
        "(`non_field_errors` for the record as a whole; nested records by position)."
    ),
    "additionalProperties": True,
}

# Every operation: bad input (a filter, a body, a cursor, a page size), a record or page that does not
# exist, and the rate limit.
COMMON_ERRORS = {
    "400": "Bad input: the body names each field in error.",
    "404": "No such record (or not one you may see), no such page, or an unknown `format`.",
    "429": "Too many requests: wait the seconds in `Retry-After`.",
}
# Operations that need a login.
AUTHENTICATION_ERRORS = {
    "401": "No valid credentials.",
    "403": "Credentials that may not do this.",
}

# Operations that read a body.
BODY_ERRORS = {
    "415": "A body in a media type the operation does not read.",
}

METHODS = ("get", "put", "post", "patch", "delete")


def _needs_login(operation: dict) -> bool:
    """Whether every security requirement names a scheme (an empty one, ``{}``, means anonymous access)."""
    requirements = operation.get("security", [])
    return bool(requirements) and all(requirements)


def document_error_responses(result, generator, request, public):
    """A drf-spectacular postprocessing hook: adds the error answers to every operation's responses.

    Errors come in the media types the operation's success does (the staff API's ``?format=csv``
    answers an error as CSV too).
    """
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            success = next((response for status, response in responses.items() if status.startswith("2")), {})
            media_types = list(success.get("content", {})) or ["application/json"]
            errors = {
                **COMMON_ERRORS,
                **(AUTHENTICATION_ERRORS if _needs_login(operation) else {}),
                **(BODY_ERRORS if "requestBody" in operation else {}),
            }
            for status, description in errors.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {
                        media_type: {"schema": {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}}
                        for media_type in media_types
                    },
                })
    return result
