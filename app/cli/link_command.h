#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline link --workspace W [--set KEY=VALUE]… [--unset KEY]…`: link settings and a relink.
int runLink(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
