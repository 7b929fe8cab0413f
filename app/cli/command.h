#pragma once

#include <QStringList>
#include <QTextStream>

namespace faultline::cli {

// Exit codes shared by every subcommand.
enum ExitCode : int { Ok = 0, Failure = 1, UsageError = 2 };

// A headless subcommand: its name, a one-line summary for `faultline --help`, and its entry point.
// args excludes the program name and the subcommand itself.
struct Command
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args, QTextStream& out, QTextStream& err);
};

} // namespace faultline::cli
