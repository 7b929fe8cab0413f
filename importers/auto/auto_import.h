#pragma once

#include "common/progress.h"
#include "store/import_batch.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace faultline::store {
class Workspace;
}

namespace faultline::importers {

// The importer an input goes to: the `faultline import <kind>` commands.
enum class InputKind
{
    Git,
    Ci,
    Deploys,
    Incidents,
    Prs
};
QString inputKindName(InputKind kind); // "git", "ci", … (the CLI's kind names)
QString inputKindTitle(InputKind kind); // "git history", "CI runs", …

struct DetectedInput
{
    QString path;
    InputKind kind = InputKind::Ci;
};

// What a set of dropped or picked paths is: a folder that is a git repository imports as history;
// other folders are read recursively; each file goes to the first kind whose format detection (the
// detection the CLI commands use) recognises its content.
struct Detection
{
    std::vector<DetectedInput> inputs;
    QStringList unrecognised; // "path: why" for files of no known format
};
Detection detectInputs(const QStringList& paths);

// One importer run over the inputs of one kind (one transaction, as the CLI command runs it).
struct AutoImportStep
{
    InputKind kind = InputKind::Ci;
    QStringList paths; // repository, or files as the importer recorded them
    QStringList formats; // one per path
    std::vector<store::ImportSummary> summaries; // one per path
    QStringList notices; // said once to the user (git notices, skipped files)
};

struct AutoImportReport
{
    std::vector<AutoImportStep> steps; // in import order: git, ci, deploys, incidents, prs
};

// Progress of step `step` of `steps` (done of total in the importer's own unit); false cancels.
using AutoImportProgress
    = std::function<bool(int step, int steps, InputKind kind, std::int64_t done, std::int64_t total)>;

// The GUI's `import`: runs CiImporter::run, runFileImport and GitHistoryImporter::run — the functions
// the CLI commands call — over the detected inputs, one kind after the other, all in one transaction
// (each importer's own becomes a savepoint in it). A cancel (progress returns false) or a failure
// throws ImportCancelled or ImportError and rolls every step back: the workspace is as it was. `report`
// receives each step as it finishes; it is complete once runAutoImport returns.
void runAutoImport(store::Workspace& workspace, const Detection& detection,
                   const AutoImportProgress& progress, AutoImportReport& report);

} // namespace faultline::importers
