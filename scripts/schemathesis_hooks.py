"""Schemathesis hooks: the deliberate exceptions to "every schema-valid request is accepted".

Each is a rule the server enforces that OpenAPI 3.0 cannot state, matched by its stable problem code
so nothing else is hidden. docs/operations.md ("Contract checks") lists the same exceptions.
"""
import schemathesis

# (problem code, detail fragment, why the document cannot say it)
DELIBERATE = [
    (
        "IDEMPOTENCY.KEY_INVALID",
        "header and the idempotencyKey field differ",
        "the key may come in the body or the Idempotency-Key header; both present and different is a 400. "
        "A rule across two locations has no JSON Schema form.",
    ),
    (
        "IDEMPOTENCY.KEY_INVALID",
        "An idempotency key is required",
        "POST /api/locks and /api/payments/intent need a key in the body or in the Idempotency-Key header; "
        "'one of two locations' has no JSON Schema form, so both are documented as optional.",
    ),
    (
        "IDEMPOTENCY.KEY_REUSED",
        "already used with a different request",
        "a key is bound to the first payload sent with it, so a later, different request with the same key "
        "is refused (422). Schemathesis reuses example keys across payloads; whether a key is taken is state "
        "on the server, not a property of one request.",
    ),
    (
        "AUDIT.INVALID_CURSOR",
        "cursor must be a cursor this API returned",
        "cursor is opaque: only values from an earlier X-Next-Cursor header decode; the schema states its "
        "alphabet and length.",
    ),
    (
        "EVENT.INVALID",
        "startsAt must be in the future",
        "depends on the clock at request time; a schema can only state the date-time format.",
    ),
]


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    if response is None or response.status_code not in (400, 422):
        return True
    try:
        problem = response.json()
    except ValueError:
        return True
    for code, detail, _reason in DELIBERATE:
        if problem.get("code") == code and detail in problem.get("detail", ""):
            return False
    return True
