package io.codara.search.internal.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaDefinitionsTest {

    private static final String INVOICES = """
            package com.acme.billing;

            import java.util.List;
            import java.util.function.Supplier;

            /** Invoices. */
            public class Invoices<T extends Comparable<T>> extends Base implements Supplier<T>, AutoCloseable {

                public static final int MAX_LINES = 100;
                private final List<T> lines;
                private int count, total;

                public Invoices(List<T> lines) {
                    this.lines = lines;
                }

                @Override
                public T get() {
                    Runnable anonymous = new Runnable() {
                        public void run() {
                        }
                    };
                    class LocalHelper {
                        void help() {
                        }
                    }
                    return lines.get(0);
                }

                public <R> List<R> map(java.util.function.Function<T, R> f, String... labels) {
                    return null;
                }

                public interface Listener {
                    String PREFIX = "on";

                    void changed(Invoices<?> source);
                }

                public enum Status {
                    OPEN, PAID("paid");

                    Status() {
                    }

                    Status(String label) {
                    }
                }

                public record Line(String item, long cents) implements Comparable<Line> {
                    public Line {
                        if (cents < 0) throw new IllegalArgumentException();
                    }

                    public int compareTo(Line o) {
                        return Long.compare(cents, o.cents);
                    }
                }

                public @interface Audited {
                    String value() default "";
                }

                @Override
                public void close() {
                }
            }
            """;

    @Test
    void findsTypesMembersContainersLinesAndSignatures() {
        List<SymbolDefinition> found = new JavaDefinitions().definitionsIn(INVOICES);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactly(
                tuple("Invoices", "class", "com.acme.billing", 7),
                tuple("MAX_LINES", "constant", "com.acme.billing.Invoices", 9),
                tuple("lines", "field", "com.acme.billing.Invoices", 10),
                tuple("count", "field", "com.acme.billing.Invoices", 11),
                tuple("total", "field", "com.acme.billing.Invoices", 11),
                tuple("Invoices", "constructor", "com.acme.billing.Invoices", 13),
                tuple("get", "method", "com.acme.billing.Invoices", 18),
                tuple("map", "method", "com.acme.billing.Invoices", 30),
                tuple("Listener", "interface", "com.acme.billing.Invoices", 34),
                tuple("PREFIX", "constant", "com.acme.billing.Invoices.Listener", 35),
                tuple("changed", "method", "com.acme.billing.Invoices.Listener", 37),
                tuple("Status", "enum", "com.acme.billing.Invoices", 40),
                tuple("OPEN", "constant", "com.acme.billing.Invoices.Status", 41),
                tuple("PAID", "constant", "com.acme.billing.Invoices.Status", 41),
                tuple("Status", "constructor", "com.acme.billing.Invoices.Status", 43),
                tuple("Status", "constructor", "com.acme.billing.Invoices.Status", 46),
                tuple("Line", "record", "com.acme.billing.Invoices", 50),
                tuple("item", "field", "com.acme.billing.Invoices.Line", 50),
                tuple("cents", "field", "com.acme.billing.Invoices.Line", 50),
                tuple("Line", "constructor", "com.acme.billing.Invoices.Line", 51),
                tuple("compareTo", "method", "com.acme.billing.Invoices.Line", 55),
                tuple("Audited", "interface", "com.acme.billing.Invoices", 60),
                tuple("value", "method", "com.acme.billing.Invoices.Audited", 61),
                tuple("close", "method", "com.acme.billing.Invoices", 65));

        assertThat(found).extracting(SymbolDefinition::signature).containsExactly(
                "class Invoices<T extends Comparable<T>> extends Base implements Supplier<T>, AutoCloseable",
                "int MAX_LINES", "List<T> lines", "int count", "int total", "Invoices(List<T> lines)", "T get()",
                "<R> List<R> map(java.util.function.Function<T, R> f, String... labels)", "interface Listener",
                "String PREFIX", "void changed(Invoices<?> source)", "enum Status", "OPEN", "PAID(\"paid\")",
                "Status()", "Status(String label)",
                "record Line(String item, long cents) implements Comparable<Line>", "String item", "long cents",
                "Line", "int compareTo(Line o)", "@interface Audited", "String value()", "void close()");
    }

    @Test
    void readsJava21() {
        String source = """
                sealed interface Shape permits Circle, Square {}
                record Circle(double r) implements Shape {}
                record Square(double side) implements Shape {}
                final class Areas {
                    static double area(Shape shape) {
                        return switch (shape) {
                            case Circle(double r) when r > 0 -> Math.PI * r * r;
                            case Circle c -> 0;
                            case Square s -> s.side() * s.side();
                        };
                    }
                    static String text(Object o) {
                        var s = o instanceof String t ? t : "";
                        return \"""
                            text block
                            \""" + s;
                    }
                }
                """;

        assertThat(new JavaDefinitions().definitionsIn(source)).extracting("name", "kind", "container", "line")
                .containsExactly(tuple("Shape", "interface", null, 1), tuple("Circle", "record", null, 2),
                        tuple("r", "field", "Circle", 2), tuple("Square", "record", null, 3),
                        tuple("side", "field", "Square", 3), tuple("Areas", "class", null, 4),
                        tuple("area", "method", "Areas", 5), tuple("text", "method", "Areas", 12));
    }

    @Test
    void sourceThatDoesNotParseYieldsWhatWasRecoveredWithoutAnException() {
        JavaDefinitions java = new JavaDefinitions();

        assertThatCode(() -> java.definitionsIn("public class { void ( }")).doesNotThrowAnyException();
        assertThat(java.definitionsIn("}}} not java at all {{{")).isEmpty();
        assertThat(java.definitionsIn("")).isEmpty();
        assertThat(java.definitionsIn("\u0000\u0001\u0002binary")).isEmpty();
        // One parser serves a whole batch: a failed parse leaves it fit for the next file.
        assertThat(java.definitionsIn("class Fine { int x; }")).extracting("name").containsExactly("Fine", "x");
    }
}
