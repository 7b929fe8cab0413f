#pragma once

#include "ci/ci_context.h"
#include "store/import_batch.h"

#include <vector>

namespace faultline::store {
class Workspace;
}

namespace faultline::importers::ci {

struct CiImportReport
{
    std::vector<CiFile> files; // in import order
    std::vector<store::ImportSummary> summaries; // one per file, same order
    QStringList skipped; // files inside given folders that are not CI exports
    std::int64_t rowsWritten = 0;
    int warnings = 0;
    std::int64_t flakyMarked = 0; // test results newly marked flaky across reports
};

// `faultline import ci`: expands folders, detects each file's family by content (or takes
// options.format), and imports all files in one transaction — runs before jobs, jobs before logs and
// test reports — so that one bad file leaves the workspace as it was. Throws ImportError or
// ImportCancelled.
class CiImporter
{
public:
    static CiImportReport run(store::Workspace& workspace, const CiImportOptions& options,
                              const ProgressCallback& progress);
    // The files `inputs` stands for: files as given, folders expanded recursively (sorted).
    static QStringList expandInputs(const QStringList& inputs, QStringList* fromFolders = nullptr);
};

} // namespace faultline::importers::ci
