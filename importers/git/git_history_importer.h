#pragma once

#include "common/progress.h"
#include "store/import_batch.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace faultline::store {
class Workspace;
}

namespace faultline::importers::git {

struct GitImportOptions
{
    QString repository;
    QStringList refs; // empty: HEAD. The first one is the "imported HEAD" whose blame is stored.
    bool firstParent = false; // fast mode: follow first parents only, a merge is one ordinary commit
    QString rulesFile; // user AI-marker rules overriding/extending the defaults
    QStringList excludeGlobs; // paths skipped entirely (vendored, generated)
    std::int64_t maxBlobBytes = 4 * 1024 * 1024; // larger blobs are opaque
    int workers = 0; // diff workers; 0: one per core
};

struct GitImportReport
{
    store::ImportSummary summary;
    std::int64_t commitsWalked = 0;
    std::int64_t commitsProcessed = 0; // diffed and tracked in this run
    std::int64_t newCommits = 0;
    std::int64_t filesAtHead = 0;
    std::int64_t linesAtHead = 0;
    bool incremental = false; // resumed from the stored blame of the previous head
    QString headSha;
    QStringList notices; // shallow clone, re-tracking, …: said once to the user
};

// Imports a repository's history into a workspace in one transaction: commits with AI attribution,
// per-file line counts, blame at the imported head as line spans, and churn. Throws ImportError
// (or ImportCancelled when `progress` returns false); the workspace is then unchanged.
class GitHistoryImporter
{
public:
    static GitImportReport run(store::Workspace& workspace, const GitImportOptions& options, const ProgressCallback& progress);
};

} // namespace faultline::importers::git
