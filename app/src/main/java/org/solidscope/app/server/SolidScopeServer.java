package org.solidscope.app.server;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.Exporter;
import org.solidscope.catalog.LotStatistics;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.record.Modality;
import org.solidscope.workflow.analytics.LotCorrelation;
import org.solidscope.core.Json;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.Npy;
import org.solidscope.report.ColourMap;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.report.Overlay;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;

/**
 * The SolidScope HTTP server on a catalog: JSON API, map images, upload, web pages.
 *
 * <p>Security: every write needs {@code Authorization: Bearer <token>} ({@code solidscope token create});
 * reads are open when the server listens on loopback only and need a token otherwise. No request string
 * becomes a path except an uploaded file's name, reduced to {@code [A-Za-z0-9._-]} inside a fresh
 * temporary directory. Requests above {@link #MAX_UPLOAD_BYTES} get 413. Errors are JSON
 * {@code {"error", "detail"}} and never carry a stack trace.
 */
public final class SolidScopeServer {
    public static final long MAX_UPLOAD_BYTES = 64L << 20;
    /** Paging stops here: more cells than any line makes in decades. */
    static final long MAX_OFFSET = 100_000_000L;

    private final Catalog catalog;
    private final CatalogQueries queries;
    private final ApiTokens tokens;
    private final ModalityRegistry modalities;
    private final boolean readsNeedToken;
    private Javalin app;

