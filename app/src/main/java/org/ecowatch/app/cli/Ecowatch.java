package org.ecowatch.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./ecowatch}: one launcher, one subcommand per task (CONTRACT §7). */
@Command(name = "ecowatch", mixinStandardHelpOptions = true, version = "ecowatch 0.1.0",
        description = "Off-site environmental enforcement: monitoring data in, inspection leads out.",
        subcommands = {DemoCommand.class, RunCommand.class, SimulateCommand.class, DecodeCommand.class, GatewayCommand.class,
                ServeCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Ecowatch {
    /** Exit status for bad usage or bad configuration (CONTRACT §7). */
    public static final int BAD_USAGE = 2;
    /** Exit status for a failure at run time. */
    public static final int FAILED = 1;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Ecowatch());
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigurationProblem problem) {
                cmd.getErr().println(problem.getMessage());
                return BAD_USAGE;
            }
            cmd.getErr().println("ecowatch: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Ecowatch.class).error("command failed", e);
            return FAILED;
        });
        return cli;
    }
}
