package dev.backflow.bench;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which parts of a scene ask for a layout, and how often: it listens to every {@link Parent}'s
 * {@code needsLayout} and every {@link Labeled}'s text, counts the times each turns dirty or
 * changes, and prints the most frequent with their place in the scene. A diagnostic for the frame
 * budget (a dirty parent near the root re-measures everything under it on that pulse); FX thread
 * only.
 */
final class LayoutSpy {

    private final Map<Node, int[]> dirty = new IdentityHashMap<>();
    /** Why each parent turned dirty: the distinct call stacks (trimmed), with counts. */
    private final Map<Node, Map<String, int[]>> causes = new IdentityHashMap<>();
    private final Map<Node, int[]> text = new IdentityHashMap<>();
    private boolean counting;

    /** Listens to every node of the scene as it is now. */
    LayoutSpy(Scene scene) {
        attach(scene.getRoot());
    }

    /** chartfx data sets: how often each told its chart it changed. */
    private final Map<String, int[]> dataEvents = new java.util.concurrent.ConcurrentHashMap<>();

    private void attach(Node node) {
        if (node instanceof io.fair_acc.chartfx.XYChart chart) {
            String title = chart.getTitle() == null ? "?" : chart.getTitle();
            String name = title.substring(0, Math.min(12, title.length()));
            for (var r : chart.getRenderers()) {
                for (var ds : r.getDatasets()) {
                    int[] n = dataEvents.computeIfAbsent(name + " / " + ds.getName(), k -> new int[1]);
                    String key = name + " / " + ds.getName();
                    ds.addListener((src, bits) -> {
                        if (counting) {
                            n[0]++;
                            if (Boolean.getBoolean("bench.spy.data") && n[0] % 50 == 1) {
                                StringBuilder why = new StringBuilder(key + " bits " + Integer.toBinaryString(bits) + " on "
                                        + Thread.currentThread().getName());
                                int k = 0;
                                for (StackTraceElement f : Thread.currentThread().getStackTrace()) {
                                    if (k++ > 2 && k < 16) {
                                        why.append("\n      ").append(f);
                                    }
                                }
                                System.out.println(why);
                            }
                        }
                    });
                }
            }
        }
        if (node instanceof Parent p) {
            int[] n = new int[1];
            dirty.put(p, n);
            p.needsLayoutProperty().addListener((o, was, is) -> {
                if (is && counting) {
                    n[0]++;
                    StringBuilder why = new StringBuilder();
                    int kept = 0;
                    for (StackTraceElement f : Thread.currentThread().getStackTrace()) {
                        String c = f.getClassName();
                        if (c.startsWith("java.") || c.startsWith("dev.backflow.bench") || c.contains("ExpressionHelper")
                                || c.contains("Property") || c.contains("LayoutFlags") || f.getMethodName().equals("requestLayout")
                                || f.getMethodName().contains("markDirtyLayout") || f.getMethodName().contains("requestParentLayout")) {
                            continue;
                        }
                        why.append(" < ").append(c.substring(c.lastIndexOf('.') + 1)).append('.').append(f.getMethodName());
                        if (++kept == Integer.getInteger("bench.spy.depth", 6)) {
                            break;
                        }
                    }
                    causes.computeIfAbsent(p, k -> new java.util.HashMap<>()).computeIfAbsent(why.toString(), k -> new int[1])[0]++;
                }
            });
            for (Node child : p.getChildrenUnmodifiable()) {
                attach(child);
            }
        }
        if (node instanceof Labeled l) {
            int[] n = new int[1];
            text.put(l, n);
            l.textProperty().addListener((o, was, is) -> {
                if (counting) {
                    n[0]++;
                }
            });
        }
    }

    void start() {
        counting = true;
    }

    /** Prints the {@code top} most frequent of each kind over {@code seconds}. */
    void report(double seconds, int top) {
        counting = false;
        print("parents turned dirty, per second", dirty, seconds, top);
        print("label texts changed, per second", text, seconds, top);
        System.out.println("chart data set events, per second:");
        dataEvents.entrySet().stream().filter(e -> e.getValue()[0] > 0).sorted((a, b) -> b.getValue()[0] - a.getValue()[0])
                .forEach(e -> System.out.printf(Locale.ROOT, "%7.1f  %s%n", e.getValue()[0] / seconds, e.getKey()));
    }

    private Map<Node, Map<String, int[]>> causesOf(Map<Node, int[]> counts) {
        return counts == dirty ? causes : null;
    }

    private void print(String title, Map<Node, int[]> counts, double seconds, int top) {
        Map<Node, Map<String, int[]>> causes = causesOf(counts);
        List<Map.Entry<Node, int[]>> all = new ArrayList<>(counts.entrySet());
        all.removeIf(e -> e.getValue()[0] == 0);
        all.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        System.out.println(title + ":");
        for (Map.Entry<Node, int[]> e : all.subList(0, Math.min(top, all.size()))) {
            System.out.printf(Locale.ROOT, "%7.1f  %s%n", e.getValue()[0] / seconds, path(e.getKey()));
            Map<String, int[]> why = causes == null ? null : causes.get(e.getKey());
            if (why != null) {
                why.entrySet().stream().sorted((a, b) -> b.getValue()[0] - a.getValue()[0]).limit(3)
                        .forEach(w -> System.out.printf(Locale.ROOT, "           %5.1f/s%s%n", w.getValue()[0] / seconds, w.getKey()));
            }
        }
    }

    private static final Map<Class<?>, String> SHORT = new HashMap<>();

    static String path(Node node) {
        StringBuilder sb = new StringBuilder();
        for (Node n = node; n != null; n = n.getParent()) {
            String name = n.getClass().getSimpleName();
            if (n.getId() != null) {
                name += "#" + n.getId();
            } else if (!n.getStyleClass().isEmpty()) {
                name += "." + n.getStyleClass().get(n.getStyleClass().size() - 1);
            }
            if (n instanceof Labeled l && l.getText() != null && n == node) {
                name += "'" + (l.getText().length() > 20 ? l.getText().substring(0, 20) : l.getText()) + "'";
            }
            sb.insert(0, sb.isEmpty() ? name : name + " > ");
        }
        return sb.toString();
    }
}
