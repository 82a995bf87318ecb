package org.solidscope.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.Checksums;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Source;
import org.solidscope.io.Sidecar;

/**
 * Puts instrument files of any modality into the record: finds the modality, identifies cell and
 * state, checks whether the bytes are stored already (then names the cell and state that hold them),
 * reads and analyses the file, and stores it with its analysis. A file that fails leaves nothing and
 * the others of the batch go in.
 */
public final class Ingest {
    private final Catalog catalog;
    private final ModalityRegistry modalities;
    private final RecordWriter writer;

    public Ingest(Catalog catalog, ModalityRegistry modalities) {
        this.catalog = catalog;
        this.modalities = modalities;
        this.writer = new RecordWriter(catalog);
    }

    /**
     * STORED: new bytes, now in the record; ALREADY_PRESENT: the same bytes stored before as the same
     * cell, state and lot; CONFLICT: the bytes are stored already as another cell, state or lot, and the
     * claim is refused (nothing stored; the reason names where they are); FAILED: bad input, nothing stored.
     */
    public enum Outcome { STORED, ALREADY_PRESENT, CONFLICT, FAILED }

    public record Result(Path file, Outcome outcome, String modality, String cellId, String state, String verdict, String reason) {}

    public record Report(List<Result> results) {
        public long count(Outcome o) { return results.stream().filter(r -> r.outcome() == o).count(); }
    }

    /**
     * @param hints {@code cell_id}, {@code state} and {@code modality} given by the user (they win over
     *              sidecars and names); empty for none
     */
    public Report run(List<Path> files, String lot, Map<String, String> hints, Progress progress) {
        List<Result> out = new ArrayList<>();
        int k = 0;
        for (Path f : files) {
            out.add(file(f, lot, hints, () -> true));
            progress.update(++k, files.size());
        }
        // comparisons once per cell at the end of the batch, also for cells a killed earlier run left without one
        java.util.Set<String> cells = new java.util.TreeSet<>();
        for (Result r : out) if ((r.outcome() == Outcome.STORED || r.outcome() == Outcome.ALREADY_PRESENT) && compares(r.modality())) cells.add(r.cellId());
        StateComparisons comparisons = new StateComparisons(catalog, modalities);
        for (String cell : cells) comparisons.update(cell, false);
        return new Report(List.copyOf(out));
    }

    /** One file, and the stage comparison of its cell when the file completes one. */
    public Result one(Path file, String lot, Map<String, String> hints) {
        return one(file, lot, hints, () -> true);
    }

    /**
     * As {@link #one(Path, String, Map)}, asking {@code mayStore} once the analysis is done and before anything is written:
     * when it answers false (the caller gave up waiting, a time budget ran out) the file fails with that reason and
     * nothing of it is stored.
     */
    public Result one(Path file, String lot, Map<String, String> hints, BooleanSupplier mayStore) {
        Result r = file(file, lot, hints, mayStore);
        if (r.outcome() == Outcome.STORED && compares(r.modality())) new StateComparisons(catalog, modalities).update(r.cellId(), false);
        return r;
    }

    /** Whether the modality of this id compares a cell's states (a new measurement may complete a comparison). */
    private boolean compares(String modality) {
        return modality != null && !modalities.byId("record", modality).comparedStates().isEmpty();
    }

