package org.solidscope.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastRowTest {
    private static final String TABLE = "freq,zr,zi\n1000.0,12.50,-26.94\n100.0,13.75,-30.12\n10.0,15.00,-31.55";

    private static void whole(String text) {
        assertDoesNotThrow(() -> LastRow.requireWhole("t.csv", text), text);
    }

    private static InputException cut(String text) {
        return assertThrows(InputException.class, () -> LastRow.requireWhole("t.csv", text), text);
    }

    @Test
    void aFileEndingInALineFeedIsWhole() {
        whole(TABLE + "\n");
        whole("");
        whole("1.5\n");
    }

    @Test
    void aLastNumberWrittenAsLongAsTheOnesBeforeIsWhole() {
        whole(TABLE);
        whole(TABLE.replace("-31.55", "-131.55")); // more integer digits: not shorter after the point
        whole("n\n1\n2\n12");
    }

    @Test
    void everyCutInsideTheLastNumberIsRefusedNamingLineAndField() {
        for (String shorter : new String[] {"-31.5", "-31.", "-31", "-3", "-", ""}) {
            InputException e = cut(TABLE.substring(0, TABLE.length() - 6) + shorter);
            assertEquals("line 4, field 3", e.field(), shorter);
            assertTrue(e.getMessage().contains("ends inside a number"), e.getMessage());
            assertTrue(e.getMessage().contains("line feed"), e.getMessage());
        }
    }

    @Test
    void anExponentCutShortIsRefused() {
        String t = "a\tb\n1.0E+000\t2.0680824E-002\n2.0E+000\t2.0674316E-002\n3.0E+000\t2.0674316E-00";
        assertEquals("line 4, field 2", cut(t).field());
        whole(t + "2");
    }

    @Test
    void aRowWithFewerFieldsThanTheRowsBeforeIsRefused() {
        InputException e = cut("freq,zr,zi\n1000.0,12.50,-26.94\n100.0,13.7");
        assertTrue(e.getMessage().contains("ends inside a row"), e.getMessage());
    }

    @Test
    void aCarriageReturnEndsALine() {
        whole("x\r\n1.25\r\n2.5\r");
        cut("x\r\n1.25\r\n2.50\r\n3.7");
    }

    @Test
    void spaceSeparatedTablesAndComments() {
        whole("# gradient\n1.0 2.0 3.0\n4.0 5.0 6.0\n# end");
        whole("1.0 2.0 3.0\n4.0 5.0 6.0 ");
        cut("1.0 2.0 3.0\n4.0 5.0 6.");
        cut("1.0 2.0 3.0\n4.0 5.0 ");
    }

    @Test
    void aLastValueThatIsTextIsNotComparedByLength() {
        whole("i,v,state\n1,2.91,Close\n2,2.92,Open");
    }

    @Test
    void aSingleLineWithoutLineFeedCannotBeTold() {
        assertTrue(cut("1.0 2.0 3.0").getMessage().contains("cannot be told"));
    }

    @Test
    void aFileIsReadFromItsTailAndItsLinesCountedOnlyWhenRefused(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("t,v\n");
        for (int i = 0; i < 200_000; i++) b.append(i).append(".000,").append(i % 7).append(".125\n");
        Path ok = Files.writeString(dir.resolve("ok.csv"), b.toString() + "200000.000,3.125");
        assertDoesNotThrow(() -> LastRow.requireWhole("ok.csv", ok));
        Path bad = Files.writeString(dir.resolve("bad.csv"), b.toString() + "200000.000,3.12");
        assertEquals("line 200002, field 2", assertThrows(InputException.class, () -> LastRow.requireWhole("bad.csv", bad)).field());
    }
}
