package org.solidscope.app;

import java.util.concurrent.Callable;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.core.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Bearer tokens for the server.", subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class},
        footer = {"", "Examples:", "  solidscope token create --name station-1", "  solidscope token list", "  solidscope token revoke --name station-1"})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it once (only its SHA-256 is kept).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "who or what uses it, e.g. station-1")
        String name;

        @Mixin
        CatalogOptions where;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Override
        public Integer call() {
            if (name.isBlank()) throw new InputException("--name", "name", "a name", "''");
            try (var cat = where.open()) {
                String t = new ApiTokens(cat).create(name);
                cmd.commandLine().getOut().println(t);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every token: name, created, last used, revoked (never the token itself).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        CatalogOptions where;

        @Override
        public Integer call() {
            try (var cat = where.openForReading()) {
                var out = Main.out();
                out.printf("%-30s %-20s %-20s %s%n", "name", "created (UTC)", "last used (UTC)", "state");
                for (ApiTokens.TokenInfo t : new ApiTokens(cat).list()) {
                    out.printf("%-30s %-20s %-20s %s%n", t.name(), t.createdUtc().toString().substring(0, 19),
                            t.lastUsedUtc() == null ? "never" : t.lastUsedUtc().toString().substring(0, 19), t.revoked() ? "revoked" : "live");
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke the live token of a name: the server refuses it from then on.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "the token's name, as token list shows it")
        String name;

        @Mixin
        CatalogOptions where;

        @Override
        public Integer call() {
            try (var cat = where.open()) {
                new ApiTokens(cat).revoke(name);
            }
            Main.out().println("revoked " + name);
            return 0;
        }
    }
}
