#pragma once
// `kafkascope --test-connection`: the connection dialog's Test button for scripts, without a
// display. Prints the broker count, cluster id and controller, or the exact error.

#include "command_line.h"

// Returns the process exit code: 0 connected, 1 not (error on stderr).
int runConnectionCheck(int argc, char *argv[], const CommandLineOptions &options);
