package dev.backflow.telemetry;

/**
 * A run's callers at one instant (closed-loop runs only: a deadline or retries). Every attempt is
 * in exactly one place: {@code attempts = good + late + refused + expired + inFlight()}; every
 * request too: {@code requests = succeeded + failed + active()}.
 *
 * @param requests    requests the source made (each has a caller)
 * @param attempts    attempts the callers made, first ones and retries
 * @param retries     attempts after a request's first
 * @param good        attempts served while their caller still waited
 * @param late        attempts served after their caller gave up: wasted work
 * @param refused     attempts a link turned away (rejected, timed out, dropped)
 * @param expired     attempts whose deadline passed before anyone served them (the caller gave
 *                    up parked at the door, or a stage that checks deadlines skipped them)
 * @param succeeded   requests with a good attempt
 * @param failed      requests whose caller gave up for good (attempts used up, or the budget said no)
 * @param denied      retries the retry budget refused
 * @param tokensMin   the fewest tokens the retry budget had (NaN without a budget)
 * @param maxAttempts the most attempts any request made
 */
public record CallerCounts(long requests, long attempts, long retries, long good, long late, long refused,
                           long expired, long succeeded, long failed, long denied, double tokensMin, int maxAttempts) {

    /** Attempts not yet good, late, refused or expired: queued, in service, or waiting at the door. */
    public long inFlight() {
        return attempts - good - late - refused - expired;
    }

    /** Requests whose caller is still at it (waiting or backing off). */
    public long active() {
        return requests - succeeded - failed;
    }

    /** Attempts per request (1 when nobody retried), NaN before any request. */
    public double amplification() {
        return requests == 0 ? Double.NaN : attempts / (double) requests;
    }
}
