package org.solidscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.InputException;
import org.solidscope.workflow.ModalityRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"HTTP server on the record: lot dashboard, cell pages, upload, JSON API (/api/openapi.json).",
                "Writes need a bearer token (solidscope token create); reads are open on loopback and need a token otherwise."},
        footer = {"", "Examples:", "  solidscope serve                         # http://127.0.0.1:8080/",
                "  solidscope serve --bind 0.0.0.0 --port 8443 --db jdbc:postgresql://line-db/solidscope?user=u&password=p"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE}: this machine only)")
    String bind;

    @Option(names = "--upload-seconds", defaultValue = "120",
            description = "time one upload's analysis may take; longer ones are answered 422 and nothing is stored (default ${DEFAULT-VALUE})")
    double uploadSeconds;

    @Option(names = "--spec", description = "inspection specification for uploads (JSON); default: the shipped one")
    Path specFile;

    @Mixin
    CatalogOptions where;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) throw new InputException("--port", "port", "0 … 65535", String.valueOf(port));
        if (!(uploadSeconds > 0) || uploadSeconds > 86_400) throw new InputException("--upload-seconds", "budget", "a number of seconds in (0, 86400]", String.valueOf(uploadSeconds));
        Catalog cat = where.open();
        boolean loopback = isLoopback(bind);
        SolidScopeServer server = new SolidScopeServer(cat, ModalityRegistry.loadOrDefault(specFile), loopback).uploadBudgetMs(Math.round(uploadSeconds * 1000));
        int p = server.start(bind, port);
        cmd.commandLine().getOut().printf("SolidScope serving %s on http://%s:%d/ (reads %s; writes need a token)%n",
                where.db != null ? "PostgreSQL" : where.workspace().toAbsolutePath(), bind, p, loopback ? "open on loopback" : "need a token");
        cmd.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        new CountDownLatch(1).await();
        return 0;
    }

    static boolean isLoopback(String bind) {
        try {
            return java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.io.IOException e) {
            throw new InputException("--bind", "address", "a host name or IP address", bind);
        }
    }
}
