package dev.backflow.engine;

import dev.backflow.units.Units;

/**
 * A retry budget in the style of gRPC's {@code retryThrottling} (gRFC A6): a bucket of
 * {@code maxTokens} tokens, full at the start; each failed attempt takes one, each success gives
 * back {@code tokenRatio}; a retry may go only while more than half the tokens are left. A steady
 * failure share {@code f} keeps retrying only while {@code f < tokenRatio / (1 + tokenRatio)}.
 * Resilience4j has no budget, so this one is written here; {@link CallerPool} asks it after
 * resilience4j has said a retry is due.
 *
 * @param maxTokens  the bucket's size ({@link Limits#BUDGET_TOKENS})
 * @param tokenRatio what a success gives back ({@link Limits#BUDGET_RATIO})
 */
public record RetryBudget(double maxTokens, double tokenRatio) {

    /** @throws IllegalArgumentException naming the first setting out of range */
    public RetryBudget {
        Limits.BUDGET_TOKENS.require(maxTokens);
        Limits.BUDGET_RATIO.require(tokenRatio);
    }

    /**
     * Reads {@code TOKENS/RATIO}, like {@code 10/0.1} (gRPC's example) or {@code 10/10%}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static RetryBudget parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1 || t.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("a retry budget is TOKENS/RATIO, like 10/0.1 (10 tokens, a success earns 0.1); got "
                    + dev.backflow.units.Names.quote(t));
        }
        return new RetryBudget(Limits.BUDGET_TOKENS.parse(t.substring(0, slash)),
                Limits.BUDGET_RATIO.parse(t.substring(slash + 1)));
    }

    /** What {@link #parse} reads back. */
    public String format() {
        return Units.plain(maxTokens) + "/" + Units.plain(tokenRatio);
    }

    /** The failure share above which the budget stops retries for good: {@code r / (1 + r)}. */
    public double failureShareThreshold() {
        return tokenRatio / (1 + tokenRatio);
    }

    /** One run's bucket; any thread. */
    static final class Bucket {
        private final double max;
        private final double ratio;
        private double tokens;
        private double lowest;
        private long denied;

        Bucket(RetryBudget b) {
            this.max = b.maxTokens;
            this.ratio = b.tokenRatio;
            this.tokens = max;
            this.lowest = max;
        }

        synchronized void success() {
            tokens = Math.min(max, tokens + ratio);
        }

        /** A failed attempt takes a token; true if a retry may follow (more than half are left). */
        synchronized boolean failureMayRetry() {
            tokens = Math.max(0, tokens - 1);
            lowest = Math.min(lowest, tokens);
            return tokens > max / 2;
        }

        /** Counts a retry the bucket refused. */
        synchronized void denied() {
            denied++;
        }

        synchronized long deniedCount() {
            return denied;
        }

        synchronized double tokensMin() {
            return lowest;
        }
    }
}
