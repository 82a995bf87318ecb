package org.solidscope.workflow;

import java.util.ArrayList;
import java.util.List;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Verdict;

/**
 * Judges a lot's stored metrics again under the registry's specification: each measurement's current analysis and each
 * cell's newest comparison, by its modality's {@link Modality#judge}, the same function that judged at analysis. Nothing
 * is read but metrics and nothing is computed again, so a re-judge costs a query and an update; the verdicts replaced
 * are kept beside the new ones.
 */
public final class Rejudge {
    private final Catalog catalog;
    private final ModalityRegistry modalities;

    public Rejudge(Catalog catalog, ModalityRegistry modalities) {
        this.catalog = catalog;
        this.modalities = modalities;
    }

    /** Analyses judged and how many of them changed verdict, reasons or specification. */
    public record Result(int analyses, int changed) {}

    /** @param lot null for every lot */
    public Result run(String lot) {
        List<CatalogQueries.Judgeable> all = new CatalogQueries(catalog).judgeable(lot);
        List<RecordWriter.Judgement> judgements = new ArrayList<>();
        for (CatalogQueries.Judgeable j : all) {
            Modality m = modalities.byId("record", j.modality());
            Verdict v = m.judge(j.state(), j.pipeline(), j.metrics());
            judgements.add(new RecordWriter.Judgement(j.analysisId(), j.cellId(), m.specificationName(), modalities.spec().fingerprint(), v));
        }
        return new Result(all.size(), new RecordWriter(catalog).rejudge(judgements));
    }
}
