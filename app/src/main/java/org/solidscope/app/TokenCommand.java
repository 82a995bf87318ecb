package org.solidscope.app;

import java.util.concurrent.Callable;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.core.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Bearer tokens for the server.", subcommands = TokenCommand.Create.class,
        footer = {"", "Example:", "  solidscope token create --name station-1"})
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
            String t = new ApiTokens(where.open()).create(name);
            cmd.commandLine().getOut().println(t);
            return 0;
        }
    }
}
