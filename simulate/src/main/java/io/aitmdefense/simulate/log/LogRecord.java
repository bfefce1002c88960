package io.aitmdefense.simulate.log;

import java.time.Instant;

/**
 * One generated log row, independent of output format. {@code time} is when the activity happened; {@code arrival} is
 * when the log pipeline delivered it (sign-ins minutes later, the unified audit log up to hours later). Files are
 * written in arrival order, so late audit records really arrive late.
 */
public sealed interface LogRecord permits SignInRecord, AuditRecord, RiskRecord, MailboxRecord {
    Instant time();

    Instant arrival();

    LogTable table();

    /** The id readers map as the event id (sign-in Id, audit id, risk id, UAL Id). */
    String id();
}
