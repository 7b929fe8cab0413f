#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline import <kind> …`: runs one importer headless (kinds arrive with their issues).
int runImport(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
