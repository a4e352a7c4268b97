package dev.backflow.units;

import java.util.Optional;

/**
 * What makes a name (of a preset, of a stage) one a person can read, and the sentence that says
 * what is wrong with one that is not. A name is shown in lists, labels and file names, so it must
 * be valid text (no lone UTF-16 surrogate, which cannot be written as UTF-8), hold no control
 * characters (NUL, line breaks), no bidirectional overrides (which make a name display as
 * another), and at least one visible character (not only spaces and zero-width marks).
 */
public final class Names {

    private Names() {
    }

    /**
     * Why {@code name} is not a readable name, or empty if it is.
     *
     * @param what what the name is, to start the sentence ("a preset name")
     */
    public static Optional<String> problem(String name, String what) {
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                return Optional.of(what + " has a broken character (half of a UTF-16 pair) at position " + (i + 1));
            }
            if (Character.isISOControl(cp)) {
                return Optional.of(what + " cannot contain control characters (such as NUL or a line break)");
            }
            if (isBidiControl(cp)) {
                return Optional.of(what + " cannot contain right-to-left or left-to-right override marks (U+"
                        + String.format("%04X", cp) + ")");
            }
            int type = Character.getType(cp);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.FORMAT
                    && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                    && type != Character.UNASSIGNED && type != Character.PRIVATE_USE) {
                visible = true;
            }
            i += Character.charCount(cp);
        }
        if (!visible) {
            return Optional.of(what + " needs at least one visible character");
        }
        return Optional.empty();
    }

    /** The explicit direction marks, embeddings, overrides and isolates of Unicode's bidi algorithm. */
    private static boolean isBidiControl(int cp) {
        return cp == 0x200E || cp == 0x200F || cp == 0x061C
                || cp >= 0x202A && cp <= 0x202E
                || cp >= 0x2066 && cp <= 0x2069;
    }

    /**
     * {@code text} for quoting in a message: whole if short, else its start and how long it was,
     * so a refusal never echoes a megabyte back at the person who typed it.
     */
    public static String quote(String text) {
        if (text == null) {
            return "\"\"";
        }
        if (text.length() <= 40) {
            return "\"" + text + "\"";
        }
        int cut = Character.isHighSurrogate(text.charAt(31)) ? 31 : 32;
        return "\"" + text.substring(0, cut) + "…\" (" + String.format(java.util.Locale.ROOT, "%,d", text.length())
                + " characters)";
    }

    /** " (did you mean 'run'?)" when a known word is close to {@code typed} (case aside), else "". */
    public static String suggestion(String typed, java.util.Collection<String> known) {
        String t = typed == null ? "" : typed.toLowerCase(java.util.Locale.ROOT);
        return known.stream()
                .map(k -> java.util.Map.entry(k, distance(t, k)))
                .filter(e -> e.getValue() <= Math.max(1, Math.min(2, e.getKey().length() / 3)))
                .min(java.util.Comparator.comparingInt(java.util.Map.Entry::getValue))
                .map(e -> " (did you mean '" + e.getKey() + "'?)")
                .orElse("");
    }

    /** Edit distance with adjacent transpositions (optimal string alignment): "rnu" to "run" is 1. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
