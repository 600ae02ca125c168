"""The tools people run on their own machine: the CLI and the sandbox."""
