package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A call builds only its own command's tree; the names it goes by are the commands' own, and --help still lists them all. */
class CommandTreeTest {
    @Test
    void namesAreTheCommandsOwnAndHelpListsEveryOne() {
        assertEquals(Main.NAMES.length, Main.COMMANDS.length);
        for (int k = 0; k < Main.NAMES.length; k++) {
            assertEquals(Main.NAMES[k], Main.COMMANDS[k].getAnnotation(CommandLine.Command.class).name(), Main.COMMANDS[k].getName());
        }
        assertEquals(Main.NAMES.length, Main.commandLine(new String[] {"--help"}).getSubcommands().size());
        assertEquals(Main.NAMES.length, Main.commandLine(new String[] {"nosuch"}).getSubcommands().size());
        assertEquals(java.util.Set.of("cycling"), Main.commandLine(new String[] {"cycling", "summary", "x.csv"}).getSubcommands().keySet());
        assertEquals(0, Main.commandLine(new String[] {"--version"}).getSubcommands().size());
        // the compute groups build only the subcommand named; all of them for help or a name they do not have
        assertEquals(java.util.Set.of("label"), Main.commandLine(new String[] {"ct", "label", "m.npy"}).getSubcommands().get("ct").getSubcommands().keySet());
        assertEquals(java.util.Set.of("gate"), Main.commandLine(new String[] {"ut", "gate", "v.npy"}).getSubcommands().get("ut").getSubcommands().keySet());
        assertEquals(CtCommand.SUBCOMMANDS.length, Main.commandLine(new String[] {"ct", "--help"}).getSubcommands().get("ct").getSubcommands().size());
        assertEquals(UtCommand.SUBCOMMANDS.length, Main.commandLine(new String[] {"ut", "nosuch"}).getSubcommands().get("ut").getSubcommands().size());
        CliTest.Run ctHelp = CliTest.run("ct", "--help");
        for (Class<?> c : CtCommand.SUBCOMMANDS) {
            String n = c.getAnnotation(CommandLine.Command.class).name();
            assertTrue(ctHelp.out().contains("  " + n + " ") || ctHelp.out().contains("  " + n + "\n"), n + " in ct --help");
        }
        CliTest.Run ctTypo = CliTest.run("ct", "lable", "m.npy");
        assertEquals(2, ctTypo.code());
        assertTrue(ctTypo.err().contains("lable"), ctTypo.err());
        assertTrue(CliTest.run("--version").out().startsWith("SolidScope "));
        CliTest.Run help = CliTest.run("--help");
        for (String n : Main.NAMES) assertTrue(help.out().contains("  " + n + " ") || help.out().contains("  " + n + "\n"), n + " in --help");
        CliTest.Run unknown = CliTest.run("nosuch");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("nosuch"), unknown.err());
    }
}