    /** Rendered map images by (level-map checksum, scale, width): immutable, so kept until evicted (LRU). */
    private final Map<String, byte[]> mapCache = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) {
            return size() > 256;
        }
    });


    public SolidScopeServer(Catalog catalog, ModalityRegistry modalities, boolean loopbackOnly) {
        this.catalog = catalog;
        this.queries = new CatalogQueries(catalog);
        this.tokens = new ApiTokens(catalog);
        this.modalities = modalities;
        this.readsNeedToken = !loopbackOnly;
    }

    /** Starts on {@code bind:port} (port 0: any free port) and returns the port. */
    public int start(String bind, int port) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_UPLOAD_BYTES;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler.InContext()));
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
            });
            routes(cfg.routes);
        });
        app.start(bind, port);
        // a client that stops sending in the middle of a body is answered 408 after this long, not waited for
        for (var c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.AbstractConnector ac) ac.setIdleTimeout(readTimeoutMs);
        }
        return app.port();
    }

    /** The API: routes, then how each kind of failure is answered (all in the start-up configuration). */
    private void routes(RoutesConfig r) {
        r.before("/api/*", this::authorize);
        r.before("/api/scans", ctx -> {
            // refuse by the declared length, before any byte of the body is read
            long n = ctx.contentLength();
            if (n < 0) throw new TooLarge(HttpStatus.LENGTH_REQUIRED, "uploads must state their Content-Length");
            if (n > MAX_UPLOAD_BYTES) {
                dropBody(ctx, 2 * MAX_UPLOAD_BYTES); // a little too large: read, so that the client sees the answer, not a reset
                throw new TooLarge(HttpStatus.CONTENT_TOO_LARGE, "requests are limited to " + (MAX_UPLOAD_BYTES >> 20) + " MiB");
            }
        });
        r.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.JSON));
        r.get("/api/lots", ctx -> json(ctx, queries.lots()));
        // lot reads are aggregated by the database on every request: no cache to expire, no stale answers
        r.get("/api/lots/{lot}/cells", ctx -> ctx.contentType("application/json").result(cells(ctx)));
        r.get("/api/lots/{lot}/stats", ctx -> {
            String lot = ctx.pathParam("lot"), metric = ctx.queryParam("metric");
            if (!queries.lotExists(lot)) throw new NotFound("lot " + lot);
            if (metric != null && !org.solidscope.core.record.Metric.isName(metric)) throw new InputException("metric", "metric", "a metric name such as ct.ra_um", metric);
            json(ctx, LotStatistics.of(catalog, lot, metric));
        });
        r.get("/api/lots/{lot}/yield", ctx -> {
            if (!queries.lotExists(ctx.pathParam("lot"))) throw new NotFound("lot " + ctx.pathParam("lot"));
            json(ctx, LotStatistics.cells(catalog, ctx.pathParam("lot")));
        });
        // cross-modal questions over a lot's cells: the library's answer, as `lot correlate` prints it
        r.get("/api/lots/{lot}/correlate", ctx -> {
            var pair = correlate(ctx);
            Map<String, Object> m = new LinkedHashMap<>(LotCorrelation.json(pair.result()));
            m.put("cells", pair.cells());
            m.put("points", java.util.stream.IntStream.range(0, pair.x().length).mapToObj(i -> List.of(pair.x()[i], pair.y()[i])).toList());
            json(ctx, m);
        });
        r.get("/api/lots/{lot}/correlate.png", ctx -> {
            var pair = correlate(ctx);
            ctx.contentType("image/png").result(org.solidscope.report.LinePlot.scatter(ctx.pathParam("lot") + ": " + pair.result().n() + " cells",
                    pair.result().x(), pair.result().y(), List.of(new org.solidscope.report.LinePlot.Series("cells", pair.x(), pair.y()))));
        });
        r.get("/api/lots/{lot}/correlations", ctx -> {
            if (!queries.lotExists(ctx.pathParam("lot"))) throw new NotFound("lot " + ctx.pathParam("lot"));
            int top = whole(ctx, "top", 20);
            if (top < 1 || top > 1000) throw new InputException("top", "top", "1 … 1000", String.valueOf(top));
            var m = LotCorrelation.matrix(LotCorrelation.table(catalog, ctx.pathParam("lot")), "true".equals(ctx.queryParam("all_pairs")), top, 2000, 1);
            json(ctx, new LotCorrelation.Matrix(m.lot(), m.cells(), m.variables(), m.pairs(), m.ranked().subList(0, Math.min(top, m.pairs()))));
        });
        // the line's history as `fleet stats --store` left it (per lot, per week, the whole line): empty until a fleet job stored it
        r.get("/api/line/{metric}", ctx -> {
            String metric = ctx.pathParam("metric");
            if (!org.solidscope.core.record.Metric.isName(metric)) throw new InputException("metric", "metric", "a metric name such as ct.ra_um", metric);
            json(ctx, org.solidscope.catalog.LineStatistics.of(catalog, metric));
        });
        r.get("/api/lots/{lot}/measurements", ctx -> {
            if (!queries.lotExists(ctx.pathParam("lot"))) throw new NotFound("lot " + ctx.pathParam("lot"));
            json(ctx, Exporter.rows(queries.measurements(ctx.pathParam("lot"), ctx.queryParam("modality"))));
        });
        r.get("/api/cells/{id}", ctx -> {
            Map<String, Object> c = queries.showCell(ctx.pathParam("id"));
            if (c == null) throw new NotFound("cell " + ctx.pathParam("id"));
            json(ctx, c);
        });
        r.get("/api/cells/{id}/timeline", ctx -> {
            Map<String, Object> c = queries.timeline(ctx.pathParam("id"));
            if (c == null) throw new NotFound("cell " + ctx.pathParam("id"));
            json(ctx, c);
        });
        r.get("/api/cells/{id}/registrations", ctx -> {
            if (queries.timeline(ctx.pathParam("id")) == null) throw new NotFound("cell " + ctx.pathParam("id"));
            json(ctx, queries.registrations(ctx.pathParam("id")));
        });
        r.get("/api/cells/{id}/states/{state}", ctx -> {
            Map<String, Object> v = queries.stateView(ctx.pathParam("id"), ctx.pathParam("state"));
            if (v == null) throw new NotFound(queries.timeline(ctx.pathParam("id")) == null ? "cell " + ctx.pathParam("id")
                    : "state " + ctx.pathParam("state") + " of cell " + ctx.pathParam("id"));
            json(ctx, v);
        });
        r.get("/api/measurements/{id}/arrays/{name}", this::arrayFile);
        r.get("/api/measurements/{id}/map.png", this::mapPng);
        r.get("/api/cells/{id}/comparison.png", this::comparisonPng);
        r.get("/api/measurements/{id}/map.npy", ctx -> {
            var ref = arrayRef(ctx, mapModality(ctx).mapArray());
            ctx.contentType("application/octet-stream").header("Content-Disposition", "attachment; filename=\"" + ref.name() + "-" + ref.measurementId() + ".npy\"")
                    .result(catalog.arrays().get(ref.sha256()));
        });
        r.post("/api/scans", this::upload);
        // the design calculators: pure functions of their parameters, for the calculator page
        r.get("/api/design/energy", ctx -> json(ctx, DesignApi.energy(DesignApi.design(ctx.queryParamMap()))));
        r.get("/api/design/sweep.png", ctx -> ctx.contentType("image/png").result(DesignApi.sweepPng(DesignApi.design(ctx.queryParamMap()))));
        r.get("/api/design/dendrite", ctx -> json(ctx, DesignApi.dendrite(ctx.queryParamMap())));
        r.exception(TooLarge.class, (e, ctx) -> error(ctx, e.status, e.status.getMessage().toLowerCase(java.util.Locale.ROOT), e.getMessage()));
        r.exception(NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, "not found", e.getMessage()));
        r.exception(Unauthorized.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer");
            error(ctx, HttpStatus.UNAUTHORIZED, "unauthorized", e.getMessage());
        });
        r.exception(InputException.class, (e, ctx) -> {
            // the field lets a page put the message beside the input it is about
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", "bad input");
            m.put("detail", e.getMessage());
            m.put("field", e.field());
            ctx.status(HttpStatus.BAD_REQUEST).contentType("application/json").result(Json.writeCompact(m));
        });
        r.exception(NumberFormatException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, "bad input", "a number was expected"));
        r.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                error(ctx, HttpStatus.forStatus(e.getStatus()), HttpStatus.forStatus(e.getStatus()).getMessage().toLowerCase(java.util.Locale.ROOT), e.getMessage()));
        r.exception(Exception.class, this::unexpected);
        r.error(HttpStatus.CONTENT_TOO_LARGE, ctx -> {
            ctx.header("Connection", "close");
            error(ctx, HttpStatus.CONTENT_TOO_LARGE, "too large", "requests are limited to " + (MAX_UPLOAD_BYTES >> 20) + " MiB");
        });
        // statuses set without a JSON body (an unknown route, a method a route does not take) get one
        for (HttpStatus st : List.of(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.REQUEST_TIMEOUT,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.INTERNAL_SERVER_ERROR)) {
            r.error(st, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    error(ctx, st, st.getMessage().toLowerCase(java.util.Locale.ROOT),
                            st == HttpStatus.NOT_FOUND ? "no such resource: " + ctx.method() + " " + ctx.path() : st.getMessage());
                }
            });
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SolidScopeServer.class);

    /** How long a request may leave the connection silent (ms). */
    private long readTimeoutMs = 30_000;

    /** Where server faults go: the log, with their stack. */
    private java.util.function.BiConsumer<String, Throwable> errorLog = LOG::error;

    /** Sends server faults (message with error id, exception) elsewhere as well as to the log (tests read them). */
    public SolidScopeServer alsoReportErrorsTo(java.util.function.BiConsumer<String, Throwable> sink) {
        java.util.function.BiConsumer<String, Throwable> log = LOG::error;
        this.errorLog = log.andThen(sink);
        return this;
    }

    /** How long the analysis of one upload may take before the request is answered 422 and nothing is stored (ms). */
    private long uploadBudgetMs = 120_000;

    /**
     * Analyses uploads: as many at once as there are cores, and a queue; a full queue answers 503. Daemon threads, so
     * that an analysis still running after its request gave up does not keep the process alive.
     */
    private final ThreadPoolExecutor uploadWorkers = new ThreadPoolExecutor(Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().availableProcessors(), 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
                Thread t = new Thread(r, "upload-analysis");
                t.setDaemon(true);
                return t;
            });

    /** Sets the time budget of one upload's analysis (before {@link #start}); tests use a short one. */
    public SolidScopeServer uploadBudgetMs(long ms) {
        this.uploadBudgetMs = ms;
        return this;
    }

    /** Sets the read timeout (before {@link #start}); tests use a short one. */
    public SolidScopeServer readTimeoutMs(long ms) {
        this.readTimeoutMs = ms;
        return this;
    }

    /**
     * An exception no handler took: a client fault when its causes say so (a body cut short or
     * malformed, a read that timed out), answered 400/408; otherwise a server fault, logged with
     * its stack under an id that the answer carries, so that a report can be matched to the log.
     */
    /** Whether a read of the request timed out somewhere down the cause chain. */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) return true;
        }
        return false;
    }

    private void unexpected(Exception e, Context ctx) {
        if (timedOut(e)) {
            error(ctx, HttpStatus.REQUEST_TIMEOUT, "request timeout", "the request body did not arrive within " + readTimeoutMs / 1000 + " s");
            return;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.io.EOFException
                    || t instanceof org.eclipse.jetty.http.BadMessageException || t instanceof jakarta.servlet.ServletException) {
                error(ctx, HttpStatus.BAD_REQUEST, "bad request", "the request body is malformed or shorter than its Content-Length");
                return;
            }
        }
        String id = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
        errorLog.accept("request " + ctx.method() + " " + ctx.path() + " failed [error id " + id + "]", e);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", "internal error");
        m.put("detail", "the request could not be completed; the server log has the cause under error id " + id);
        m.put("id", id);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("application/json").result(Json.writeCompact(m));
    }

    public void stop() {
        if (app != null) app.stop();
        uploadWorkers.shutdown();
    }

    static final class NotFound extends RuntimeException {
        NotFound(String what) { super(what + " is not in the record"); }
    }

    static final class TooLarge extends RuntimeException {
        final HttpStatus status;

        TooLarge(HttpStatus status, String why) {
            super(why);
            this.status = status;
        }
    }

    static final class Unauthorized extends RuntimeException {
        Unauthorized(String why) { super(why); }
    }

    private void authorize(Context ctx) {
        boolean write = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
        if (!write && !readsNeedToken) return;
        if (ctx.path().equals("/api/openapi.json")) return;
        String h = ctx.header("Authorization");
        String token = h != null && h.startsWith("Bearer ") ? h.substring(7) : null;
        if (tokens.check(token) == null) {
            if (write) dropBody(ctx, MAX_UPLOAD_BYTES);
            throw new Unauthorized(write ? "writes need a bearer token (solidscope token create)" : "this server needs a bearer token for reads too");
        }
    }

    /**
     * Reads and drops the body of a write refused before its body was read, when its declared length is at most
     * {@code limit}, so that the client sees the answer and the connection can serve its next request: Jetty 12 closes a
     * connection whose request body is left unread, and a client still sending it gets a reset instead of the answer. A
     * longer or undeclared body is not read: that connection ends, saying so.
     */
    private static void dropBody(Context ctx, long limit) {
        long n = ctx.contentLength();
        if (n <= 0 || n > limit) {
            ctx.header("Connection", "close");
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            while (in.read(buf) >= 0) { }
        } catch (IOException e) {
            ctx.header("Connection", "close"); // the client stopped sending: nothing more will come on this connection
        }
    }

    private static void json(Context ctx, Object o) {
        ctx.contentType("application/json").result(Json.writeCompact(o));
    }

    private static void error(Context ctx, HttpStatus status, String error, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("detail", detail);
        ctx.status(status).contentType("application/json").result(Json.writeCompact(m));
    }

    private String cells(Context ctx) {
        String lot = ctx.pathParam("lot");
        String verdict = ctx.queryParam("verdict");
        if (verdict != null && !List.of("PASS", "REVIEW", "FAIL").contains(verdict)) {
            throw new InputException("verdict", "verdict", "PASS, REVIEW or FAIL", verdict);
        }
        int page = Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1"));
        int size = Integer.parseInt(ctx.queryParamAsClass("size", String.class).getOrDefault("100"));
        if (page < 1 || size < 1 || size > 1000) throw new InputException("page/size", "paging", "page ≥ 1 and 1 ≤ size ≤ 1000", page + "/" + size);
        // far past any lot: the database need not skip two hundred billion rows to say the page is empty
        if ((long) (page - 1) * size > MAX_OFFSET) throw new InputException("page", "page", "a page within the first " + MAX_OFFSET + " cells", String.valueOf(page));
        List<CatalogQueries.MetricFilter> where = new ArrayList<>();
        for (String w : ctx.queryParams("where")) where.add(CatalogQueries.MetricFilter.parse(w));
        CatalogQueries.CellPage cp = queries.listCells(lot, verdict, where, (long) (page - 1) * size, size);
        if (cp.total() == 0 && !queries.lotExists(lot)) throw new NotFound("lot " + lot);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lot", lot);
        m.put("total", cp.total());
        m.put("page", page);
        m.put("size", size);
        List<Map<String, Object>> items = new ArrayList<>();
        for (var r : cp.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("cell", r.cellId());
            x.put("verdict", r.verdict());
            x.put("modalities", r.modalityVerdicts());
            x.put("states", r.stateVerdicts());
            items.add(x);
        }
        m.put("items", items);
        return Json.writeCompact(m);
    }

    private CatalogQueries.ArrayRef arrayRef(Context ctx, String name) {
        long id = Long.parseLong(ctx.pathParam("id"));
        var ref = queries.array(id, name);
        if (ref == null) throw new NotFound("array " + name + " of measurement " + id);
        return ref;
    }

    /**
     * A measurement's map (its modality's {@link Modality#mapArray()}), on the modality's scale unless {@code lo}/{@code hi}
     * say otherwise, with its features circled and the fields of view of the cell's other maps outlined.
     */
    private void mapPng(Context ctx) {
        Modality m = mapModality(ctx);
        var ref = arrayRef(ctx, m.mapArray());
        Modality.Rendering look = rendering(m, m.mapArray(), ref, null);
        double lo = ctx.queryParam("lo") == null ? look.lo() : number(ctx, "lo");
        double hi = ctx.queryParam("hi") == null ? look.hi() : number(ctx, "hi");
        int width = whole(ctx, "width", 520);
        if (!(hi > lo) || width < 100 || width > 2000) throw new InputException("lo/hi/width", "scale", "lo < hi and 100 ≤ width ≤ 2000", lo + "/" + hi + "/" + width);
        FieldOfView other = otherFieldOfView(ref, m);
        double[][] fov = other == null ? null : other.corners();
        String key = ref.sha256() + "/" + ref.measurementId() + "/" + lo + "/" + hi + "/" + width + "/" + java.util.Arrays.deepToString(fov);
        byte[] png = mapCache.get(key);
        if (png == null) {
            List<String> kinds = new ArrayList<>();
            List<double[]> circles = queries.featureCircles(ref.measurementId(), kinds);
            List<Overlay.Label> labels = new ArrayList<>();
            for (int i = 0; i < circles.size(); i++) labels.add(new Overlay.Label(circles.get(i)[0] + circles.get(i)[2], circles.get(i)[1], kinds.get(i)));
            if (fov != null) labels.add(new Overlay.Label(fov[0][0], fov[0][1], other.label()));
            png = HeatMapRenderer.png(map(ref), lo, hi, ColourMap.valueOf(look.colourMap()), ref.cellId() + " — " + ref.state(), look.label(),
                    new Overlay(null, labels, fov, List.of(), circles), width);
            mapCache.put(key, png);
        }
        ctx.contentType("image/png").header("Cache-Control", "max-age=60").result(png);
    }

    /** The correlation {@code x} and {@code y} ask for over the lot's cells (seeded bootstrap: the same answer every time). */
    private LotCorrelation.Pair correlate(Context ctx) {
        String lot = ctx.pathParam("lot");
        if (!queries.lotExists(lot)) throw new NotFound("lot " + lot);
        return LotCorrelation.pair(LotCorrelation.table(catalog, lot), ctx.queryParam("x"), ctx.queryParam("y"), 2000, 1);
    }

    /** The modality of the measurement {@code id} names, when it has a map; 404 otherwise. */
    private Modality mapModality(Context ctx) {
        long id = Long.parseLong(ctx.pathParam("id"));
        String modality = queries.measurementModality(id);
        if (modality == null) throw new NotFound("measurement " + id);
        Modality m = modalities.byId("record", modality);
        if (m.mapArray() == null) throw new NotFound("a map of measurement " + id + " (" + modality + " draws none; see its arrays)");
        return m;
    }

    /**
     * The modality's drawing of an array, or the one every array gets: viridis over its 1st to 99th percentile, kept by
     * the array's checksum so that a cached image costs no read of the array ({@code loaded}: the array when the caller
     * has read it already, else null).
     */
    private Modality.Rendering rendering(Modality m, String name, CatalogQueries.ArrayRef ref, ScalarMap loaded) {
        Modality.Rendering r = m.rendering(name);
        if (r != null) return r;
        double[] range = percentileScale.get(ref.sha256());
        if (range == null) {
            range = org.solidscope.report.ArrayImages.percentiles((loaded != null ? loaded : map(ref)).values(), 0.01, 0.99);
            percentileScale.put(ref.sha256(), range);
        }
        return new Modality.Rendering(range[0], Math.max(range[1], range[0] + 1e-9), "VIRIDIS", name, name + " (" + ref.unit() + ")");
    }

    /** 1st and 99th percentiles of arrays drawn without a modality's scale, by checksum (least recently used go first). */
    private final Map<String, double[]> percentileScale = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> e) { return size() > 10_000; }
    });

    /** Another map's outline on this one: its four corners in this map's mm and its modality, drawn beside it. */
    private record FieldOfView(double[][] corners, String label) {}

    /**
     * The field of view of another modality's map of the cell (a CT section's height map on a C-scan) on this map, in the
     * map's mm, or null: both maps say where they lie in the cell's frame, so a cell-frame point q lies on the map at
     * R(−φ)(q − o), with o and φ the map's origin and rotation in the cell.
     */
    private FieldOfView otherFieldOfView(CatalogQueries.ArrayRef map, Modality own) {
        if (map.frame() == null) return null;
        List<CatalogQueries.ArrayRef> others = new ArrayList<>();
        for (Modality m : modalities.all()) {
            if (m != own && m.mapArray() != null) others.addAll(queries.cellArrays(map.cellId(), m.mapArray()).stream().filter(r -> r.modality().equals(m.id())).toList());
        }
        for (CatalogQueries.ArrayRef h : others) {
            var f = h.frame();
            if (f == null || h.pitchMm() == null) continue;

            String[] shape = h.shape().replaceAll("[\\[\\] ]", "").split(",");
            double p = h.pitchMm(), w = Integer.parseInt(shape[1]) * p, hh = Integer.parseInt(shape[0]) * p;
            double r = Math.toRadians(f.path("rotation_deg").asDouble()), ox = f.get("origin_x_mm").asDouble(), oy = f.get("origin_y_mm").asDouble();
            double mr = -Math.toRadians(map.frame().path("rotation_deg").asDouble());
            double mx = map.frame().get("origin_x_mm").asDouble(), my = map.frame().get("origin_y_mm").asDouble();
            double[][] box = {{0, 0}, {w, 0}, {w, hh}, {0, hh}};
            double[][] out = new double[4][];
            for (int i = 0; i < 4; i++) {
                double qx = ox + box[i][0] * Math.cos(r) - box[i][1] * Math.sin(r) - mx, qy = oy + box[i][0] * Math.sin(r) + box[i][1] * Math.cos(r) - my;
                out[i] = new double[] {qx * Math.cos(mr) - qy * Math.sin(mr), qx * Math.sin(mr) + qy * Math.cos(mr)};
            }
            return new FieldOfView(out, h.modality().toUpperCase(java.util.Locale.ROOT));
        }
        return null;
    }

    /** A stored 2D array as a map with its geometry; a map stored without its pitch cannot be drawn to scale and is refused. */
    private ScalarMap map(CatalogQueries.ArrayRef ref) {
        if (ref.pitchMm() == null) throw new IllegalStateException("array " + ref.name() + " of measurement " + ref.measurementId() + " was stored without its pitch");
        Npy.Array2D a = Npy.read2D(catalog.arrays().path(ref.sha256()));
        return new ScalarMap(new GridGeometry(a.width(), a.height(), ref.pitchMm()), ref.unit(), a.values());
    }

    /**
     * Any array of a measurement's current analysis: {@code NAME.npy} as stored, {@code NAME.png} drawn —
     * maps as a heat map with their unit (scale {@code lo}/{@code hi}, default the 1st–99th percentile),
     * slices in grey with {@code outline=MASK} (another array of the analysis) traced in colour.
     */
    private void arrayFile(Context ctx) {
        String file = ctx.pathParam("name");
        boolean npy = file.endsWith(".npy"), png = file.endsWith(".png"), json = file.endsWith(".json");
        if (!npy && !png && !json) throw new InputException("name", "array file", "NAME.npy, NAME.png or NAME.json", file);
        String name = file.substring(0, file.lastIndexOf('.'));
        if (!name.matches("[a-z][a-z0-9_]*")) throw new InputException("name", "array", "an array name of [a-z0-9_]", name);
        var ref = arrayRef(ctx, name);
        if (json) { // small arrays (spectra, profiles) for pages that draw them; rows of values
            Npy.Array2D a = Npy.read2D(catalog.arrays().path(ref.sha256()));
            if ((long) a.width() * a.height() > 100_000) throw new InputException("name", "array", "at most 100,000 values as JSON (use .npy)", a.height() + " × " + a.width());
            double[][] rows = new double[a.height()][a.width()];
            for (int r = 0; r < a.height(); r++) for (int c = 0; c < a.width(); c++) rows[r][c] = a.values()[r * a.width() + c];
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("unit", ref.unit());
            out.put("shape", new int[] {a.height(), a.width()});
            Modality.Rendering look = modalities.byId("record", ref.modality()).rendering(name);
            if (look != null) out.put("scale", Map.of("lo", look.lo(), "hi", look.hi(), "colour_map", look.colourMap(), "label", look.label()));
            out.put("rows", rows);
            json(ctx, out);
            return;
        }
        if (npy) {
            ctx.contentType("application/octet-stream").header("Content-Disposition", "attachment; filename=\"" + name + "-" + ref.measurementId() + ".npy\"")
                    .result(catalog.arrays().get(ref.sha256()));
            return;
        }
        int width = whole(ctx, "width", 520);
        if (width < 100 || width > 2000) throw new InputException("width", "width", "100 … 2000", String.valueOf(width));
        String outline = ctx.queryParam("outline");
        String key = "arr/" + ref.sha256() + "/" + width + "/" + outline + "/" + ctx.queryParam("lo") + "/" + ctx.queryParam("hi");
        byte[] img = mapCache.get(key);
        if (img == null && ref.pitchMm() == null) { // not a map (a spectrum, a curve, a table of cycles): its rows drawn against its first
            img = rowsPng(ref, name);
            mapCache.put(key, img);
        }
        if (img == null) {
            ScalarMap m = map(ref);
            Modality.Rendering look = rendering(modalities.byId("record", ref.modality()), name, ref, m);
            double lo = ctx.queryParam("lo") == null ? look.lo() : number(ctx, "lo");
            double hi = ctx.queryParam("hi") == null ? look.hi() : number(ctx, "hi");
            if (ref.kind().equals("slice") || ref.kind().equals("mask")) {
                byte[] mask = null;
                if (outline != null) {
                    var o = arrayRef(ctx, outline);
                    Npy.Array2D om = Npy.read2D(catalog.arrays().path(o.sha256()));
                    if (om.width() != m.width() || om.height() != m.height()) throw new InputException("outline", "outline", "an array of the slice's shape", outline);
                    mask = new byte[om.values().length];
                    for (int i = 0; i < mask.length; i++) mask[i] = (byte) (om.values()[i] != 0 ? 1 : 0);
                }
                img = org.solidscope.report.ArrayImages.greyPng(m, lo, Math.max(hi, lo + 1e-9), mask, width);
            } else {
                if (!(hi > lo)) hi = lo + 1e-9;
                img = HeatMapRenderer.png(m, lo, hi, ColourMap.valueOf(look.colourMap()), ref.cellId() + " — " + ref.state() + " — " + name, look.label(),
                        Overlay.none(), width);
            }
            mapCache.put(key, img);
        }
        ctx.contentType("image/png").header("Cache-Control", "max-age=60").result(img);
    }

    /** A query parameter as a whole number (its default when absent); anything else is the client's fault, named. */
    private static int whole(Context ctx, String param, int dflt) {
        String v = ctx.queryParam(param);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new InputException(param, param, "a whole number", "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v).replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
    }

    /** A query parameter as a finite number. */
    private static double number(Context ctx, String param) {
        String v = ctx.queryParam(param);
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InputException(param, param, "a finite number", "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v).replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }

    /** An array that is not a map, drawn as lines: each row after the first against the first (log x when it spans decades). */
    private byte[] rowsPng(CatalogQueries.ArrayRef ref, String name) {
        Npy.Array2D a = Npy.read2D(catalog.arrays().path(ref.sha256()));
        int rows = a.height(), n = a.width();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rows == 1 ? i : a.values()[i];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : x) { min = Math.min(min, v); max = Math.max(max, v); }
        boolean logX = min > 0 && max / min > 1e3;
        List<org.solidscope.report.LinePlot.Series> series = new ArrayList<>();
        for (int r = rows == 1 ? 0 : 1; r < rows && series.size() < 8; r++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = a.values()[r * n + i];
            series.add(new org.solidscope.report.LinePlot.Series(name + (rows > 2 ? " row " + r : ""), x, y));
        }
        return org.solidscope.report.LinePlot.png(ref.cellId() + " — " + ref.state() + " — " + name, rows == 1 ? "index" : name + " row 0",
                name + " (" + ref.unit() + ")", logX, series, null);
    }

    /**
     * A map of a cell's newest comparison ({@code kind}: the array's name, such as an ultrasonic comparison's {@code degree}
     * or {@code recovery}), drawn as its modality says (cached by the map's checksum); nothing is re-analysed in a request.
     */
    private void comparisonPng(Context ctx) {
        String kind = ctx.queryParamAsClass("kind", String.class).getOrDefault("degree");
        if (!kind.matches("[a-z][a-z0-9_]{0,59}")) throw new InputException("kind", "kind", "a map of a comparison, such as degree or recovery", "'" + kind.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        int width = whole(ctx, "width", 520);
        if (width < 100 || width > 2000) throw new InputException("width", "width", "100 … 2000", String.valueOf(width));
        String cellId = ctx.pathParam("id");
        CatalogQueries.ArrayRef ref = null;
        Modality by = null;
        for (Modality m : modalities.all()) {
            if (m.comparisonPipeline() == null || ref != null) continue;
            ref = queries.cellAnalysisArray(cellId, m.comparisonPipeline(), kind);
            by = m;
        }
        if (ref == null) {
            if (queries.timeline(cellId) == null) throw new NotFound("cell " + cellId);
            throw new NotFound("a " + kind + " map in the comparisons of cell " + cellId + " (a comparison needs the states it compares)");
        }
        String key = "cmp/" + ref.sha256() + "/" + width;
        byte[] png = mapCache.get(key);
        if (png == null) {
            Modality.Rendering look = rendering(by, kind, ref, null);
            png = HeatMapRenderer.png(map(ref), look.lo(), look.hi(), ColourMap.valueOf(look.colourMap()), cellId + ": " + look.title(), look.label(), Overlay.none(), width);
            mapCache.put(key, png);
        }
        ctx.contentType("image/png").header("Cache-Control", "max-age=60").result(png);
    }

    /** The innermost message of a chain, for a client: no class names, no stack. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null || m.isBlank() ? "an unreadable body" : m.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
    }

    private void upload(Context ctx) throws IOException {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new InputException("upload", "Content-Type", "multipart/form-data", String.valueOf(type));
        }
        UploadedFile file;
        String lot;
        try {
            file = ctx.uploadedFile("scan");
            lot = ctx.formParam("lot");
        } catch (Exception e) { // also the checked IOException Jetty's parser throws through Kotlin code
            if (e instanceof InputException ie) throw ie;
            if (timedOut(e)) throw new TooLarge(HttpStatus.REQUEST_TIMEOUT, "the request body did not arrive within " + readTimeoutMs / 1000 + " s");
            // Jetty's multipart parser: a body cut short, a missing boundary, a part header it cannot read
            throw new InputException("upload", "body", "a complete multipart/form-data body", rootMessage(e));
        }
        if (file == null) throw new InputException("upload", "scan", "a multipart file field 'scan'", "none");
        if (lot == null || lot.isBlank() || !lot.matches("[A-Za-z0-9._-]{1,100}")) throw new InputException("upload", "lot", "a lot id of [A-Za-z0-9._-]", String.valueOf(lot));
        String given = file.filename() == null ? "" : file.filename();
        if (given.length() > 200) throw new InputException("upload", "file name", "at most 200 characters", given.length() + " characters");
        if (given.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) throw new InputException("upload", "file name", "printable characters", "a control character");
        String name = given.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isBlank() || name.startsWith(".")) throw new InputException("upload", "file name", "a plain file name", "'" + given + "'");
        Path dir = Files.createTempDirectory("solidscope-upload");
        Map<String, String> hints = new LinkedHashMap<>();
        try {
            try (InputStream in = file.content()) {
                Files.copy(in, dir.resolve(name));
            }
            UploadedFile side = ctx.uploadedFile("sidecar");
            if (side != null) {
                try (InputStream in = side.content()) {
                    Files.copy(in, dir.resolve(name + ".json"));
                }
            }
            if (ctx.formParam("cell_id") != null) hints.put("cell_id", ctx.formParam("cell_id"));
            if (ctx.formParam("state") != null) hints.put("state", ctx.formParam("state"));
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        Ingest.Result r = ingestWithinBudget(dir, name, lot, hints);
        if (r == null) {
            throw new TooLarge(HttpStatus.UNPROCESSABLE_CONTENT, name + ": its analysis took longer than the " + uploadBudgetMs / 1000.0
                    + " s an upload may take; nothing is stored (ingest such files with `solidscope ingest`)");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", name);
        m.put("outcome", r.outcome().name().toLowerCase());
        m.put("cell", r.cellId());
        m.put("modality", r.modality());
        m.put("state", r.state());
        if (r.outcome() == Ingest.Outcome.ALREADY_PRESENT) m.put("detail", r.reason());
        m.put("verdict", r.verdict());
        if (r.outcome() == Ingest.Outcome.CONFLICT) {
            // the bytes are in the record as another cell or state: the claim contradicts it
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("error", "conflict");
            e.put("detail", r.reason());
            e.put("stored_as", Map.of("cell", r.cellId(), "state", r.state()));
            ctx.status(HttpStatus.CONFLICT).contentType("application/json").result(Json.writeCompact(e));
            return;
        }
        if (r.outcome() == Ingest.Outcome.FAILED) {
            // the message names the temporary path; give the user's file name instead
            error(ctx, HttpStatus.BAD_REQUEST, "bad scan", r.reason().replace(dir.resolve(name).toString(), name));
            return;
        }
        ctx.status(r.outcome() == Ingest.Outcome.STORED ? HttpStatus.CREATED : HttpStatus.OK);
        json(ctx, m);
    }

    /**
     * Ingests an uploaded file on the upload workers, waiting at most the upload budget; null when the budget ran out
     * first. The worker then still finishes its analysis but stores nothing: whichever of the two comes first — the
     * worker reaching its store, the request giving up — wins, so an answer of "took too long" never has a stored
     * measurement behind it. The worker removes the temporary folder when it is done.
     */
    private Ingest.Result ingestWithinBudget(Path dir, String name, String lot, Map<String, String> hints) {
        AtomicInteger state = new AtomicInteger(ANALYSING);
        Future<Ingest.Result> job;
        try {
            job = uploadWorkers.submit(() -> {
                try {
                    if (state.get() == ABANDONED) return null; // queued past the budget: not begun at all
                    return new Ingest(catalog, modalities).one(dir.resolve(name), lot, hints, () -> state.compareAndSet(ANALYSING, STORING));
                } finally {
                    deleteTree(dir);
                }
            });
        } catch (RejectedExecutionException e) {
            deleteTree(dir);
            throw new TooLarge(HttpStatus.SERVICE_UNAVAILABLE, "the server is analysing as many uploads as it queues; send it again later");
        }
        try {
            try {
                return job.get(uploadBudgetMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (state.compareAndSet(ANALYSING, ABANDONED)) return null;
                return job.get(); // storing already: the answer waits for the record
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an upload was analysed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static final int ANALYSING = 0, STORING = 1, ABANDONED = 2;

    private static void deleteTree(Path dir) {
        try (Stream<Path> w = Files.walk(dir)) {
            w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove the upload folder " + dir + ": " + e.getMessage());
        }
    }
}
