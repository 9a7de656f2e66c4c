using LspGen.Cli;

return Cli.Run(args, CliContext.ForConsole());
