#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline report --workspace W --out F.pdf [--from D] [--to D] [--service S]… [--environment-rule R]
// [--theme light|dark] [--anonymise]`: the retro report as a PDF, what the views show for that period.
int runReport(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
