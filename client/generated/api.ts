export interface paths {
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["EventsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EventsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuditController_find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/locks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["LocksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/locks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LocksController_get"];
        put?: never;
        post?: never;
        delete: operations["LocksController_release"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["BookingsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BookingsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["BookingsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/intent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PaymentsController_intent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/charges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PaymentsController_charges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/expire-locks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["JobsController_expireLocks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/expire-bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["JobsController_expireBookings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["JobsController_executions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsistencyController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        CreateEventDto: {
            /**
             * @description Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header
             * @example c0a8f3e2-booking-42
             */
            idempotencyKey?: string;
            /** @example Spring Concert */
            name: string;
            /** @example 100 */
            totalSeats: number;
            /**
             * @description Price of one seat in minor units (cents)
             * @example 2500
             */
            price: number;
            /**
             * Format: date-time
             * @example 2030-06-01T19:00:00.000Z
             */
            startsAt: string;
        };
        EventResponse: {
            /** @example 665f1c2b9a7e4b0012345678 */
            id: string;
            name: string;
            totalSeats: number;
            availableSeats: number;
            /** @description Minor units (cents) */
            price: number;
            /** Format: date-time */
            startsAt: string;
        };
        ProblemResponse: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable machine-readable code */
            code: string;
            correlationId: string;
        };
        HealthResponse: {
            /** @enum {string} */
            status: "ok" | "degraded";
            /** @enum {string} */
            db: "up" | "down";
        };
        AuditEntryResponse: {
            id: string;
            eventId?: string | null;
            bookingId?: string | null;
            lockId?: string | null;
            attemptId?: string | null;
            /** @example LOCK_CREATED */
            action: string;
            fromState: string | null;
            toState: string;
            correlationId: string;
            /**
             * @example {
             *       "isRetry": false
             *     }
             */
            metadata: Record<string, never>;
            /** Format: date-time */
            createdAt: string;
        };
        CreateLockDto: {
            /**
             * @description Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header
             * @example c0a8f3e2-booking-42
             */
            idempotencyKey?: string;
            /** @example 665f1c2b9a7e4b0012345678 */
            eventId: string;
            /**
             * @description The lock's owner: the token's subject, which this may only repeat; required when the service runs without identity
             * @example user-42
             */
            userId?: string;
            /** @example 2 */
            seats: number;
        };
        LockResponse: {
            id: string;
            eventId: string;
            userId: string;
            seats: number;
            /** @enum {string} */
            status: "ACTIVE" | "CONSUMED" | "EXPIRED" | "RELEASED";
            /** Format: date-time */
            expiresAt: string;
            idempotencyKey: string;
        };
        ReleaseLockDto: {
            /**
             * @description Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header
             * @example c0a8f3e2-booking-42
             */
            idempotencyKey?: string;
        };
        CreateBookingDto: {
            /**
             * @description Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header
             * @example c0a8f3e2-booking-42
             */
            idempotencyKey?: string;
            /**
             * @description An ACTIVE seat lock
             * @example 665f1c2b9a7e4b0012345678
             */
            seatLockId: string;
        };
        RefundResponse: {
            /** @description Minor units (cents) */
            amount: number;
            /** @enum {string} */
            policy: "UNPAID" | "FULL_REFUND" | "HALF_REFUND" | "NO_REFUND";
            percent: number;
            /** @enum {string} */
            status: "NONE" | "PENDING" | "REFUNDED";
        };
        BookingResponse: {
            id: string;
            seatLockId: string;
            eventId: string;
            userId: string;
            seats: number;
            /** @description Minor units (cents) */
            amount: number;
            /** @enum {string} */
            status: "PENDING_PAYMENT" | "CONFIRMED" | "EXPIRED" | "CANCELLED";
            /**
             * Format: date-time
             * @description End of the payment window
             */
            expiresAt: string;
            /** Format: date-time */
            paidAt?: string;
            /** Format: date-time */
            cancelledAt?: string;
            refund?: components["schemas"]["RefundResponse"];
        };
        CancelBookingDto: {
            /**
             * @description Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header
             * @example c0a8f3e2-booking-42
             */
            idempotencyKey?: string;
            /** @example Cannot attend */
            reason?: string;
        };
        CreatePaymentIntentDto: {
            /**
             * @description Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header
             * @example c0a8f3e2-booking-42
             */
            idempotencyKey?: string;
            /** @example 665f1c2b9a7e4b0012345678 */
            bookingId: string;
            /**
             * @description Must equal the booking amount (minor units)
             * @example 5000
             */
            amount: number;
            /**
             * @description Drives the simulated provider: success (charged), failure (declined, stored and replayed), provider_error (down before charging → 502, retry allowed), timeout_after_charge (charged but the answer is lost → 504; a retry with the same key finds the charge)
             * @default success
             * @enum {string}
             */
            force: "success" | "failure" | "provider_error" | "timeout_after_charge";
        };
        PaymentIntentResponse: {
            attemptId: string;
            bookingId: string;
            /** @description Minor units (cents) */
            amount: number;
            /** @enum {string} */
            status: "SUCCEEDED" | "FAILED";
            /** @enum {string} */
            bookingStatus: "PENDING_PAYMENT" | "CONFIRMED" | "EXPIRED" | "CANCELLED";
            /** @description True when this answer repeats or continues an earlier request with the same key */
            isRetry: boolean;
        };
        LedgerEntryResponse: {
            id: string;
            /** @enum {string} */
            type: "CHARGE" | "REFUND";
            /**
             * @description Only SUCCEEDED entries moved money
             * @enum {string}
             */
            status: "SUCCEEDED" | "DECLINED" | "VOIDED";
            bookingId: string;
            amount: number;
            /** @description For a refund, the charge it returns */
            chargeId?: string;
            /** Format: date-time */
            createdAt: string;
        };
        RunJobDto: {
            /**
             * @description Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header
             * @example c0a8f3e2-booking-42
             */
            idempotencyKey?: string;
        };
        JobResultsResponse: {
            processed: number;
            errors: number;
            details: string[];
        };
        JobExecutionResponse: {
            id: string;
            /** @enum {string} */
            jobType: "EXPIRE_LOCKS" | "EXPIRE_BOOKINGS";
            /** @enum {string} */
            status: "RUNNING" | "COMPLETED" | "FAILED";
            /** @enum {string} */
            trigger: "manual" | "cron";
            /** @description The instance that ran it */
            owner: string;
            /** @description Lease fencing token of the run */
            fencingToken: number;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            completedAt?: string;
            results: components["schemas"]["JobResultsResponse"];
            failureReason?: string;
        };
        ViolationResponse: {
            /** @example INVENTORY_MISMATCH */
            kind: string;
            entityId: string;
            detail: string;
        };
        OwedWorkResponse: {
            /** @example INVENTORY_MISMATCH */
            kind: string;
            entityId: string;
            detail: string;
            /** @description How long the work has been owed, by the checking instance clock */
            ageSeconds: number;
            /**
             * @description What finishes it
             * @example reconcile pass
             */
            finishedBy: string;
        };
        ConsistencyReportResponse: {
            /** Format: date-time */
            checkedAt: string;
            events: number;
            locks: number;
            bookings: number;
            /** @description Broken invariants, and owed work older than owedOverdueAfterSeconds. Empty when every invariant holds */
            violations: components["schemas"]["ViolationResponse"][];
            /** @description Work a stored document owes (follow-ups, seat moves in flight, a pending refund): pending, not broken */
            owed: components["schemas"]["OwedWorkResponse"][];
            /** @description RECONCILE_AFTER_SECONDS plus the longest gap between two job runs (JOBS_CRON) */
            owedOverdueAfterSeconds: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    EventsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEventDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    EventsController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            /** @description The database cannot be reached */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
        };
    };
    AuditController_find: {
        parameters: {
            query?: {
                bookingId?: string;
                lockId?: string;
                action?: string;
                isRetry?: boolean;
                /** @description Entries per page */
                limit?: number;
                /** @description The X-Next-Cursor header of the previous page */
                cursor?: string;
            };
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Matching entries, newest first, one page; the X-Next-Cursor header names the next page when there is one */
            200: {
                headers: {
                    /** @description Pass as `cursor` for the next page */
                    "X-Next-Cursor"?: string;
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntryResponse"][];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    LocksController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLockDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LockResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    LocksController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LockResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    LocksController_release: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReleaseLockDto"];
            };
        };
        responses: {
            /** @description The lock, RELEASED; releasing again answers the same */
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LockResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    BookingsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBookingDto"];
            };
        };
        responses: {
            /** @description The lock was already confirmed: the same booking */
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description The booking, created from the lock */
            201: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    BookingsController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    BookingsController_cancel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CancelBookingDto"];
            };
        };
        responses: {
            /** @description CANCELLED, with the refund decided at cancellation */
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    PaymentsController_intent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePaymentIntentDto"];
            };
        };
        responses: {
            /** @description Charged (SUCCEEDED) or declined (FAILED) */
            201: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentIntentResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Payment provider failed before charging; nothing was charged, the same key may be retried */
            502: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/502",
                     *       "title": "Bad gateway",
                     *       "status": 502,
                     *       "detail": "Payment provider failed before charging; nothing was charged, the same key may be retried",
                     *       "code": "PAYMENT.PROVIDER_ERROR",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Payment provider timed out; retry with the same key */
            504: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/504",
                     *       "title": "Gateway timeout",
                     *       "status": 504,
                     *       "detail": "Payment provider timed out; retry with the same key",
                     *       "code": "PAYMENT.PROVIDER_TIMEOUT",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    PaymentsController_charges: {
        parameters: {
            query: {
                bookingId: string;
                limit?: number;
            };
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's ledger for the booking, oldest first */
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntryResponse"][];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/404",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "Unknown resource",
                     *       "code": "BOOKING.NOT_FOUND",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    JobsController_expireLocks: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunJobDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobExecutionResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    JobsController_expireBookings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
                /** @description Alternative to the body field idempotencyKey; when both are sent they must be equal */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunJobDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobExecutionResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description State or inventory conflict, or the same key still in flight (with Retry-After) */
            409: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/409",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "State or inventory conflict, or the same key still in flight (with Retry-After)",
                     *       "code": "SEATS.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED) */
            422: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/422",
                     *       "title": "Unprocessable entity",
                     *       "status": 422,
                     *       "detail": "Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)",
                     *       "code": "IDEMPOTENCY.KEY_REUSED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Present on a replay: the stored answer of an earlier request with the same key */
                    "Idempotent-Replayed"?: "true";
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    JobsController_executions: {
        parameters: {
            query?: {
                jobType?: "EXPIRE_LOCKS" | "EXPIRE_BOOKINGS";
            };
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recent executions, newest first */
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobExecutionResponse"][];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    ConsistencyController_check: {
        parameters: {
            query?: never;
            header?: {
                /** @description Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsistencyReportResponse"];
                };
            };
            /** @description Invalid request (validation, unknown fields, `$`-keys, malformed JSON) */
            400: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/400",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "Invalid request (validation, unknown fields, `$`-keys, malformed JSON)",
                     *       "code": "REQUEST.INVALID",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Missing or wrong admin token (only when ADMIN_TOKEN is set) */
            401: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/401",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Missing or wrong admin token (only when ADMIN_TOKEN is set)",
                     *       "code": "AUTH.REQUIRED",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The token lacks the role this needs, or userId names someone else */
            403: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/403",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The token lacks the role this needs, or userId names someone else",
                     *       "code": "HTTP.403",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Database unreachable (with Retry-After) */
            503: {
                headers: {
                    /** @description The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries */
                    "X-Correlation-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://httpstatuses.io/503",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Database unreachable (with Retry-After)",
                     *       "code": "DATABASE.UNAVAILABLE",
                     *       "correlationId": "7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
}
