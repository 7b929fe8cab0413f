#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline export <dataset> --workspace W --out F.csv [--from D] [--to D] [--service S]…
// [--environment-rule R] [--ai-threshold 0.5|any] [--churn-window 14] [--segment all|ai|not-ai]
// [--anonymise | --no-anonymise]`, and `faultline export [<dataset>] --columns`. `--out -` (or
// /dev/stdout) writes to standard output; a file is written next to its final name and renamed into
// place, so a failed export never leaves half a file.
int runExport(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
