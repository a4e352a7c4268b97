package dev.backflow.engine;

import dev.backflow.units.Names;
import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scheduled change (a "hiccup"): a live setting that takes another value at {@code atSeconds}
 * into the run for {@code forSeconds}, then returns to what it was. Written {@code AT+FOR
 * setting=value}, like {@code 5s+2s consumer-delay=20ms}: the whole experiment is scripted, so a
 * before/after lesson runs the same every time, headless too.
 *
 * <p>Settings: {@code rate}, {@code consumer-delay} (the sink's service time), {@code capacity}
 * and {@code timeout} (the first link's), or a stage's name for its service time (the source's
 * name for its rate).
 *
 * @param atSeconds  when it starts, seconds after the run's start ({@link Limits#CHANGE_S})
 * @param forSeconds how long it lasts, seconds (more than 0)
 * @param setting    the setting's name as written
 * @param value      its value meanwhile, in the setting's unit (items/s, ms, items)
 */
public record Change(double atSeconds, double forSeconds, String setting, double value) {

    private static final Pattern FORM = Pattern.compile("\\s*([^+\\s]+)\\s*\\+\\s*(\\S+)\\s+([^=\\s]+)\\s*=\\s*(\\S+)\\s*");

    /** @throws IllegalArgumentException naming the first part out of range */
    public Change {
        Limits.CHANGE_S.require(atSeconds);
        Limits.CHANGE_S.require(forSeconds);
        if (forSeconds <= 0) {
            throw new IllegalArgumentException("a change lasts more than 0 s; got " + Units.format(forSeconds, Unit.SECONDS));
        }
        Hop.requireName(setting);
    }

    /**
     * Reads {@code AT+FOR setting=value}; the value is checked against the experiment later
     * ({@link #setting(ExperimentConfig)}), since a stage's name depends on the pipeline.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Change parse(String text) {
        String t = text == null ? "" : text;
        if (t.length() > 200) {
            throw new IllegalArgumentException("a change is at most 200 characters; got " + Units.number(t.length()));
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("a change is AT+FOR setting=value, like \"5s+2s consumer-delay=20ms\"; got "
                    + Names.quote(t.strip()));
        }
        double at = Limits.CHANGE_S.parse(m.group(1));
        double length = Limits.CHANGE_S.parse(m.group(2));
        String name = m.group(3);
        double value;
        try {
            value = Units.parse(m.group(4), m.group(4).endsWith("/s") ? Unit.PER_SECOND : unitGuess(name), name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("change " + Names.quote(t.strip()) + ": " + e.getMessage(), e);
        }
        return new Change(at, length, name, value);
    }

    private static Unit unitGuess(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rate" -> Unit.PER_SECOND;
            case "capacity" -> Unit.ITEMS;
            default -> Unit.MILLISECONDS;
        };
    }

    /**
     * The live setting this change moves in {@code c}, its value checked against the setting's
     * range.
     *
     * @throws IllegalArgumentException if {@code c} has no such setting, or the value is out of range
     */
    public LiveSetting setting(ExperimentConfig c) {
        return setting(c.policy(), c.sourceName(), c.sinkName(), c.hops());
    }

    /**
     * As {@link #setting(ExperimentConfig)}, from the parts of a config that say which settings
     * it has (a config checks its changes while it is being built).
     */
    LiveSetting setting(SendPolicy firstPolicy, String sourceName, String sinkName, java.util.List<Hop> hops) {
        String n = setting.toLowerCase(Locale.ROOT);
        LiveSetting s;
        Limits.Range range;
        if (n.equals("rate") || setting.equals(sourceName)) {
            s = new LiveSetting.SourceRate();
            range = Limits.PRODUCER_RATE;
        } else if (n.equals("consumer-delay") || setting.equals(sinkName)) {
            s = new LiveSetting.SinkService();
            range = Limits.CONSUMER_DELAY_MS;
        } else if (n.equals("capacity")) {
            s = new LiveSetting.LinkCapacity(0);
            range = Limits.CAPACITY;
            if (!firstPolicy.bounded()) {
                throw new IllegalArgumentException("change " + format() + ": the first link is unbounded, it has no capacity to change");
            }
        } else if (n.equals("timeout")) {
            s = new LiveSetting.LinkTimeout(0);
            range = Limits.TIMEOUT_MS;
            if (!(firstPolicy instanceof SendPolicy.Timeout)) {
                throw new IllegalArgumentException("change " + format() + ": the first link's policy is "
                        + firstPolicy.cliName() + ", it has no timeout to change");
            }
        } else {
            int hop = -1;
            for (int h = 0; h < hops.size(); h++) {
                if (hops.get(h).name().equals(setting)) {
                    hop = h;
                }
            }
            if (hop < 0) {
                java.util.List<String> names = new java.util.ArrayList<>();
                names.add(sourceName);
                hops.forEach(h -> names.add(h.name()));
                names.add(sinkName);
                throw new IllegalArgumentException("change " + format() + ": no setting or stage called " + Names.quote(setting)
                        + "; a change sets rate, consumer-delay, capacity, timeout or a stage's service time by its name ("
                        + String.join(", ", names) + ")");
            }
            s = new LiveSetting.StageService(hop);
            range = Limits.CONSUMER_DELAY_MS;
        }
        range.problemWith(value).ifPresent(m -> {
            throw new IllegalArgumentException("change " + format() + ": " + m);
        });
        if (s instanceof LiveSetting.LinkCapacity && value != Math.rint(value)) {
            throw new IllegalArgumentException("change " + format() + ": capacity must be a whole number");
        }
        return s;
    }

    public long atNanos() {
        return Math.round(atSeconds * 1e9);
    }

    public long untilNanos() {
        return Math.round((atSeconds + forSeconds) * 1e9);
    }

    /** What {@link #parse} reads back. */
    public String format() {
        Unit u = unitGuess(setting);
        String v = u == Unit.ITEMS ? Units.plain(value) : Units.format(value, u).replace(" ", "");
        return Units.format(atSeconds, Unit.SECONDS).replace(" ", "") + "+"
                + Units.format(forSeconds, Unit.SECONDS).replace(" ", "") + " " + setting + "=" + v;
    }
}
