#pragma once

#include <QString>

namespace faultline::cli {

// True when the arguments name a headless subcommand or a global option (--help, --version);
// false for no arguments or a single workspace path, which open the GUI.
bool isCliInvocation(int argc, char** argv);

// The workspace a GUI invocation should open (`faultline team.faultline`), or an empty string.
QString workspaceArgument(int argc, char** argv);

// Runs a subcommand headless and returns the process exit code (see command.h). `openInGui` receives
// a workspace for the window to open afterwards (the demo's, unless --no-gui); empty otherwise.
int run(int argc, char** argv, QString* openInGui = nullptr);

} // namespace faultline::cli
