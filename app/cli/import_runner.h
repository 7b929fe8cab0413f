#pragma once

#include "command.h"

#include <functional>

namespace faultline::store {
class Workspace;
}

namespace faultline::cli {

// The frame every `import <kind>` shares: opens the workspace (creating it when missing), runs the
// import, and turns ImportError, ImportCancelled and StoreError into one line on stderr and exit 1.
// A workspace the failed import had created is removed again: no half-made file is left behind.
// `work` returns the exit code.
int runImportInWorkspace(const QString& kind, const QString& workspacePath, QTextStream& err,
                         const std::function<int(store::Workspace& workspace, bool created)>& work);

} // namespace faultline::cli
