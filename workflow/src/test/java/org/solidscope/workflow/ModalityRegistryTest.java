package org.solidscope.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Source;

/** Which modality takes a file: the strongest claim, never the order of registration; a tie is refused unless a sidecar decides. */
class ModalityRegistryTest {
    @TempDir
    Path dir;

    private Source file(String name, String text, String sidecar) throws IOException {
        Path p = Files.writeString(dir.resolve(name), text);
        if (sidecar != null) Files.writeString(dir.resolve(name + ".json"), sidecar);
        return Source.of(p, sidecar);
    }

    @Test
    void theOrderOfRegistrationDecidesNothing() throws IOException {
        StringBuilder scan = new StringBuilder("# pitch_mm: 1\n");
        for (int y = 0; y < 5; y++) scan.append("1,2,3,4\n");
        StringBuilder eis = new StringBuilder("frequency_hz,z_real_ohm,z_imag_ohm\n");
        for (int i = 0; i < 10; i++) eis.append(Math.pow(10, 5 - i)).append(",10,").append(-i).append('\n');
        StringBuilder run = new StringBuilder("Data_Point,Test_Time(s),Current(A),Voltage(V)\n");
        for (int i = 0; i < 10; i++) run.append(i + 1).append(',').append(10 * i).append(",0.001,").append(3.5 + 0.01 * i).append('\n');
        Map<Source, String> expected = Map.of(file("a_infiltration.csv", scan.toString(), null), "ultrasound",
                file("b_formation.csv", eis.toString(), null), "eis", file("c_formation.csv", run.toString(), null), "cycling");
        List<Modality> forward = ModalityRegistry.standard().all();
        List<Modality> reversed = new ArrayList<>(forward);
        Collections.reverse(reversed);
        for (List<Modality> order : List.of(forward, reversed)) {
            ModalityRegistry r = new ModalityRegistry(order);
            expected.forEach((source, id) -> assertEquals(id, r.forFile(source).id(), source.name() + " in order " + order.stream().map(Modality::id).toList()));
        }
    }

    /** A modality claiming every file whose name ends in {@code .toy}, by its content. */
    record Toy(String id) implements Modality {
        @Override public boolean recognises(Source source) { return source.name().endsWith(".toy"); }
        @Override public Identity identify(Source source, Map<String, String> hints) { throw new UnsupportedOperationException(); }
        @Override public Analysed analyse(Source source, Identity identity) { throw new UnsupportedOperationException(); }
    }

    @Test
    void twoClaimsOfOneStrengthAreRefusedNamingBothUnlessTheSidecarDecides() throws IOException {
        ModalityRegistry r = new ModalityRegistry(List.of(new Toy("toy-a"), new Toy("toy-b")));
        InputException e = assertThrows(InputException.class, () -> r.forFile(file("x.toy", "1", null)));
        assertTrue(e.getMessage().contains("x.toy") && e.getMessage().contains("toy-a and toy-b") && e.getMessage().contains("\"modality\""), e.getMessage());
        assertEquals("toy-b", r.forFile(file("y.toy", "1", "{\"modality\": \"toy-b\"}")).id());
        assertThrows(InputException.class, () -> r.forFile(file("z.toy", "1", "{\"modality\": \"toy-c\"}")), "a sidecar naming neither decides nothing");
        assertNull(r.forFile(file("w.txt", "1", null)));
    }
}
