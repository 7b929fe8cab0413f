#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline blame --workspace W <path>`: the stored blame at the imported HEAD, one `<sha> <line>` per line.
int runBlame(const QStringList& args, QTextStream& out, QTextStream& err);
// `faultline explain --workspace W <sha>`: why a commit is or is not AI-assisted.
int runExplain(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
