#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline init <workspace>`: creates an empty workspace file with the current schema.
int runInit(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