    private Result file(Path file, String lot, Map<String, String> hints, BooleanSupplier mayStore) {
        String modalityId = null, cell = null, state = null;
        try {
            checkId(file.toString(), "lot", lot);
            if (!Files.isRegularFile(file)) throw new InputException(file.toString(), "file", "an existing file", Files.isDirectory(file) ? "a directory" : "no such file");
            Source src = Source.of(file, sidecarText(file));
            sidecarLot(file, src.sidecarJson(), lot);
            Modality m = hints.containsKey("modality") ? modalities.byId("--modality", hints.get("modality")) : modalities.forFile(src);
            if (m == null) {
                throw new InputException(file.toString(), "format", "a file of a known modality (" + String.join(", ", modalities.all().stream().map(Modality::id).sorted().toList())
                        + ": C-scans, CT volumes, XCS spectra cubes, impedance spectra, cycler runs)", "'" + shownName(file.getFileName().toString()) + "'");
            }
            modalityId = m.id();
            Modality.Identity id = m.identify(src, hints);
            cell = id.cellId();
            state = id.state().name();
            checkId(file.toString(), "cell_id", cell);
            String sha = Checksums.sha256(file);
            RecordWriter.Holder h = writer.holder(sha);
            if (h != null) {
                catalog.arrays().putFile(file); // the same bytes again: a stored blob damaged since is made whole from them
                return present(file, h, lot, cell, state);
            }
            String recorded = writer.lotOf(cell);
            if (recorded != null && !recorded.equals(lot)) {
                throw new InputException(file.toString(), "lot", "the lot cell " + cell + " is recorded in ('" + recorded + "')", "'" + lot + "'");
            }
            Modality.Analysed a = judged(m, id, m.analyse(src.withSha256(sha), id));
            if (!mayStore.getAsBoolean()) {
                throw new InputException(file.toString(), "time", "an analysis within the time this upload may take", "a longer one: abandoned, nothing stored");
            }
            long size = Files.size(file);
            RecordWriter.Stored s = writer.store(lot, id, m.id(), file.getFileName().toString(), file, sha, size, a);
            if (!s.stored()) return present(file, s.holder(), lot, cell, state);
            return new Result(file, Outcome.STORED, m.id(), cell, state, a.analysis().verdict() == null ? null : a.analysis().verdict().status().name(), "");
        } catch (InputException e) {
            return new Result(file, Outcome.FAILED, modalityId, cell, state, null, e.getMessage());
        } catch (IOException e) {
            return new Result(file, Outcome.FAILED, modalityId, cell, state, null, file + ": file: expected a readable file, found " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            return new Result(file, Outcome.FAILED, modalityId, cell, state, null, file + ": file: expected a readable file, found " + e.getCause().getMessage());
        }
    }

    /**
     * Stores a file whose analysis the caller has already run (for example {@code ct pipeline --store},
     * which writes its own outputs from the same result); idempotent like {@link #one}.
     */
    public Result store(Path file, String lot, Modality m, Modality.Identity id, Modality.Analysed analysed) {
        try {
            Modality.Analysed a = judged(m, id, analysed);
            checkId(file.toString(), "lot", lot);
            checkId(file.toString(), "cell_id", id.cellId());
            String sha = Checksums.sha256(file);
            RecordWriter.Stored s = writer.store(lot, id, m.id(), file.getFileName().toString(), file, sha, Files.size(file), a);
            if (!s.stored()) return present(file, s.holder(), lot, id.cellId(), id.state().name());
            return new Result(file, Outcome.STORED, m.id(), id.cellId(), id.state().name(),
                    a.analysis().verdict() == null ? null : a.analysis().verdict().status().name(), "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The analysis with its verdict under the registry's specification. */
    private Modality.Analysed judged(Modality m, Modality.Identity id, Modality.Analysed a) {
        return new Modality.Analysed(a.instrument(), a.settings(), a.frame(), modalities.judged(m.id(), id.state().name(), a.analysis()),
                a.cellWidthMm(), a.cellHeightMm());
    }

    private static Result present(Path file, RecordWriter.Holder h, String lot, String cell, String state) {
        boolean same = h.cellId().equals(cell) && h.state().equals(state) && h.lot().equals(lot);
        return new Result(file, same ? Outcome.ALREADY_PRESENT : Outcome.CONFLICT, h.modality(), h.cellId(), h.state(), null, same ? "same bytes stored before"
                : "these bytes are stored already as cell " + h.cellId() + ", state " + h.state() + " (lot " + h.lot() + "); not stored again as "
                + cell + ", " + state + " (lot " + lot + ")");
    }

    /** A sidecar that names a lot must name this one: a file is never filed under a lot its own sidecar contradicts. */
    private static void sidecarLot(Path file, String sidecarJson, String lot) {
        if (sidecarJson == null) return;
        try {
            com.fasterxml.jackson.databind.JsonNode side = org.solidscope.core.Json.mapper().readTree(sidecarJson);
            if (side.hasNonNull("lot") && !side.get("lot").asText().equals(lot)) {
                String said = side.get("lot").asText();
                throw new InputException(file + ".json", "lot", "the lot the file is ingested into ('" + lot + "')",
                        "'" + (said.length() > 60 ? said.substring(0, 60) + "…" : said).replaceAll("[^\\x20-\\x7e]", "?") + "'");
            }
        } catch (java.io.IOException e) {
            throw new InputException(file + ".json", "json", "valid JSON", org.solidscope.core.Json.describe(e));
        }
    }

    /** A name or id for a message: control and non-printing characters escaped (a NUL or a line feed from a sidecar is shown, not echoed). */
    static String shownName(String s) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < s.length() && b.length() < 200; k++) {
            char c = s.charAt(k);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /** Ids become keys and file names in exports: printable, at most 200 characters. */
    static void checkId(String source, String field, String id) {
        if (id == null || id.isBlank() || id.length() > 200 || !id.matches("[\\p{L}\\p{N}._+\\-#@ ()]+")) {
            throw new InputException(source, field, "1–200 letters, digits or . _ + - # @ ( ) and spaces",
                    id == null ? "none" : "'" + shownName(id.length() > 60 ? id.substring(0, 60) + "…" : id) + "' (" + id.length() + " characters)");
        }
    }

    /** The sidecar's text beside a file, or null; a sidecar that cannot be read or parsed is bad input naming it. */
    public static String sidecarText(Path file) {
        Sidecar s = Sidecar.find(file);
        if (s == null) return null;
        try {
            return Files.readString(s.path());
        } catch (IOException e) {
            throw new InputException(s.path().toString(), "file", "a readable sidecar", e.getMessage());
        }
    }
}
