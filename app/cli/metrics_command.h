#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline metrics --workspace W [--from D] [--to D] [--service S]… [--environment-rule R]
// [--ai-threshold 0.5|any] [--churn-window 14] [--format json|csv|table]`.
int runMetrics(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
