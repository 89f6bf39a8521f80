"""Schemathesis hooks: the deliberate exceptions to "every schema-valid request is accepted".

Each is a rule the server enforces that OpenAPI 3.0 cannot state, matched by its stable problem code
so nothing else is hidden. docs/operations.md ("Contract checks") lists the same exceptions.
"""
import os
import uuid
from datetime import datetime, timedelta, timezone

import schemathesis
from schemathesis.generation.meta import TestPhase

# The most seats one lock may hold (CreateLockDto.seats).
MAX_LOCK_SEATS = 50
# The subject of the token the secured run sends (scripts/schemathesis.sh); unset in the open mode.
CONTRACT_SUBJECT = os.environ.get("CONTRACT_SUBJECT")

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
        "PAYMENT.AMOUNT_MISMATCH",
        "does not match the booking amount",
        "a payment's amount must equal its booking's, a rule across two resources. The stateful phase "
        "follows the PayBooking link but sometimes keeps a generated amount instead of the linked one.",
    ),
    (
        "PAYMENT.PROVIDER_ERROR",
        "nothing was charged",
        "force=provider_error asks the simulated provider to be down: the documented 502 is what the caller asked "
        "for (a client retries it with the same key), not a server fault.",
    ),
    (
        "PAYMENT.PROVIDER_TIMEOUT",
        "retry with the same key",
        "force=timeout_after_charge asks the simulated provider to charge and lose its answer: the documented 504 "
        "is what the caller asked for; the retry with the same key finds the charge.",
    ),
    (
        "AUTH.OTHER_USER",
        "userId must be the subject of your token",
        "secured mode: a lock's userId, when given, must equal the token's subject, a rule across the token and "
        "the body; the schema can only say it is a string.",
    ),
    (
        "EVENT.INVALID",
        "startsAt must be in the future",
        "depends on the clock at request time; a schema can only state the date-time format.",
    ),
]


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    if response is None or response.status_code not in (400, 403, 422, 502, 504):
        return True
    try:
        problem = response.json()
    except ValueError:
        return True
    for code, detail, _reason in DELIBERATE:
        if problem.get("code") == code and detail in problem.get("detail", ""):
            return False
    return True


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """In the stateful phase, walk the booking flow as a client does, so its chains reach payments.

    Each write there is a new logical operation with its own key (generated keys collide across payloads
    and are refused as reused, 422), and the event it starts from lies in the future (a past startsAt is
    refused, 400) with room for any lock (up to 50 seats; more than are left is a 409). These refusals stay
    covered by the other phases; here they would end most chains before a payment. In the secured mode a lock
    is held for the token's subject (a generated userId would be refused, 403).
    """
    if case.meta is None or case.meta.phase.name != TestPhase.STATEFUL or not isinstance(case.body, dict):
        return
    if case.method in ("POST", "DELETE"):
        if case.headers:
            case.headers.pop("Idempotency-Key", None)
        case.body["idempotencyKey"] = f"stateful-{uuid.uuid4()}"
    if CONTRACT_SUBJECT and case.method == "POST" and case.path == "/api/locks":
        case.body.pop("userId", None)
    if case.method == "POST" and case.path == "/api/events":
        future = datetime.now(timezone.utc) + timedelta(days=30)
        case.body["startsAt"] = future.isoformat().replace("+00:00", "Z")
        case.body["totalSeats"] = max(case.body.get("totalSeats", 0), MAX_LOCK_SEATS)
