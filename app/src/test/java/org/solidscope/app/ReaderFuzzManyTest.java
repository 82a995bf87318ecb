package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.solidscope.core.Json;

/**
 * {@link ReaderFuzzTest} and {@link CliFuzzTest} at many times their tries, with a seed of their own: every {@code @Property} is called
 * {@code solidscope.fuzz.factor} times its {@code tries}, with arguments drawn from {@code solidscope.fuzz.seed} (the clock
 * when not given; the seed is printed, so a finding can be replayed). Not part of the test command's run (it takes about
 * ten times as long as the fuzz test); run it with
 * {@code ./mvnw -o test -pl app -Dtest=ReaderFuzzManyTest -Dsolidscope.fuzz.factor=10}. The counts go to
 * {@code target/fuzz-many.json}; failing inputs are kept under {@code target/fuzz-findings}.
 */
class ReaderFuzzManyTest {
    @Test
    void everyReaderAtManyTimesItsTries() throws Exception {
        String factorText = System.getProperty("solidscope.fuzz.factor");
        Assumptions.assumeTrue(factorText != null, "set -Dsolidscope.fuzz.factor=10 to fuzz every reader at 10× its tries");
        int factor = Integer.parseInt(factorText);
        long seed = Long.getLong("solidscope.fuzz.seed", System.nanoTime());
        System.out.println("fuzz: factor " + factor + ", seed " + seed);
        Random random = new Random(seed);
        Map<String, Object> counts = new LinkedHashMap<>();
        List<String> findings = new ArrayList<>();
        long total = 0, started = System.nanoTime();
        for (Class<?> fuzzer : List.of(ReaderFuzzTest.class, CliFuzzTest.class)) {
            call(fuzzer, BeforeContainer.class, null);
            try {
                Object fuzz = fuzzer.getDeclaredConstructor().newInstance();
                for (Method m : fuzzer.getDeclaredMethods()) {
                    Property p = m.getAnnotation(Property.class);
                    if (p == null) continue;
                    m.setAccessible(true);
                    int tries = p.tries() * factor, skipped = 0, failed = 0;
                    for (int t = 0; t < tries; t++) {
                        Object[] args = arguments(m, random);
                        try {
                            m.invoke(fuzz, args);
                        } catch (InvocationTargetException e) {
                            if (e.getCause() instanceof TestAbortedException) {
                                skipped++;
                            } else {
                                failed++;
                                if (findings.size() < 20) findings.add(m.getName() + Arrays.toString(args) + ": " + e.getCause());
                            }
                        }
                    }
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("tries", tries);
                    c.put("skipped", skipped);
                    c.put("failed", failed);
                    counts.put(fuzzer.getSimpleName() + "." + m.getName(), c);
                    total += tries - skipped;
                }
            } finally {
                call(fuzzer, AfterContainer.class, findings);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("factor", factor);
        report.put("seed", seed);
        report.put("inputs_read", total);
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        report.put("findings", findings);
        report.put("by_property", counts);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-many.json"), Json.write(report));
        System.out.println("fuzz: " + Json.writeCompact(report));
        assertTrue(findings.isEmpty(), findings.size() + " findings with seed " + seed + ": " + findings);
    }

    /** Runs the static set-up or tear-down a fuzzer declares for jqwik; a failing tear-down check is a finding. */
    private static void call(Class<?> fuzzer, Class<? extends Annotation> when, List<String> findings) throws Exception {
        for (Method m : fuzzer.getDeclaredMethods()) {
            if (!m.isAnnotationPresent(when)) continue;
            m.setAccessible(true);
            try {
                m.invoke(null);
            } catch (InvocationTargetException e) {
                if (findings == null) throw e;
                findings.add(fuzzer.getSimpleName() + "." + m.getName() + ": " + e.getCause());
            }
        }
    }

    /** Arguments for a property: any long, any boolean, an int within its {@link IntRange}. */
    private static Object[] arguments(Method m, Random random) {
        Parameter[] ps = m.getParameters();
        Object[] args = new Object[ps.length];
        for (int i = 0; i < ps.length; i++) {
            Class<?> type = ps[i].getType();
            IntRange range = ps[i].getAnnotation(IntRange.class);
            if (type == long.class) args[i] = random.nextLong();
            else if (type == boolean.class) args[i] = random.nextBoolean();
            else if (type == int.class && range != null) args[i] = range.min() + random.nextInt(range.max() - range.min() + 1);
            else throw new IllegalStateException(m.getName() + ": no generator for " + ps[i]);
        }
        return args;
    }
}
