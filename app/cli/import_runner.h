#pragma once

#include "command.h"

#include <functional>

namespace faultline::importers {
struct LinkSummary;
}

namespace faultline::store {
class Workspace;
struct ImportSummary;
} // namespace faultline::store

namespace faultline::cli {

// The frame every `import <kind>` (and `link`) shares: opens the workspace (creating it when
// missing), runs the import, and turns ImportError, ImportCancelled and StoreError into one line on
// stderr ("faultline <command>: …") and exit 1.
// A workspace the failed import had created is removed again: no half-made file is left behind.
// `work` returns the exit code.
int runImportInWorkspace(const QString& command, const QString& workspacePath, QTextStream& err,
                         const std::function<int(store::Workspace& workspace, bool created)>& work);

// "Linked in 0.4 s: 12 deployments (…), 3 incident links, …".
void printLinkSummary(QTextStream& out, const importers::LinkSummary& links);

// One line per imported file: "Imported <absolute path> (<format>): 3 jobs, 1 pipeline_runs; 2 warnings".
void printImportedFile(QTextStream& out, const QString& path, const QString& format,
                       const store::ImportSummary& summary);

// The first warnings of one imported file, one per line ("warning: <file>:<line>: <path>: …"), and
// how many more the import log holds: a count alone tells the user nothing they can act on.
void printImportWarnings(QTextStream& err, const store::Workspace& workspace,
                         const store::ImportSummary& summary);

} // namespace faultline::cli
