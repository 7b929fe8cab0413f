#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline demo [--dir D] [--seed N] [--no-gui]`: builds the demo team's workspace through the real
// importers. Unless --no-gui, `openInGui` receives the workspace for the window to open once the
// command's own application is gone.
int runDemo(const QStringList& args, QTextStream& out, QTextStream& err, QString* openInGui);

} // namespace faultline::cli
